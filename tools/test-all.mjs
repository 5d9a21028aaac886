// `npm test` after build and lint: the main Jest run (unit, integration, e2e)
// and, side by side with it, the fault suite (jest.faults.config.js), one fault
// file at a time. Each fault file starts, stops and kills its own RabbitMQ nodes
// and PostgreSQL cluster, so it cannot disturb the main run or another fault
// file. The fault files form a queue: one lane takes them from the start, the
// second joins once the main run is done, so neither core idles while the other
// still has an hour-long tail; the longest files go first.
// Arguments go to every run. With --json --outputFile=<f>, the result files are
// merged into <f>, so CI counts every test once.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';

const FAULTS_DIR = 'test/faults';
const args = process.argv.slice(2);
const outputArg = args.find((a) => a.startsWith('--outputFile='));
const output = outputArg?.slice('--outputFile='.length);
const jest = 'node_modules/.bin/jest';

function run(configArgs, outputFile) {
  const runArgs = args.map((a) =>
    a === outputArg && outputFile ? `--outputFile=${outputFile}` : a,
  );
  return new Promise((resolve) => {
    const child = spawn(jest, [...configArgs, ...runArgs], { stdio: 'inherit' });
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** Fault files, largest first: a longer file usually runs longer. */
function faultFiles() {
  return readdirSync(FAULTS_DIR)
    .filter((name) => name.endsWith('.fault-spec.ts'))
    .map((name) => `${FAULTS_DIR}/${name}`)
    .sort((a, b) => statSync(b).size - statSync(a).size);
}

const faultOutputs = [];
let nextFault = 0;
const queue = faultFiles();

/** Runs fault files from the shared queue until it is empty; the first failing exit status wins. */
async function faultLane() {
  let status = 0;
  while (nextFault < queue.length) {
    const index = nextFault++;
    const faultOutput = output ? `${output}.faults-${index}.json` : undefined;
    if (faultOutput) faultOutputs.push(faultOutput);
    const code = await run(
      ['-c', 'jest.faults.config.js', '--runTestsByPath', queue[index]],
      faultOutput,
    );
    status = status || code;
  }
  return status;
}

/** A test-name or path filter (`npm test -- dispatch`) goes to one fault run, as to the main run. */
function filteredFaultRun() {
  const faultOutput = output ? `${output}.faults-0.json` : undefined;
  if (faultOutput) faultOutputs.push(faultOutput);
  return run(['-c', 'jest.faults.config.js'], faultOutput);
}

// With a filter, a fault file named on the command line would run whatever the filter says.
const filtered = args.some((a) => !a.startsWith('-'));
const [[mainStatus, secondLaneStatus], firstLaneStatus] = await Promise.all([
  run([], output).then(async (status) => [status, filtered ? 0 : await faultLane()]),
  filtered ? filteredFaultRun() : faultLane(),
]);
const faultsStatus = firstLaneStatus || secondLaneStatus;

/** Adds a Jest JSON result into another: counts summed, suites listed, success only if both. */
function mergeInto(total, part) {
  for (const key of Object.keys(total)) {
    if (key.startsWith('num') && typeof total[key] === 'number' && typeof part[key] === 'number') {
      total[key] += part[key];
    }
  }
  total.success = total.success && part.success;
  total.testResults = [...total.testResults, ...part.testResults];
}

if (output) {
  const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
  const results = [output, ...faultOutputs].map(read);
  const written = results.filter(Boolean);
  if (written.length > 0) {
    const [total, ...parts] = written;
    for (const part of parts) mergeInto(total, part);
    // A run that wrote nothing crashed: count it as a failed suite, not as nothing.
    const crashed = results.length - written.length;
    if (crashed > 0) {
      total.numRuntimeErrorTestSuites = (total.numRuntimeErrorTestSuites ?? 0) + crashed;
      total.success = false;
    }
    writeFileSync(output, JSON.stringify(total));
  }
  for (const file of faultOutputs) rmSync(file, { force: true });
}
process.exit(mainStatus !== 0 ? mainStatus : faultsStatus);
