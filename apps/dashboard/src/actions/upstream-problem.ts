import { ProblemException } from '@dinner-rush/service-kit';
import { UpstreamRefusal } from '../snapshot/http-json';

/**
 * Statuses a service's answer keeps when the dashboard passes it on: the
 * thing asked for is not there (a queue the service does not consume), or the
 * service asks to come back later. Anything else a service answers, or no
 * answer at all, is the dashboard's upstream failing: 502, never a bare 500.
 */
const PASSED_ON = new Set([404, 409, 429]);

/** Runs an action forwarded to `service`, answering its failure as problem+json. */
export async function forwardedTo<T>(service: string, action: Promise<T>): Promise<T> {
  try {
    return await action;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (error instanceof UpstreamRefusal && PASSED_ON.has(error.status)) {
      throw new ProblemException({
        title: `${service} refused`,
        status: error.status,
        code: 'upstream-refused',
        detail,
      });
    }
    throw new ProblemException({
      title: 'Bad Gateway',
      status: 502,
      code: 'upstream-failed',
      detail: `${service} failed: ${detail}`,
    });
  }
}
