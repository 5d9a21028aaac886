// `npm test` after build and lint: the main Jest run (unit, integration, e2e)
// and, side by side with it, the fault suite (jest.faults.config.js). The fault
// suite starts, stops and kills its own RabbitMQ node and PostgreSQL cluster, so
// it cannot disturb the main run, and both spend most of their time waiting on
// brokers and timers, so running them together halves the wall time on two cores.
// Arguments go to both runs. With --json --outputFile=<f>, the two result files
// are merged into <f>, so CI counts every test once.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

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

const faultsOutput = output ? `${output}.faults.json` : undefined;
const [mainStatus, faultsStatus] = await Promise.all([
  run([], output),
  run(['-c', 'jest.faults.config.js'], faultsOutput),
]);

if (output && faultsOutput && existsSync(faultsOutput)) {
  const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
  const main = read(output);
  const faults = read(faultsOutput);
  if (main && faults) {
    for (const key of Object.keys(main)) {
      if (
        typeof main[key] === 'number' &&
        typeof faults[key] === 'number' &&
        key.startsWith('num')
      ) {
        main[key] += faults[key];
      }
    }
    main.success = main.success && faults.success;
    main.testResults = [...main.testResults, ...faults.testResults];
    writeFileSync(output, JSON.stringify(main));
  } else if (faults) {
    // The main run wrote nothing (it crashed): count that as a failed suite, not as nothing.
    faults.numRuntimeErrorTestSuites = (faults.numRuntimeErrorTestSuites ?? 0) + 1;
    faults.success = false;
    writeFileSync(output, JSON.stringify(faults));
  }
  rmSync(faultsOutput, { force: true });
}
process.exit(mainStatus !== 0 ? mainStatus : faultsStatus);
