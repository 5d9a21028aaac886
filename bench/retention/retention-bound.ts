import type { TableCount } from './table-census';

/** A census taken while the load ran, `elapsedS` after it started. */
export interface CensusSample {
  elapsedS: number;
  tables: TableCount[];
}

export interface Overgrown {
  elapsedS: number;
  table: string;
  rows: number;
  recent: number;
}

/**
 * How far a retained table may outgrow its window: at a steady rate a table
 * swept every few seconds holds its window's rows plus at most one sweep
 * interval's worth; twice the window's rows leaves a whole window of slack for
 * a late sweep, while a table nobody sweeps holds (elapsed ÷ window) times its
 * window's rows, far more after a few windows.
 */
export const BOUND_FACTOR = 2;

/**
 * Retained tables that held more than BOUND_FACTOR times the rows their
 * retention window accounts for (rows younger than the window: rate × window,
 * measured on the table itself), in any sample from `fromS` on (earlier, no
 * row is old enough to go).
 */
export function overgrownTables(samples: readonly CensusSample[], fromS: number): Overgrown[] {
  return samples
    .filter((sample) => sample.elapsedS >= fromS)
    .flatMap((sample) =>
      sample.tables
        .filter((t) => t.kind === 'retained' && t.rows > BOUND_FACTOR * (t.recent ?? 0))
        .map((t) => ({
          elapsedS: sample.elapsedS,
          table: `${t.service}.${t.table}`,
          rows: t.rows,
          recent: t.recent ?? 0,
        })),
    );
}
