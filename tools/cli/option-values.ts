import { InvalidArgumentError } from '@commander-js/extra-typings';

/**
 * Value parsers for options and arguments. Each refuses what it cannot use
 * (commander then names the option and exits 2), so `--limit abc` never
 * becomes NaN and `--rate -1` never reaches a tool.
 */
const DECIMAL = /^\d+(\.\d+)?$/;

export function wholeNumber(min = 0): (raw: string) => number {
  return (raw) => {
    if (!/^\d+$/.test(raw) || Number(raw) < min)
      throw new InvalidArgumentError(`expected a whole number ≥ ${min}.`);
    return Number(raw);
  };
}

export function nonNegative(raw: string): number {
  if (!DECIMAL.test(raw)) throw new InvalidArgumentError('expected a number ≥ 0.');
  return Number(raw);
}

export function positive(raw: string): number {
  const value = nonNegative(raw);
  if (value === 0) throw new InvalidArgumentError('expected a number > 0.');
  return value;
}

/** A fraction of the orders, 0..1. */
export function share(raw: string): number {
  const value = nonNegative(raw);
  if (value > 1) throw new InvalidArgumentError('expected a share between 0 and 1.');
  return value;
}

export function tcpPort(raw: string): number {
  const port = wholeNumber(1)(raw);
  if (port > 65_535) throw new InvalidArgumentError('expected a TCP port (1-65535).');
  return port;
}

/** An instant such as 2026-11-22T00:00:00Z. */
export function instant(raw: string): Date {
  const time = new Date(raw);
  if (Number.isNaN(time.getTime()))
    throw new InvalidArgumentError('expected an ISO time, e.g. 2026-11-22T00:00:00Z.');
  return time;
}

export function urlOf(...protocols: string[]): (raw: string) => string {
  return (raw) => {
    const parsed = URL.canParse(raw) ? new URL(raw) : undefined;
    if (!parsed || !protocols.includes(parsed.protocol.slice(0, -1)))
      throw new InvalidArgumentError(`expected a ${protocols.join(' or ')} URL.`);
    return raw;
  };
}

/** A comma-separated list; with `allowed`, each item must be one of them. */
export function listOf<T extends string = string>(allowed?: readonly T[]): (raw: string) => T[] {
  return (raw) => {
    const items = raw
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    if (items.length === 0) throw new InvalidArgumentError('expected a comma-separated list.');
    const unknown = allowed ? items.filter((item) => !allowed.includes(item as T)) : [];
    if (unknown.length > 0)
      throw new InvalidArgumentError(
        `unknown ${unknown.join(', ')} (one of ${allowed?.join(', ')}).`,
      );
    return items as T[];
  };
}
