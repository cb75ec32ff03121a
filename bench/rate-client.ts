/**
 * The open-loop client of bench:webhook, in a process of its own: `rate-client.ts PORT RATE SECONDS` sends
 * distinct signed events at a constant rate and prints one JSON line with the result. A separate process, run
 * with a small young generation (--max-semi-space-size=1), keeps the client's own garbage-collection pauses
 * out of the server's latency; its event-loop delay is reported so that any stall of the client shows.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { constantRate } from './constant-rate.js';
import { eventHeaders, presignedEvents } from './signed-events.js';

const [port, rate, durationS] = process.argv.slice(2).map(Number) as [number, number, number];
const events = presignedEvents(Math.round(rate * durationS));
let next = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
const result = await constantRate({
  port,
  path: '/webhook/zalo',
  rate,
  durationS,
  next: () => {
    const e = events[next++]!;
    return { body: e.body, headers: eventHeaders(e) };
  },
});
loopDelay.disable();
console.log(JSON.stringify({ ...result, clientStallMaxMs: loopDelay.max / 1e6 }));
