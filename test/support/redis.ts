import { inject } from 'vitest';

/** URL of the real Redis server the suite runs against, or '' when none is available (tests skip loudly). */
export function testRedisUrl(): string {
  return inject('redisUrl');
}

let counter = 0;
/** A key prefix unique to this test file and call, so that parallel test files never share keys. */
export function uniquePrefix(label = 't'): string {
  counter += 1;
  return `test:${label}:${process.pid}:${Date.now().toString(36)}:${counter}:`;
}
