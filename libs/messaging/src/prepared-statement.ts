import { createHash } from 'node:crypto';
import type { QueryConfig } from 'pg';

const names = new Map<string, string>();

/**
 * A statement named after its text, so each pooled connection parses and
 * plans it once and then only binds and executes it. The hot paths' SQL is
 * fixed text (batches arrive as one JSON or array parameter), so a handful of
 * names covers them all; without names PostgreSQL parsed and planned every
 * batch's statements anew (about a fifth of their time in the statement log).
 */
export function preparedStatement(text: string, values: unknown[]): QueryConfig {
  let name = names.get(text);
  if (name === undefined) {
    name = `dr_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return { name, text, values };
}
