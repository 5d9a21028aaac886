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
}

/**
 * A webhook receiver (a merchant's endpoint, the customer push gateway) on
 * 127.0.0.1, any free port. It records every POST and answers it with the
 * next scripted status, then 200 once the script is used up.
 */
export class FakeWebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly server = createServer((req, res) => this.handle(req, res));

  private constructor(private readonly script: number[]) {}

  static async start(script: number[] = []): Promise<FakeWebhookReceiver> {
    const receiver = new FakeWebhookReceiver([...script]);
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/webhook`;
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
      this.received.push({
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>,
      });
      res.statusCode = this.script.shift() ?? 200;
      res.end();
    });
  }
}
