import { benchArgs } from '../shared/bench-args';
import { machineInfo } from '../shared/machine';
import { writeJson } from '../shared/results';
import { BOUND_FACTOR, overgrownTables } from './retention-bound';
import { runRetentionSoak } from './retention-soak';
import { soakReport } from './soak-report';

/**
 * npm run bench:retention [-- --rate 20 --duration 300 --window 30 --sweep-ms 5000 --sample 15]
 * The whole pipeline under a steady order rate with every retention window
 * shrunk to --window seconds: how many rows each growing table holds, census
 * after census, against what its window accounts for. Figures only: it prints
 * the tables that outgrew BOUND_FACTOR × their window's rows but never fails on them.
 */
async function main(): Promise<void> {
  const args = benchArgs(process.argv.slice(2), {
    rate: '20',
    duration: '300',
    window: '30',
    'sweep-ms': '5000',
    sample: '15',
    out: 'bench/results/retention.json',
  });
  const options = {
    ratePerS: Number(args.rate),
    durationS: Number(args.duration),
    windowS: Number(args.window),
    sweepMs: Number(args['sweep-ms']),
    sampleEveryS: Number(args.sample),
  };
  const result = await runRetentionSoak(options, (line) => console.error(line));
  // No row may go before it is a window old, nor be expected gone before the next sweep.
  const fromS = 2 * options.windowS + options.sweepMs / 1_000;
  const judged = result.samples.filter((s) => s.elapsedS >= fromS).length;
  const overgrown = overgrownTables(result.samples, fromS);
  console.log(soakReport(result));
  console.log(
    judged === 0
      ? `no census from ${fromS} s on: the run is too short to judge this window and sweep`
      : overgrown.length === 0
        ? `every retained table stayed within ${BOUND_FACTOR}× its window's rows in ${judged} censuses from ${fromS} s on`
        : `outgrew ${BOUND_FACTOR}× their window's rows: ${JSON.stringify(overgrown)}`,
  );
  writeJson(args.out, { machine: machineInfo(), ...result, overgrown });
  console.log(`wrote ${args.out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
