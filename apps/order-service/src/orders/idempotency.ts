import { createHash } from 'node:crypto';

/**
 * Fingerprint of a validated request body, independent of key order and
 * whitespace, so "the same request again" is recognised however it is encoded.
 */
/** What an Idempotency-Key remembers: the request it was first used with and the answer given. */
export interface IdempotencyRecord {
  key: string;
  requestHash: string;
  orderId: string;
  statusCode: number;
  responseBody: unknown;
}

export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** JSON with object keys sorted at every level (arrays keep their order: it is meaningful). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}
