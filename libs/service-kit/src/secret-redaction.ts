import { stdSerializers, type LoggerOptions } from 'pino';

/** `scheme://user:password@` → `scheme://user:***@`, wherever it appears in a text. */
export function redactUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]*@/gi, '$1:***@');
}

/**
 * Secrets never reach a log line: configuration keys that hold credentials are
 * censored wherever they are logged as fields, and a URL with a password in a
 * message or an error (a driver quoting its connection string) is masked.
 */
export const secretRedaction: Pick<LoggerOptions, 'redact' | 'hooks' | 'serializers'> = {
  redact: {
    paths: [
      'DATABASE_URL',
      'RABBITMQ_URL',
      'password',
      '*.DATABASE_URL',
      '*.RABBITMQ_URL',
      '*.password',
      '*.databaseUrl',
      '*.rabbitmqUrl',
      '*.uri',
      'req.headers.authorization',
      'req.headers.cookie',
    ],
    censor: '[redacted]',
  },
  hooks: {
    logMethod(args, method) {
      method.apply(
        this,
        args.map((arg: unknown) =>
          typeof arg === 'string' ? redactUrlCredentials(arg) : arg,
        ) as Parameters<typeof method>,
      );
    },
  },
  serializers: {
    err: (error: Error) => {
      const serialized = stdSerializers.err(error);
      return {
        ...serialized,
        message: redactUrlCredentials(serialized.message),
        stack: redactUrlCredentials(serialized.stack),
      };
    },
  },
};
