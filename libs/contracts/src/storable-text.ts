import { z } from 'zod';

/** An unpaired UTF-16 surrogate: half of a character, which no UTF-8 text can hold. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether PostgreSQL can store `value` as text or inside jsonb. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/**
 * A string PostgreSQL can store. It refuses NUL characters (in text and in
 * jsonb) and unpaired surrogates (not valid UTF-8): such input would pass the
 * schema and come back as a 500 (or a poison message retried five times),
 * when it is the client's mistake, worth a 400 naming the field (or the
 * dead-letter queue at once). Every string of a request or event that is
 * written to the database is one of these; chain .min/.max as usual.
 */
export function storableText() {
  return z.string().refine(isStorableText, {
    message: 'must not contain NUL characters or unpaired surrogates',
  });
}

/** Whether every string (and key) inside a JSON value is storable text (see isStorableText). */
export function isStorableJson(value: unknown): boolean {
  if (typeof value === 'string') return isStorableText(value);
  if (Array.isArray(value)) return value.every(isStorableJson);
  if (value && typeof value === 'object') {
    return Object.entries(value).every(
      ([key, inner]) => isStorableText(key) && isStorableJson(inner),
    );
  }
  return true;
}
