import { LoggerModule } from 'nestjs-pino';
import { secretRedaction } from './secret-redaction';

/**
 * Structured JSON logs (pino), one `service` field per line, no per-request
 * lines. LOG_FORMAT=pretty (what `npm start` sets) renders them for a human
 * terminal instead; JSON stays the default for machines and containers.
 */
export function loggingModule(service: string, level: string) {
  const pretty = process.env.LOG_FORMAT === 'pretty';
  return LoggerModule.forRoot({
    pinoHttp: {
      name: service,
      level,
      autoLogging: false,
      base: { service },
      quietReqLogger: true,
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
