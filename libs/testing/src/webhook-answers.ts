import { Readable } from 'node:stream';
import type { ScriptedAnswer } from './fake-webhook-receiver';

/**
 * A 200 whose body is `totalBytes` long, produced lazily as the client reads
 * (backpressure), so `produced()` tells how much the client really took.
 */
export function hugeAnswer(totalBytes: number): { answer: ScriptedAnswer; produced: () => number } {
  let produced = 0;
  const chunk = Buffer.alloc(64 * 1024, 'x');
  function* body() {
    while (produced < totalBytes) {
      const next = chunk.subarray(0, Math.min(chunk.length, totalBytes - produced));
      produced += next.length;
      yield next;
    }
  }
  return {
    answer: (res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      Readable.from(body()).pipe(res);
    },
    produced: () => produced,
  };
}

/** A 200 whose body never ends: one byte every `everyMs`, until the client hangs up. */
export function drippingAnswer(everyMs = 50): ScriptedAnswer {
  return (res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const timer = setInterval(() => res.write('.'), everyMs);
    res.on('close', () => clearInterval(timer));
  };
}

/** No answer at all: the request hangs until the client gives up or the receiver stops. */
export const silentAnswer: ScriptedAnswer = () => undefined;
