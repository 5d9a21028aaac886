import { cpus, totalmem } from 'node:os';
import type { AuditReport } from '@dinner-rush/audit';
import type { LoadOptions } from '../cli/load-options';
import type { DriveResult } from '../driver/drive-profile';
import type { RequestRecord } from '../driver/request-record';
import type { PipelineSample } from '../sampling/pipeline-sampler';
import {
  intakeFigures,
  intakeSeries,
  type IntakeFigures,
  type IntakeSecond,
} from './intake-figures';
import {
  drainRate,
  histogram,
  summarise,
  type LatencySummary,
  type QueueReading,
  type QueueSource,
} from '@dinner-rush/pipeline-stats';
import { consumerQueuesSeen, peakRss, queueFigures, type QueueFigures } from './queue-figures';

/** Longest id list kept in the report: enough to investigate, not a dump. */
const MAX_IDS = 50;

export interface LoadReport {
  tool: 'dinner-rush load';
  runId: string;
  startedAt: string;
  finishedAt: string;
  machine: { cores: number; memoryGiB: number; node: string };
  settings: {
    profile: string;
    arrivals: 'open-loop' | 'closed-loop';
    connections: number;
    seed: number;
    idempotencyShare: number;
    duplicateShare: number;
    invalidShare: number;
    urls: LoadOptions['urls'];
    vhost: string;
    drainTimeoutS: number;
  };
  phases: DriveResult['phases'];
  ramp: DriveResult['ramp'] | null;
  /** The headline figures. */
  accepted: number;
  rejected: Record<string, number>;
  lost: number;
  doubleApplied: number;
  intake: IntakeFigures;
  /** Order created → each consumer's step, and → the last of them, from the services' own timestamps. */
  endToEndMs: Record<string, LatencySummary>;
  queues: QueueFigures & {
    /** Where depth came from: the management API (ready + unacked, rates) or AMQP (ready only). */
    source: QueueSource | null;
  };
  services: { peakRssBytes: Record<string, number | null> };
  audit: AuditReport;
  /** Every consumer queue read empty (twice in a row) within the drain timeout after the load. */
  drained: boolean;
  /** Passed: drained, nothing lost, nothing applied twice, ledger right, nothing refused was written. */
  ok: boolean;
  series: {
    intake: IntakeSecond[];
    /** Per consumer queue; waitingLine is rider-assignment's (orders waiting for a rider). */
    queues: {
      tS: number;
      depth: Record<string, number>;
      drainRate: Record<string, number>;
      waitingLine: number | null;
    }[];
    services: { tS: number; rssBytes: Record<string, number | null> }[];
  };
  distributions: { endToEndMs: Record<string, { fromMs: number; count: number }[]> };
}

export interface ReportInputs {
  runId: string;
  startedAt: Date;
  options: LoadOptions;
  drive: DriveResult;
  records: readonly RequestRecord[];
  samples: readonly PipelineSample[];
  audit: AuditReport;
  drained: boolean;
  endToEnd: Record<string, number[]>;
}

export function buildLoadReport(inputs: ReportInputs): LoadReport {
  const { options, drive, records, samples, audit } = inputs;
  const consumers = consumerQueuesSeen(samples);
  const intake = intakeFigures(records, drive.phases);
  const burstPhases = drive.phases.filter((p) => options.profile.burstPhases.includes(p.name));
  const burst = burstPhases.length
    ? {
        startMs: Math.min(...burstPhases.map((p) => p.startMs)),
        endMs: Math.max(...burstPhases.map((p) => p.startMs + p.durationS * 1000)),
      }
    : null;
  const doubled = new Set([...audit.doubleApplied, ...intake.duplicatesNewOrder]);
  const trimmed: AuditReport = {
    ...audit,
    lost: audit.lost.slice(0, MAX_IDS),
    doubleApplied: audit.doubleApplied.slice(0, MAX_IDS),
    debitMismatch: audit.debitMismatch.slice(0, MAX_IDS),
    rejectedWritten: audit.rejectedWritten.slice(0, MAX_IDS),
  };
  return {
    tool: 'dinner-rush load',
    runId: inputs.runId,
    startedAt: inputs.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    settings: {
      profile: options.profile.name,
      arrivals: options.closedLoop ? 'closed-loop' : 'open-loop',
      connections: options.connections,
      seed: options.seed,
      idempotencyShare: options.idempotencyShare,
      duplicateShare: options.duplicateShare,
      invalidShare: options.invalidShare,
      urls: options.urls,
      vhost: options.rabbitmq.vhost,
      drainTimeoutS: options.drainTimeoutS,
    },
    phases: drive.phases,
    ramp: drive.ramp ?? null,
    accepted: intake.accepted,
    rejected: intake.rejected,
    lost: audit.lost.length,
    doubleApplied: doubled.size,
    intake,
    endToEndMs: Object.fromEntries(
      Object.entries(inputs.endToEnd).map(([step, values]) => [step, summarise(values)]),
    ),
    queues: {
      ...queueFigures(samples, burst),
      source: samples.findLast((s) => s.queueSource)?.queueSource ?? null,
    },
    services: { peakRssBytes: peakRss(samples) },
    audit: trimmed,
    drained: inputs.drained,
    // A run that has not drained proves nothing about the orders still queued: never OK.
    ok: inputs.drained && audit.ok && doubled.size === 0 && intake.invalidAccepted === 0,
    series: {
      intake: intakeSeries(records),
      queues: samples
        .filter((s) => s.queues)
        .map((s) => ({
          tS: s.tMs / 1000,
          depth: pick(s, consumers, (q) => q.messages),
          drainRate: pick(s, consumers, drainRate),
          waitingLine: s.waitingLine,
        })),
      services: samples.map((s) => ({
        tS: s.tMs / 1000,
        rssBytes: Object.fromEntries(Object.entries(s.services).map(([n, v]) => [n, v.rssBytes])),
      })),
    },
    distributions: {
      endToEndMs: Object.fromEntries(
        Object.entries(inputs.endToEnd).map(([step, values]) => [step, histogram(values)]),
      ),
    },
  };
}

/** One figure of each consumer queue in a sample, keyed by queue (0 when it was not read). */
function pick(
  sample: PipelineSample,
  queues: readonly string[],
  figure: (queue: QueueReading) => number,
): Record<string, number> {
  return Object.fromEntries(
    queues.map((queue) => {
      const found = sample.queues?.[queue];
      return [queue, found ? figure(found) : 0];
    }),
  );
}
