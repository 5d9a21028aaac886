import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { supervise } from './supervise';

/**
 * The supervisor over real (tiny) processes, with signals sent through an
 * emitter of the spec's own instead of this process: a command that dies is
 * restarted while the other keeps running, and a stop ends everything,
 * including a restart that was still due.
 */
describe('supervise', () => {
  let dir: string;
  let signals: EventEmitter;
  let output: PassThrough;
  let log: string;

  // Each start appends a line to <name>.starts; `crashes` first starts exit 1, later ones run until signalled.
  const script = (name: string, crashes: number) => {
    const file = join(dir, `${name}.js`);
    writeFileSync(
      file,
      `const fs = require('fs');
       fs.appendFileSync(${JSON.stringify(join(dir, `${name}.starts`))}, 'x\\n');
       const starts = fs.readFileSync(${JSON.stringify(join(dir, `${name}.starts`))}, 'utf8').split('\\n').length - 1;
       if (starts <= ${crashes}) process.exit(1);
       setInterval(() => undefined, 1000);`,
    );
    return { name, command: `exec "${process.execPath}" ${file}` };
  };
  const starts = (name: string) => {
    try {
      return readFileSync(join(dir, `${name}.starts`), 'utf8').split('\n').length - 1;
    } catch {
      return 0;
    }
  };
  const until = async (condition: () => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out; log so far:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'supervise-'));
    signals = new EventEmitter();
    output = new PassThrough();
    log = '';
    output.on('data', (chunk: Buffer) => (log += chunk.toString()));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('restarts a service that dies, leaves the others running, and stops cleanly on SIGINT', async () => {
    const done = supervise([script('crasher', 1), script('steady', 0)], { signals, output });
    await until(() => starts('crasher') === 2);
    expect(log).toContain('crasher exited (code 1): restart 1 of 8 in 1 s');
    expect(starts('steady')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the restarted one get going
    signals.emit('SIGINT', 'SIGINT');
    await expect(done).resolves.toBe(0);
    expect(log).toMatch(/crasher stopped \(signal SIGINT\)/);
    expect(log).toMatch(/steady stopped \(signal SIGINT\)/);
  });

  it('on SIGTERM, a restart still due never happens and start-all does not wait for it', async () => {
    const done = supervise([script('crasher', 100), script('steady', 0)], { signals, output });
    await until(() => log.includes('restart 1 of 8 in 1 s'));
    const stoppedAt = Date.now();
    signals.emit('SIGTERM', 'SIGTERM');
    await expect(done).resolves.toBe(0);
    expect(Date.now() - stoppedAt).toBeLessThan(5_000);
    expect(log).toContain('crasher was waiting for its restart: stays stopped');
    expect(log).toMatch(/steady stopped \(signal SIGTERM\)/);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // past the restart's due time
    expect(starts('crasher')).toBe(1);
  });
});
