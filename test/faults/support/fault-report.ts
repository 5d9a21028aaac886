import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '@dinner-rush/testing';

export const REPORTS_DIR = join(REPO_ROOT, 'reports/faults');

/** One case's figures, as printed and kept in reports/faults/<suite>.json. */
export interface CaseFigures {
  case: string;
  recoveryMs?: number;
  consumersBackMs?: number;
  accepted: number;
  lost: number;
  doubleApplied: number;
  [figure: string]: unknown;
}

/** Collects a suite's case figures; written (and printed) once the suite ends. */
export class FaultReport {
  private readonly cases: CaseFigures[] = [];

  constructor(private readonly suite: string) {}

  add(figures: CaseFigures): void {
    this.cases.push(figures);
    process.stdout.write(`[faults] ${JSON.stringify(figures)}\n`);
  }

  write(): void {
    if (this.cases.length === 0) return;
    mkdirSync(REPORTS_DIR, { recursive: true });
    const file = join(REPORTS_DIR, `${this.suite}.json`);
    writeFileSync(
      file,
      `${JSON.stringify({ suite: this.suite, at: new Date().toISOString(), cases: this.cases }, null, 2)}\n`,
    );
  }
}
