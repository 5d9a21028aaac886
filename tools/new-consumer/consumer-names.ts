/** Every spelling of a new consumer's name the templates need. */
export interface ConsumerNames {
  /** kebab-case service name: apps/<name>, prisma/<name>, queue <name>.orders. */
  name: string;
  /** PascalCase, for types (CustomerNotifyConfig). */
  pascal: string;
  /** camelCase, for values (customerNotifyEnvSchema, Queues.customerNotify). */
  camel: string;
  /** snake_case PostgreSQL schema. */
  schema: string;
  /** The status event's name without version, e.g. customer.notified. */
  event: string;
  /** Its contract constant, e.g. CustomerNotifiedV1. */
  eventConst: string;
  port: number;
}

const SERVICE_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const EVENT_NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

const pascalCase = (words: string[]): string =>
  words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');

/**
 * Derives every spelling from the service name. The status event defaults to
 * `<name>.processed`; its constant is the event's words in PascalCase plus V1.
 */
export function consumerNames(
  name: string,
  port: number,
  event = `${name}.processed`,
): ConsumerNames {
  if (!SERVICE_NAME.test(name)) {
    throw new Error(`service name "${name}" must be kebab-case (e.g. customer-notify)`);
  }
  if (!EVENT_NAME.test(event) || /\.v\d+$/.test(event)) {
    throw new Error(`event "${event}" must look like "customer.notified" (no version suffix)`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`port "${port}" is not a TCP port`);
  }
  const words = name.split('-');
  const pascal = pascalCase(words);
  return {
    name,
    pascal,
    camel: pascal.charAt(0).toLowerCase() + pascal.slice(1),
    schema: words.join('_'),
    event,
    eventConst: `${pascalCase(event.split(/[.-]/))}V1`,
    port,
  };
}

/** The placeholder each template uses for each spelling (replaced longest first). */
export function placeholders(names: ConsumerNames): [string, string][] {
  return [
    ['__nameCamel__', names.camel],
    ['__EventV1__', names.eventConst],
    ['__schema__', names.schema],
    ['__event__', names.event],
    ['__Name__', names.pascal],
    ['__name__', names.name],
    ['__port__', String(names.port)],
  ];
}

export function fillPlaceholders(text: string, names: ConsumerNames): string {
  return placeholders(names).reduce((out, [token, value]) => out.replaceAll(token, value), text);
}
