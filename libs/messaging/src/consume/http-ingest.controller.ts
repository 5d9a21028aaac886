import { Body, Controller, HttpCode, HttpException, Logger, Post } from '@nestjs/common';
import { Roles } from '@dinner-rush/auth';
import { HttpIngestDispatcher, type IngestResult } from './http-ingest-dispatcher';
import { PermanentMessageError } from './permanent-message-error';

/**
 * POST /events: an event envelope delivered over HTTP instead of the queue
 * (only with HTTP_INGEST=true; used by the synchronous baseline of
 * `npm run compare`). 200 once the handler's transaction committed (or the
 * inbox already had the message); 422 for what the queue path would
 * dead-letter; 503 for what it would retry.
 */
@Roles('operator') // service to service: the sync baseline's own token
@Controller('events')
export class HttpIngestController {
  private readonly logger = new Logger(HttpIngestController.name);

  constructor(private readonly dispatcher: HttpIngestDispatcher) {}

  @Post()
  @HttpCode(200)
  async ingest(@Body() body: unknown): Promise<IngestResult> {
    try {
      return await this.dispatcher.ingest(body);
    } catch (error) {
      throw this.asProblem(error);
    }
  }

  private asProblem(error: unknown): HttpException {
    if (error instanceof PermanentMessageError) {
      return problem(422, 'Unprocessable Content', error.code, error.message);
    }
    this.logger.warn(`transient failure ingesting an event over HTTP: ${String(error)}`);
    return problem(503, 'Service Unavailable', 'transient-failure', String(error));
  }
}

/** A problem+json body the service's ProblemDetailsFilter sends as it is. */
function problem(status: number, title: string, code: string, detail: string): HttpException {
  return new HttpException({ type: 'about:blank', title, status, code, detail }, status);
}
