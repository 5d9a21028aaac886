import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** The body exactly as it arrived (what a signature covers). */
  raw: string;
}

/** How the receiver answers one POST: a status code, or a handler that misbehaves at will. */
export type ScriptedAnswer = number | ((res: ServerResponse) => void);

/**
 * A webhook receiver (a merchant's endpoint, the customer push gateway) on
 * 127.0.0.1 (or `host`), any free port. It records every POST and answers it
 * with the next scripted answer, then 200 once the script is used up; it
 * counts the TCP connections made to it (a refused webhook must make none).
 */
export class FakeWebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  connections = 0;
  private readonly server = createServer((req, res) => this.handle(req, res));

  private constructor(private readonly script: ScriptedAnswer[]) {
    this.server.on('connection', () => (this.connections += 1));
  }

  static async start(
    script: ScriptedAnswer[] = [],
    host = '127.0.0.1',
  ): Promise<FakeWebhookReceiver> {
    const receiver = new FakeWebhookReceiver([...script]);
    await new Promise<void>((resolve) => receiver.server.listen(0, host, resolve));
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/webhook`;
  }

  async stop(): Promise<void> {
    // Kept-alive connections from the sender would otherwise hold close() open.
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) =>
      this.server.close((error) => (error ? reject(error) : resolve())),
    );
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString();
      this.received.push({
        headers: req.headers,
        body: JSON.parse(raw) as Record<string, unknown>,
        raw,
      });
      const answer = this.script.shift() ?? 200;
      if (typeof answer === 'function') return answer(res);
      res.statusCode = answer;
      res.end();
    });
  }
}
