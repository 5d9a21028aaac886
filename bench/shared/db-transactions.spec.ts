import { commitsElsewhere } from './db-transactions';

describe('commitsElsewhere', () => {
  it('adds what each other database committed, a new one from zero, a dropped one not at all', () => {
    const before = { database: 10, elsewhere: { postgres: 100, dr_test_a: 50, dr_test_b: 7 } };
    const after = { database: 900, elsewhere: { postgres: 103, dr_test_a: 80, dr_test_c: 12 } };
    expect(commitsElsewhere(before, after)).toBe(3 + 30 + 12);
  });
});
