import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { Request, Response } from 'express';
import { isDatabaseUnavailable } from '@dinner-rush/database';

/** Seconds a client is asked to wait before retrying while the database is down. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** RFC 9457 problem details; `errors` names each offending field. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: { field: string; message: string }[];
}

/** An error with a stable code that the edge turns into problem+json. */
export class ProblemException extends HttpException {
  constructor(problem: Omit<ProblemDetails, 'type'> & { type?: string }) {
    super({ type: 'about:blank', ...problem }, problem.status);
  }
}

function describeMessage(message: unknown): string {
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map((m) => describeMessage(m)).join('; ');
  return JSON.stringify(message);
}

function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

/** Body-parser failures (malformed JSON, oversized body) arrive as plain errors with a status. */
interface HttpishError {
  status?: number;
  statusCode?: number;
  type?: string;
  message?: string;
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    // Global filters also see errors thrown by message handlers (golevelup runs them in
    // Nest's external context, type 'rmq'): those must reach the consumer failure policy
    // unchanged, or a permanent error would be retried as a TypeError.
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    if (isDatabaseUnavailable(exception)) {
      // Nothing was committed (one transaction per request): the client may simply retry.
      this.logger.warn(`database unavailable: ${String(exception)}`);
      const response = http.getResponse<Response>();
      response.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      sendProblem(http.getRequest<Request>(), response, {
        type: 'about:blank',
        title: 'Service Unavailable',
        status: 503,
        code: 'database-unavailable',
        detail: 'the database is unavailable; nothing was saved, retry later',
      });
      return;
    }
    const problem = toProblem(exception);
    // Only the unexpected is an error; a deliberate 503 (not ready) is an answer.
    if (!(exception instanceof HttpException)) this.logger.error(exception);
    sendProblem(http.getRequest<Request>(), http.getResponse<Response>(), problem);
  }
}

export function sendProblem(request: Request, response: Response, problem: ProblemDetails): void {
  problem.instance ??= request.originalUrl;
  response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/**
 * Express error middleware placed right after the JSON body parser. Nest would
 * turn a parse failure into a bare 400 BadRequestException before any filter
 * sees it; answering here keeps the stable `malformed-json` code.
 */
export function bodyParserProblems(
  error: unknown,
  request: Request,
  response: Response,
  next: (err?: unknown) => void,
): void {
  const type = (error as HttpishError | undefined)?.type;
  if (type === 'entity.parse.failed' || type === 'entity.too.large') {
    sendProblem(request, response, toProblem(error));
    return;
  }
  next(error);
}

export function toProblem(exception: unknown): ProblemDetails {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    if (typeof body === 'object' && body !== null && 'title' in body) {
      return { ...body, status } as ProblemDetails;
    }
    if (typeof body !== 'object' || body === null) {
      return { type: 'about:blank', title: reasonPhrase(status), status, detail: String(body) };
    }
    // Nest's { statusCode, message, error } shape, or a library's own body (terminus:
    // { status, info, error, details }): keep its members as problem extensions.
    const {
      message,
      statusCode: _code,
      status: _status,
      error,
      ...extensions
    } = body as Record<string, unknown>;
    return {
      type: 'about:blank',
      title: typeof error === 'string' ? error : reasonPhrase(status),
      status,
      ...(message === undefined ? {} : { detail: describeMessage(message) }),
      ...(typeof error === 'object' && error !== null ? { error } : {}),
      ...extensions,
    };
  }
  const err = exception as HttpishError;
  const status = err?.status ?? err?.statusCode;
  if (err?.type === 'entity.too.large') {
    return {
      type: 'about:blank',
      title: 'Payload Too Large',
      status: 413,
      code: 'body-too-large',
      detail: err.message,
    };
  }
  if (err?.type === 'entity.parse.failed') {
    return {
      type: 'about:blank',
      title: 'Malformed JSON',
      status: 400,
      code: 'malformed-json',
      detail: err.message,
    };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { type: 'about:blank', title: 'Bad Request', status, detail: err.message };
  }
  return {
    type: 'about:blank',
    title: 'Internal Server Error',
    status: HttpStatus.INTERNAL_SERVER_ERROR,
  };
}
