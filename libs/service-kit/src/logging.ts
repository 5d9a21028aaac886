import { LoggerModule } from 'nestjs-pino';

/** Structured JSON logs (pino), one `service` field per line; no per-request log lines. */
export function loggingModule(service: string, level: string) {
  return LoggerModule.forRoot({
    pinoHttp: {
      name: service,
      level,
      autoLogging: false,
      base: { service },
      quietReqLogger: true,
    },
  });
}
