import { describe, it, expect } from 'vitest';
import { createLogger, maskId } from '../../src/observability/logger.js';

describe('logger redaction', () => {
  it('never writes tokens, secrets, cookies or authorization headers', () => {
    const lines: string[] = [];
    const log = createLogger('info', { write: (s: string) => void lines.push(s) });
    log.info({ accessToken: 'AT-SECRET', refresh_token: 'RT-SECRET', nested: { secret_key: 'SK-SECRET', password: 'PW' }, req: { headers: { authorization: 'Bearer TOKEN-X', cookie: 'sid=COOKIE' } } }, 'event');
    const out = lines.join('');
    for (const secret of ['AT-SECRET', 'RT-SECRET', 'SK-SECRET', 'PW"', 'TOKEN-X', 'COOKIE']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('masks user ids down to their last four characters', () => {
    expect(maskId('2468000000000000003')).toBe('…0003');
    expect(maskId('12')).toBe('****');
    expect(maskId(undefined)).toBe('');
  });
});
