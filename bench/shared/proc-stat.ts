import { readdirSync, readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat a CPU account needs (proc(5)); times in clock ticks. */
export interface ProcStat {
  pid: number;
  /** The executable's name, at most 15 characters (may hold spaces and parentheses). */
  comm: string;
  ppid: number;
  utime: number;
  stime: number;
  /** User and system time of children this process has waited for (reaped). */
  cutime: number;
  cstime: number;
}

/**
 * Parses one /proc/<pid>/stat line. comm sits in parentheses and may itself
 * contain spaces or ")", so the numeric fields are split from after the last
 * ")"; field n of proc(5) is then element n - 3 (field 3 is the state).
 */
export function parseProcStat(line: string): ProcStat {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error(`not a /proc/<pid>/stat line: "${line}"`);
  const fields = line
    .slice(close + 2)
    .trim()
    .split(' ');
  const field = (n: number): number => {
    const value = Number(fields[n - 3]);
    if (!Number.isFinite(value)) throw new Error(`field ${n} missing in "${line}"`);
    return value;
  };
  return {
    pid: Number(line.slice(0, open).trim()),
    comm: line.slice(open + 1, close),
    ppid: field(4),
    utime: field(14),
    stime: field(15),
    cutime: field(16),
    cstime: field(17),
  };
}

/** One process's stat, or undefined when it has exited meanwhile (a race, not an error). */
export function readProcStat(pid: number | 'self'): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Its command line with spaces for the NUL separators ('' when it has exited). */
export function readCmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return '';
  }
}

/** Every process visible now. */
export function readProcessTable(): ProcStat[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => readProcStat(Number(name)) ?? []);
}
