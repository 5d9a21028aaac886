import fc from 'fast-check';

/**
 * What a hostile or careless client may put in a path, a query or a body,
 * shared by every service's input fuzz so each route meets the same inputs.
 */

/** Strings a database or a parser may choke on: NUL bytes, lone surrogates, huge or empty ones. */
export const nastyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '',
    ' ',
    '%00',
    '%',
    '../..',
    '__proto__',
    'constructor',
    "'; DROP TABLE orders;--",
  ),
  fc.string({ maxLength: 300 }),
  fc.string({ minLength: 1_000, maxLength: 3_000 }),
);

export const anyJson = fc.jsonValue({ maxDepth: 3 });

/** Numbers at the edges: doubles (NaN and infinities become null in JSON), huge, unsafe, negative zero. */
export const anyNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, 0, -1),
);

/** Any value a JSON field may be given. */
export const anyValue = fc.oneof(nastyString, anyJson, anyNumber);

/** A path segment: something plausible, or something nasty (never empty: that is another route). */
export function pathSegment(...plausible: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    ...(plausible.length > 0 ? [fc.constantFrom(...plausible)] : []),
    fc.uuid(),
    nastyString.filter((s) => s.length > 0),
  );
}

/** A query string of the given keys (and a stray one), each with a nasty value, repeated keys included. */
export function queryString(...keys: string[]): fc.Arbitrary<string> {
  return fc
    .array(
      fc.tuple(
        fc.constantFrom(...keys, `${keys[0] ?? 'x'}[]`, `${keys[0] ?? 'x'}[a]`, 'x'),
        fc.oneof(nastyString, anyNumber.map(String)),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => pairs.map(([k, v]) => `${percentEncoded(k)}=${percentEncoded(v)}`).join('&'));
}

/**
 * Every UTF-8 byte percent-encoded (encodeURIComponent throws on a lone
 * surrogate; its UTF-8 form is U+FFFD, which the server must take as well).
 */
export function percentEncoded(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

/** Header values travel as Latin-1 without CR/LF (the HTTP client refuses others before sending). */
export function headerSafe(value: string): string {
  return value.replace(/[^\u0020-\u007e\u00a0-\u00ff]/g, '?');
}

/**
 * Headers a client may send beside its token: odd content types and
 * encodings the body parser must refuse cleanly, garbage trace context the
 * tracer must ignore, and long or odd values anywhere.
 */
export const hostileHeaders: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.constantFrom(
    'content-type',
    'content-encoding',
    'accept',
    'accept-encoding',
    'traceparent',
    'tracestate',
    'baggage',
    'x-forwarded-for',
    'x-request-id',
    'idempotency-key',
    'origin',
    'cookie',
    'user-agent',
  ),
  fc.oneof(
    fc.constantFrom(
      'application/json',
      'application/json; charset=utf-16',
      'application/json; charset=nonsense',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'gzip',
      'br',
      'identity, x-unknown',
      '00-ffffffffffffffffffffffffffffffff-ffffffffffffffff-01',
      '00-00000000000000000000000000000000-0000000000000000-00',
      '*/*',
      '',
    ),
    nastyString.map(headerSafe),
  ),
  { maxKeys: 3 },
);

/** A request body: a value as JSON text, which is broken (first character cut) one time in four. */
export interface HostileBody {
  value: unknown;
  broken: boolean;
}

export function hostileBody(valid: fc.Arbitrary<unknown>): fc.Arbitrary<HostileBody> {
  return fc.record({
    value: fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: anyValue }),
    broken: fc.nat(3).map((n) => n === 0),
  });
}

/** The body's bytes as sent: JSON text, or JSON text missing its first character. */
export function bodyText({ value, broken }: HostileBody): string {
  const text = JSON.stringify(value) ?? 'null';
  return broken ? text.slice(1) : text;
}
