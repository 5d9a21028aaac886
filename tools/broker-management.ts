import { request } from 'node:http';

/**
 * One call to RabbitMQ's management HTTP API (credentials in the URL). Plain
 * node:http without an agent, so no keep-alive socket outlives the call.
 */
export function managementCall(
  managementUrl: string,
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  const base = new URL(managementUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: base.hostname,
        port: base.port || 15672,
        path: `${base.pathname.replace(/\/$/, '')}/api${path}`,
        method,
        agent: false,
        auth: `${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`,
        headers: { 'content-type': 'application/json' },
        timeout: 30_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: timed out`)));
    req.end(payload);
  });
}

/** The same, failing unless the answer is 2xx (the error names the call, never the credentials). */
export async function management(
  managementUrl: string,
  method: 'GET' | 'PUT' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<string> {
  const answer = await managementCall(managementUrl, method, path, body);
  if (answer.status < 200 || answer.status >= 300)
    throw new Error(`${method} /api${path}: ${answer.status} ${answer.body.slice(0, 500)}`);
  return answer.body;
}
