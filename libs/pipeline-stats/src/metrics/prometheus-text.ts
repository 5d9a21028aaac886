/** One sample of Prometheus' text format: metric name, labels, value. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
const SPECIAL: Record<string, number> = { '+Inf': Infinity, '-Inf': -Infinity, NaN: NaN };

/**
 * Parses the exposition text a service's GET /metrics answers (comments
 * skipped; a timestamp after the value is ignored). The one parser of it:
 * dashboard, load generator and benches.
 */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) {
      if (key !== undefined) labels[key] = (value ?? '').replace(/\\(.)/g, '$1');
    }
    const raw = match[3] ?? '';
    samples.push({ name: match[1] ?? '', labels, value: SPECIAL[raw] ?? Number(raw) });
  }
  return samples;
}

const matching = (samples: readonly Sample[], name: string, where: Record<string, string>) =>
  samples.filter(
    (s) =>
      s.name === name &&
      Number.isFinite(s.value) &&
      Object.entries(where).every(([k, v]) => s.labels[k] === v),
  );

/** Sum of every sample of `name` whose labels include `where`; 0 when there is none. */
export function sumOf(
  samples: readonly Sample[],
  name: string,
  where: Record<string, string> = {},
): number {
  return matching(samples, name, where).reduce((total, s) => total + s.value, 0);
}

/** The same, null when no sample matched: a metric the service does not expose is not a zero. */
export function sumOrNull(
  samples: readonly Sample[],
  name: string,
  where: Record<string, string> = {},
): number | null {
  const found = matching(samples, name, where);
  return found.length === 0 ? null : found.reduce((total, s) => total + s.value, 0);
}

/** sumOrNull straight from the text, for a reader that wants one figure. */
export function metricSum(
  text: string,
  name: string,
  where: Record<string, string> = {},
): number | null {
  return sumOrNull(parsePrometheusText(text), name, where);
}
