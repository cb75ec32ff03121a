import { describe, expect, it } from 'vitest';
import { ZaloApiError, classifyZaloError } from '../../src/zalo/errors.js';
import { TokenBucket } from '../../src/zalo/rate-limiter.js';

describe('classifyZaloError (reference §4)', () => {
  it.each([
    [-32, 'transient'],
    [-100, 'transient'],
    [-200, 'transient'],
    [-216, 'token'],
    [-220, 'token'],
    [-124, 'token'],
    [-230, 'window'],
    [-232, 'window'],
    [-201, 'permanent'],
    [-210, 'permanent'],
    [-213, 'permanent'],
    [-234, 'permanent'],
    [-240, 'permanent'],
  ] as const)('code %i is %s', (code, kind) => {
    expect(classifyZaloError(code, 200, 'envelope')).toBe(kind);
  });

  it('HTTP 5xx, network failures and timeouts are transient; HTTP 4xx without envelope is permanent', () => {
    expect(classifyZaloError(0, 502, 'http')).toBe('transient');
    expect(classifyZaloError(0, undefined, 'network')).toBe('transient');
    expect(classifyZaloError(0, undefined, 'timeout')).toBe('transient');
    expect(classifyZaloError(0, 404, 'http')).toBe('permanent');
  });

  it('labels errors for metrics', () => {
    expect(new ZaloApiError({ code: -216, message: 'x', source: 'envelope' }).label).toBe('-216');
    expect(new ZaloApiError({ code: 0, message: 'x', source: 'http', httpStatus: 503 }).label).toBe('http_503');
    expect(new ZaloApiError({ code: 0, message: 'x', source: 'timeout' }).label).toBe('timeout');
  });
});

describe('TokenBucket', () => {
  it('allows a one-second burst, then spaces calls at the configured rate, in order', async () => {
    let now = 0;
    const waits: number[] = [];
    const clock = {
      now: () => now,
      sleep: async (ms: number) => {
        waits.push(ms);
      },
    };
    const bucket = new TokenBucket(600, clock); // 10 per second, burst 10
    for (let i = 0; i < 10; i++) await bucket.take();
    expect(waits).toEqual([]);
    await bucket.take();
    await bucket.take();
    expect(waits).toEqual([100, 200]);
    now = 1000; // time passes: the debt is repaid and tokens refill
    waits.length = 0;
    await bucket.take();
    expect(waits).toEqual([]);
  });
});
