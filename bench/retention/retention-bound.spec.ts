import { BOUND_FACTOR, overgrownTables, type CensusSample } from './retention-bound';
import type { TableCount } from './table-census';

const table = (
  rows: number,
  recent: number,
  kind: TableCount['kind'] = 'retained',
): TableCount => ({
  service: 'ledger',
  table: 'inbox',
  kind,
  rows,
  recent: kind === 'retained' ? recent : null,
});
const sample = (elapsedS: number, ...tables: TableCount[]): CensusSample => ({ elapsedS, tables });

describe('overgrownTables', () => {
  it('accepts a table within BOUND_FACTOR times its window’s rows', () => {
    expect(overgrownTables([sample(20, table(BOUND_FACTOR * 40, 40))], 10)).toEqual([]);
  });

  it('reports a table that keeps what its window let go (nobody sweeps it)', () => {
    expect(overgrownTables([sample(20, table(100, 40)), sample(30, table(150, 40))], 10)).toEqual([
      { elapsedS: 20, table: 'ledger.inbox', rows: 100, recent: 40 },
      { elapsedS: 30, table: 'ledger.inbox', rows: 150, recent: 40 },
    ]);
  });

  it('ignores samples before the first window could be swept, and tables not kept by age', () => {
    expect(
      overgrownTables([sample(5, table(100, 1)), sample(20, table(500, 0, 'record'))], 10),
    ).toEqual([]);
  });
});
