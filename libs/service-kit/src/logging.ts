import { RequestMethod } from '@nestjs/common';
import { logLineFields } from '@dinner-rush/messaging';
import { LoggerModule } from 'nestjs-pino';
import { secretRedaction } from './secret-redaction';

/**
 * Structured JSON logs (pino), one `service` field per line, no per-request
 * lines, and no per-request logger either: pino-http's middleware (a child
 * logger and a redaction pass per request) cost intake about 5 % of its CPU
 * for lines nobody wrote. LOG_FORMAT=pretty (what `npm start` sets) renders
 * them for a human terminal instead; JSON stays the default for machines and
 * containers. Each line carries `trace_id` (and, while a message is being
 * handled, its `messageId` and `correlationId`) when tracing is on.
 */
export function loggingModule(service: string, level: string) {
  const pretty = process.env.LOG_FORMAT === 'pretty';
  return LoggerModule.forRoot({
    exclude: [{ method: RequestMethod.ALL, path: '{*path}' }],
    pinoHttp: {
      name: service,
      level,
      autoLogging: false,
      base: { service },
      quietReqLogger: true,
      mixin: logLineFields,
      ...secretRedaction,
      ...(pretty
        ? {
            transport: {
              target: 'pino-pretty',
              options: {
                singleLine: true,
                ignore: 'pid,hostname,service,name,req,reqId',
                translateTime: 'HH:MM:ss.l',
              },
            },
          }
        : {}),
    },
  });
}
