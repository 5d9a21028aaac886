import { request } from 'node:http';

export type ManagementMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export interface ManagementAnswer {
  status: number;
  body: string;
}

export interface ManagementApiOptions {
  /** Given apart from the URL (the dashboard's settings); else the URL's own, else guest. */
  credentials?: { user: string; password: string };
  timeoutMs?: number;
}

/**
 * The one client of RabbitMQ's management HTTP API (tools, tests, dashboard,
 * load generator and benches). Plain node:http without an agent, so no
 * keep-alive socket outlives a call (global fetch keeps one open for seconds,
 * which makes Jest and short CLIs wait). Errors name the call, never the
 * credentials.
 */
export class ManagementApi {
  private readonly base: URL;
  private readonly auth: string;
  private readonly timeoutMs: number;

  constructor(url: string, options: ManagementApiOptions = {}) {
    this.base = new URL(url);
    const user = options.credentials?.user ?? (decodeURIComponent(this.base.username) || 'guest');
    const password =
      options.credentials?.password ?? (decodeURIComponent(this.base.password) || 'guest');
    this.auth = `${user}:${password}`;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** Where the API is, without credentials: for messages. */
  get origin(): string {
    return `${this.base.origin}${this.base.pathname.replace(/\/$/, '')}/api`;
  }

  /** One call; any HTTP status is an answer, only a failed connection or timeout rejects. */
  call(method: ManagementMethod, path: string, body?: unknown): Promise<ManagementAnswer> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const where = `${method} ${this.origin}${path}`;
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: this.base.hostname,
          port: this.base.port || 15672,
          path: `${this.base.pathname.replace(/\/$/, '')}/api${path}`,
          method,
          agent: false,
          auth: this.auth,
          headers: { 'content-type': 'application/json' },
          timeout: this.timeoutMs,
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          res.on('error', reject);
        },
      );
      req.on('error', (error) => reject(new Error(`${where}: ${error.message}`, { cause: error })));
      req.on('timeout', () => req.destroy(new Error(`timed out after ${this.timeoutMs} ms`)));
      req.end(payload);
    });
  }

  /** The answer's body, failing unless the status is 2xx. */
  async text(method: ManagementMethod, path: string, body?: unknown): Promise<string> {
    const answer = await this.call(method, path, body);
    if (answer.status < 200 || answer.status >= 300)
      throw new Error(
        `${method} ${this.origin}${path}: ${answer.status} ${answer.body.slice(0, 500)}`,
      );
    return answer.body;
  }

  async getJson<T>(path: string): Promise<T> {
    return JSON.parse(await this.text('GET', path)) as T;
  }
}

/** A vhost as a path segment of the API ("/" is %2F). */
export const vhostPath = (vhost: string): string => encodeURIComponent(vhost);
