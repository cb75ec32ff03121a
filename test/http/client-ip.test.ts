import type { IncomingMessage } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { clientIp, parseCidr, parseCidrList, proxyTrust, type Cidr } from '../../src/http/client-ip.js';
import { createMetrics } from '../../src/observability/metrics.js';

const trust = (list: string) => proxyTrust((parseCidrList(list) as { cidrs: Cidr[] }).cidrs);
const fakeReq = (peer: string, xff?: string) => ({ socket: { remoteAddress: peer }, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } }) as unknown as IncomingMessage;

describe('TRUSTED_PROXIES', () => {
  it('parses addresses and CIDR blocks, v4 and v6, and refuses anything else', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ address: '10.0.0.0', prefix: 8, family: 'ipv4' });
    expect(parseCidr('::1')).toEqual({ address: '::1', prefix: 128, family: 'ipv6' });
    expect(parseCidr(' fd00::/8 ')).toEqual({ address: 'fd00::', prefix: 8, family: 'ipv6' });
    for (const bad of ['10.0.0.0/33', '10.0.0/8', 'loopback', '::1/129', '1.2.3.4/8/1', '1.2.3.4/x', '']) expect(parseCidr(bad), bad).toBeNull();
    expect(parseCidrList('10.0.0.0/8, 192.168.1.10,::1')).toMatchObject({ cidrs: [{ prefix: 8 }, { prefix: 32 }, { prefix: 128 }] });
    expect(parseCidrList('10.0.0.0/8,uniquelocal')).toEqual({ error: 'uniquelocal' });
  });

  it('trusts no proxy by default, private and loopback peers included', () => {
    const none = trust('');
    for (const ip of ['127.0.0.1', '10.0.0.1', '192.168.1.1', '172.16.0.1', '169.254.1.1', '::1', 'fd00::1', '::ffff:10.0.0.1']) expect(none(ip), ip).toBe(false);
    expect(clientIp(fakeReq('10.0.0.5', '203.0.113.7'), none)).toBe('10.0.0.5');
  });

  it('believes X-Forwarded-For from a listed proxy only, taking the nearest untrusted hop', () => {
    const t = trust('10.0.0.0/8,::1');
    expect([t('10.1.2.3'), t('::ffff:10.1.2.3'), t('::1'), t('11.0.0.1'), t('192.168.0.1'), t('not-an-ip')]).toEqual([true, true, true, false, false, false]);
    expect(clientIp(fakeReq('10.0.0.5', '203.0.113.7'), t)).toBe('203.0.113.7');
    // A client that prepends its own hops cannot hide behind them: the first untrusted hop from the right wins.
    expect(clientIp(fakeReq('10.0.0.5', '1.1.1.1, 203.0.113.7, 10.0.0.9'), t)).toBe('203.0.113.7');
    expect(clientIp(fakeReq('192.168.0.5', '203.0.113.7'), t)).toBe('192.168.0.5');
  });

  it('is validated at start-up with one line naming the variable', () => {
    expect(loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8,::1' }).trustedProxies).toHaveLength(2);
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8,private' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUSTED_PROXIES: 'x' })).toThrow(/^Invalid configuration: TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR blocks/);
  });

  it('sets req.ip in the Express app (the console login throttle) the same way', async () => {
    const echo = express.Router().get('/ip', (req, res) => void res.json({ ip: req.ip }));
    const base = { logger: pino({ level: 'silent' }), metrics: createMetrics(), readiness: [], routers: [echo] };
    const plain = createApp(base);
    expect((await request(plain).get('/ip').set('X-Forwarded-For', '203.0.113.7')).body.ip).not.toBe('203.0.113.7');
    const proxied = createApp({ ...base, metrics: createMetrics(), trustProxy: trust('127.0.0.1,::1') });
    expect((await request(proxied).get('/ip').set('X-Forwarded-For', '203.0.113.7')).body.ip).toBe('203.0.113.7');
  });
});
