import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { NestInstrumentation } from '@opentelemetry/instrumentation-nestjs-core';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { basename, dirname, sep } from 'node:path';

/** Where traces go: the standard variables, per signal or for all. */
function exportEndpoint(env: NodeJS.ProcessEnv): string | undefined {
  return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined;
}

/**
 * The service's name when OTEL_SERVICE_NAME is not set: the app folder of the
 * entry point (dist/apps/<service>/src/main.js), else the script's name.
 */
export function defaultServiceName(entry = process.argv[1] ?? 'node'): string {
  const parts = dirname(entry).split(sep);
  const app = parts.lastIndexOf('apps');
  return app >= 0 && parts[app + 1] ? parts[app + 1]! : basename(entry, '.js');
}

/**
 * Starts the OpenTelemetry SDK, configured only by the standard variables
 * (OTEL_SERVICE_NAME, OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_PROTOCOL,
 * OTEL_TRACES_SAMPLER[_ARG], OTEL_SDK_DISABLED, OTEL_BSP_*). With no endpoint
 * it starts nothing at all: no SDK, no module patching, no context manager, so
 * an untraced service pays only for the API's no-op calls. Traces only: the
 * services' metrics are Prometheus and their logs pino (with trace_id), so the
 * SDK's default OTLP metrics and logs exporters stay off unless asked for.
 *
 * AMQP is traced by libs/messaging itself, not by the amqplib
 * instrumentation: its publish span takes whatever context is active when
 * amqp-connection-manager flushes its buffer (not the outbox row's, whenever
 * the channel is full) and overwrites the `traceparent` header with it, and
 * its consume span cannot show a batch.
 *
 * Instrumentations patch a module when it is first required, so this must
 * run before the service's own imports (see index.ts).
 */
export function startTracing(env: NodeJS.ProcessEnv = process.env): NodeSDK | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  if (!exportEndpoint(env)) return undefined;
  env.OTEL_SERVICE_NAME ||= defaultServiceName();
  env.OTEL_METRICS_EXPORTER ||= 'none';
  env.OTEL_LOGS_EXPORTER ||= 'none';
  const sdk = new NodeSDK({
    instrumentations: [
      // Health probes and metric scrapes would be most of the traces and say nothing.
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => /^\/(health|metrics)\b/.test(request.url ?? ''),
      }),
      new ExpressInstrumentation(),
      new NestInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
  // Spans still in the batch processor leave before the process does.
  process.once('beforeExit', () => void sdk.shutdown());
  return sdk;
}
