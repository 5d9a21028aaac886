import type { NextFunction, Request, Response } from 'express';
import { Histogram } from 'prom-client';

/**
 * Request latency by route template (never the raw path: ids would explode the
 * label set), method and status. Its _count series is the request rate, so
 * intake rate and latency both come from here.
 */
export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request latency by method, route template and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/** Scrapes themselves are not traffic worth measuring. */
const UNMEASURED = new Set(['/metrics']);

export function httpMetricsMiddleware(request: Request, response: Response, next: NextFunction) {
  const stop = httpRequestDuration.startTimer();
  response.once('finish', () => {
    const route = routeTemplate(request);
    if (UNMEASURED.has(route)) return;
    stop({ method: request.method, route, status_code: String(response.statusCode) });
  });
  next();
}

/** Express sets req.route once a route matched; requests answered earlier (bad JSON, 404) have none. */
function routeTemplate(request: Request): string {
  const path = (request.route as { path?: unknown } | undefined)?.path;
  if (typeof path !== 'string') return 'unmatched';
  return `${request.baseUrl}${path}`;
}
