/**
 * Imported FIRST by every service's main.ts (`import '@dinner-rush/telemetry';`):
 * the instrumentations patch http, express, NestJS and pg only if they load
 * before those modules do. Starts tracing when an OTLP endpoint is configured
 * (see startTracing); otherwise does nothing.
 */
import { startTracing } from './start-tracing';

export const tracing = startTracing();
export { defaultServiceName } from './start-tracing';
