import { connect, type ChannelModel } from 'amqplib';

/**
 * RABBITMQ_URL names one broker or the nodes of a cluster: amqp:// (or
 * amqps://) URLs separated by commas. Every connection to the broker starts
 * from this list: the services' managed connection hands it to
 * amqp-connection-manager (which moves to the next URL on each reconnect),
 * and one-shot readers and tools go through connectToAnyBroker.
 */
export function brokerUrls(list: string): string[] {
  const urls = list
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url.length > 0);
  if (urls.length === 0) throw new Error('no broker URL given');
  urls.forEach((url, i) => {
    // The value is never quoted: it may carry a password.
    if (!isAmqpUrl(url)) throw new Error(`broker URL ${i + 1} is not an amqp:// or amqps:// URL`);
  });
  return urls;
}

/** For configuration schemas: true when `list` is a valid broker URL list. */
export function isBrokerUrlList(list: string): boolean {
  try {
    brokerUrls(list);
    return true;
  } catch {
    return false;
  }
}

/** `host:port` of a broker URL, for messages: never its credentials. */
export function brokerAddress(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || (parsed.protocol === 'amqps:' ? 5671 : 5672)}`;
}

/** The vhost a broker URL list names (its first URL's path; "/" when it names none). */
export function brokerVhost(list: string): string {
  const path = new URL(brokerUrls(list)[0] as string).pathname;
  return path.length > 1 ? decodeURIComponent(path.slice(1)) : '/';
}

export type OpenConnection = (url: string, options: { timeout?: number }) => Promise<ChannelModel>;

/**
 * Opens one connection to the first node of the list that accepts it, in list
 * order (a node that is down refuses at once; one that hangs costs
 * `timeoutMs`). Fails only when none does, naming each node and its error.
 */
export async function connectToAnyBroker(
  list: string,
  {
    timeoutMs,
    heartbeatS,
    open = connect,
  }: {
    timeoutMs?: number;
    /** Heartbeat (unless a URL sets one): a node that stops answering closes the connection. */
    heartbeatS?: number;
    open?: OpenConnection;
  } = {},
): Promise<ChannelModel> {
  const failures: string[] = [];
  let last: unknown;
  for (const url of brokerUrls(list)) {
    try {
      return await open(withHeartbeat(url, heartbeatS), { timeout: timeoutMs });
    } catch (error) {
      last = error;
      failures.push(`${brokerAddress(url)}: ${errorText(error)}`);
    }
  }
  throw new Error(`no RabbitMQ node accepted a connection (${failures.join('; ')})`, {
    cause: last,
  });
}

function withHeartbeat(url: string, heartbeatS: number | undefined): string {
  if (heartbeatS === undefined) return url;
  const parsed = new URL(url);
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', `${heartbeatS}`);
  return parsed.toString();
}

function isAmqpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'amqp:' || url.protocol === 'amqps:') && url.hostname.length > 0;
}

function errorText(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message.replace(/\/\/[^@\s]*@/g, '//') : String(error);
}
