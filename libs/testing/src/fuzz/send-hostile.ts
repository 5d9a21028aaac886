import type { Test } from 'supertest';
import { bodyText, type HostileBody } from './hostile-input';

/**
 * Sends a request with the fuzzed headers and, when given, the fuzzed body as
 * raw text (so broken JSON reaches the parser). A JSON content type comes
 * first so a body is parsed unless a hostile header says otherwise.
 */
export function sendHostile(
  request: Test,
  headers: Record<string, string>,
  body?: HostileBody,
): Test {
  let sent = body === undefined ? request : request.set('content-type', 'application/json');
  for (const [name, value] of Object.entries(headers)) sent = sent.set(name, value);
  return body === undefined ? sent : sent.send(bodyText(body));
}
