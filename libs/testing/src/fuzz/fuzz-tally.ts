import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS_DIR } from '../service-process';

/** What the tally needs of an answer (a supertest Response has it). */
export interface FuzzAnswer {
  status: number;
  text?: string;
}

/**
 * Counts of one input fuzz: inputs tried per route and answers by status,
 * printed and written to test-artifacts/<file> so a run shows how much was
 * tried, not only that nothing failed.
 */
export class FuzzTally {
  private readonly tried: Record<string, number> = {};
  private readonly statuses: Record<string, Record<string, number>> = {};

  constructor(private readonly file: string) {}

  /** Records one answer and returns its status, for `expect(tally.seen(...)).toBeLessThan(500)`. */
  seen(route: string, status: number): number {
    this.tried[route] = (this.tried[route] ?? 0) + 1;
    const byStatus = (this.statuses[route] ??= {});
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    return status;
  }

  /** Records one answer and throws on a 5xx, naming the route and what the server said. */
  answered<T extends FuzzAnswer>(route: string, answer: T): T {
    if (this.seen(route, answer.status) >= 500) {
      throw new Error(`${route} answered ${answer.status}: ${answer.text?.slice(0, 500) ?? ''}`);
    }
    return answer;
  }

  /** Answers by class (2xx, 4xx, 5xx…) over every route. */
  byClass(): Record<string, number> {
    const classes: Record<string, number> = {};
    for (const byStatus of Object.values(this.statuses)) {
      for (const [status, n] of Object.entries(byStatus)) {
        const key = `${status[0]}xx`;
        classes[key] = (classes[key] ?? 0) + n;
      }
    }
    return classes;
  }

  write(): void {
    const total = Object.values(this.tried).reduce((sum, n) => sum + n, 0);
    const report = { total, byClass: this.byClass(), tried: this.tried, statuses: this.statuses };
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    writeFileSync(join(ARTIFACTS_DIR, this.file), `${JSON.stringify(report, null, 2)}\n`);
    console.log(
      `[fuzz] ${this.file}: ${total} inputs tried, ${JSON.stringify(report.byClass)}: ${JSON.stringify(this.statuses)}`,
    );
  }
}
