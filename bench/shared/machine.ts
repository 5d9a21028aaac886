import { cpus, loadavg, totalmem } from 'node:os';

/** The machine a figure was measured on, recorded beside every result. */
export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  /** 1-minute load average when the run started: a busy machine explains a slow figure. */
  loadAverage1m: number;
  node: string;
}

export function machineInfo(): MachineInfo {
  const cpu = cpus();
  return {
    cores: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    loadAverage1m: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    node: process.version,
  };
}
