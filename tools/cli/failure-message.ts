import { redactUrlCredentials } from '@dinner-rush/service-kit';

/**
 * What failed and where, in a few lines: the error and each cause under it.
 * fetch says only "fetch failed" and keeps the endpoint's reason (ECONNREFUSED
 * 127.0.0.1:3000) in `cause`, and Node reports a refused dual-stack connect as
 * an AggregateError with an empty message: both would print nothing useful.
 * Credentials in URLs are masked. DINNER_RUSH_DEBUG=1 adds the stack.
 */
export function failureMessage(command: string, error: unknown): string {
  const lines = [`dinner-rush ${command}: ${describe(error)}`];
  let shown = lines[0] ?? '';
  for (let cause = causeOf(error), depth = 0; cause !== undefined && depth < 5; depth++) {
    const text = describe(cause);
    // Tools often quote their cause already; say it once.
    if (!shown.includes(text)) lines.push(`  because: ${text}`);
    shown += text;
    cause = causeOf(cause);
  }
  if (process.env.DINNER_RUSH_DEBUG && error instanceof Error && error.stack)
    lines.push(error.stack);
  return redactUrlCredentials(lines.join('\n'));
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0)
    return [...new Set(error.errors.map(describe))].join('; ');
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function causeOf(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}
