import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import request from 'supertest';
import { pino } from 'pino';
import { createApp } from '../../src/http/app.js';
import { createWebhookRouter, type EventJob, type WebhookDeps } from '../../src/http/webhook.js';
import { parseCidrList, proxyTrust, type Cidr } from '../../src/http/client-ip.js';
import { createMetrics } from '../../src/observability/metrics.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { StoreUnavailableError, type Store } from '../../src/store/ports.js';
import type { JobQueue, QueueJob } from '../../src/store/queue.js';
import { EventInbox } from '../../src/store/event-inbox.js';
import { APP_ID, OA_ID, OA_SECRET, USER_ID, signed, textEvent } from '../support/zalo-fixtures.js';

class RecordingQueue implements JobQueue<EventJob> {
  jobs: QueueJob<EventJob>[] = [];
  failWith: Error | null = null;
  async add(job: QueueJob<EventJob>) {
    if (this.failWith) throw this.failWith;
    this.jobs.push(job);
  }
  async addBulk(jobs: QueueJob<EventJob>[]) {
    for (const j of jobs) await this.add(j);
  }
  start() {}
  async depth() {
    return this.jobs.length;
  }
  async pause() {}
  async resume() {}
  async close() {}
}

const builds: EventInbox<EventJob>[] = [];
afterEach(async () => {
  await Promise.all(builds.splice(0).map((inbox) => inbox.stop()));
});

const LOOPBACK_PROXY = proxyTrust((parseCidrList('127.0.0.1,::1') as { cidrs: Cidr[] }).cidrs);

function build(opts: { store?: Store } & Partial<Pick<WebhookDeps, 'eventsPerMinute' | 'badRequestsPerIpPerMinute' | 'maxEventAgeS' | 'trustProxy' | 'now' | 'maxTextChars'>> = {}) {
  const store = opts.store ?? new MemoryStore();
  const queue = new RecordingQueue();
  const logs: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (s: string) => void logs.push(JSON.parse(s)) });
  const metrics = createMetrics();
  const inbox = new EventInbox<EventJob>(store, queue, logger, { pollMs: 5, retryMs: 20 });
  inbox.start();
  builds.push(inbox);
  const { store: _store, ...guards } = opts;
  const router = createWebhookRouter({ appId: APP_ID, oaId: OA_ID, oaSecretKey: OA_SECRET, inbox, metrics, logger, eventsPerMinute: 10_000, ...guards });
  const app = createApp({ logger, metrics, readiness: [], routers: [router] });
  /** Resolves once every accepted event has been forwarded to the queue. */
  const forwarded = async () => {
    const deadline = Date.now() + 3000;
    while ((await inbox.backlog()) > 0) {
      if (Date.now() > deadline) throw new Error('inbox not forwarded in time');
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { app, queue, store, inbox, logs, metrics, forwarded };
}

function post(app: ReturnType<typeof build>['app'], body: string, signature?: string, contentType = 'application/json', forwardedFor?: string) {
  const req = request(app).post('/webhook/zalo').set('Content-Type', contentType);
  if (signature !== undefined) req.set('X-ZEvent-Signature', signature);
  if (forwardedFor !== undefined) req.set('X-Forwarded-For', forwardedFor);
  return req.send(body);
}

describe('POST /webhook/zalo', () => {
  let ctx: ReturnType<typeof build>;
  beforeEach(() => {
    ctx = build();
  });

  it('queues a correctly signed event once and answers 200', async () => {
    const { body, signature } = signed(textEvent('xin chào'));
    const res = await post(ctx.app, body, signature);
    expect(res.status).toBe(200);
    await ctx.forwarded();
    expect(ctx.queue.jobs).toHaveLength(1);
    expect(ctx.queue.jobs[0]!.orderKey).toBe(USER_ID);
    expect(ctx.queue.jobs[0]!.data.event.kind).toBe('user_send_text');
  });

  it('accepts the signature without the mac= prefix and in upper case', async () => {
    const { body, signature } = signed(textEvent('a'));
    const res = await post(ctx.app, body, signature.replace(/^mac=/, '').toUpperCase());
    expect(res.status).toBe(200);
    await ctx.forwarded();
    expect(ctx.queue.jobs).toHaveLength(1);
  });

  it('refuses forged, missing and wrong-app signatures with 401 and says which check failed', async () => {
    const { body, signature } = signed(textEvent('a'));
    const forged = await post(ctx.app, body.replace('"a"', '"b"'), signature);
    const missing = await post(ctx.app, body);
    const wrongSecret = signed(textEvent('a'), 'another-secret');
    const wrongKey = await post(ctx.app, wrongSecret.body, wrongSecret.signature);
    const otherApp = signed(textEvent('a', { appId: '999' }));
    const wrongApp = await post(ctx.app, otherApp.body, otherApp.signature);
    expect([forged.status, missing.status, wrongKey.status, wrongApp.status]).toEqual([401, 401, 401, 401]);
    expect(ctx.queue.jobs).toHaveLength(0);
    const checks = ctx.logs.filter((l) => l.msg === 'webhook rejected').map((l) => l.check);
    expect(checks).toEqual(['mismatch', 'missing_signature', 'mismatch', 'wrong_app']);
    expect(JSON.stringify(ctx.logs)).not.toContain(OA_SECRET);
  });

  it('answers 400 to malformed JSON and never 5xx to garbage', async () => {
    const res = await post(ctx.app, '{"app_id": "4120118000000000001", ', 'mac=' + '0'.repeat(64));
    expect(res.status).toBe(400);
    for (const junk of ['', 'null', '[]', '"x"', '{"event_name":1}', '\u0000\u0001', '{'.repeat(5000)]) {
      const r = await post(ctx.app, junk, 'mac=' + 'a'.repeat(64));
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(500);
    }
  });

  it('applies the guards in order: method, content type, size, signature', async () => {
    expect((await request(ctx.app).get('/webhook/zalo')).status).toBe(405);
    expect((await post(ctx.app, 'x=1', undefined, 'application/x-www-form-urlencoded')).status).toBe(415);
    const big = JSON.stringify({ app_id: APP_ID, pad: 'x'.repeat(1024 * 1024) });
    expect((await post(ctx.app, big, 'mac=00')).status).toBe(413);
  });

  it('limits failed requests per address, before reading their body, and never a sender of signed events', async () => {
    const g = build({ badRequestsPerIpPerMinute: 3, trustProxy: LOOPBACK_PROXY });
    const { body } = signed(textEvent('a'));
    for (let i = 0; i < 3; i++) expect((await post(g.app, body, 'mac=' + '0'.repeat(64), 'application/json', '203.0.113.9')).status).toBe(401);
    // Now even a correctly signed event from that address is refused unread; other addresses are not.
    const good = signed(textEvent('b', { msgId: 'from-blocked' }));
    expect((await post(g.app, good.body, good.signature, 'application/json', '203.0.113.9')).status).toBe(429);
    expect((await post(g.app, 'x', undefined, 'text/plain', '203.0.113.9')).status).toBe(429);
    expect((await post(g.app, good.body, good.signature, 'application/json', '203.0.113.10')).status).toBe(200);
    // Zalo delivers from a few addresses: 40 signed events from one of them all pass.
    const statuses = new Set<number>();
    for (let i = 0; i < 40; i++) {
      const e = signed(textEvent(`m${i}`, { msgId: `zalo-${i}` }));
      statuses.add((await post(g.app, e.body, e.signature, 'application/json', '118.102.1.1')).status);
    }
    expect([...statuses]).toEqual([200]);
    expect(await g.metrics.registry.getSingleMetricAsString('zalo_webhook_rejected_total')).toContain('reason="too_many_bad_requests"} 2');
  });

  it('limits signed events per instance, all senders together', async () => {
    const g = build({ eventsPerMinute: 3, trustProxy: LOOPBACK_PROXY });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const e = signed(textEvent(`m${i}`, { msgId: `g-${i}` }));
      statuses.push((await post(g.app, e.body, e.signature, 'application/json', `198.51.100.${i}`)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('believes X-Forwarded-For only from TRUSTED_PROXIES: by default a private or loopback peer cannot pick the address counted', async () => {
    const g = build({ badRequestsPerIpPerMinute: 2 });
    const { body } = signed(textEvent('a'));
    // Each forged request names another address, but all come from this peer and count against it.
    expect((await post(g.app, body, 'mac=00', 'application/json', '10.0.0.1')).status).toBe(401);
    expect((await post(g.app, body, 'mac=00', 'application/json', '10.0.0.2')).status).toBe(401);
    expect((await post(g.app, body, 'mac=00', 'application/json', '10.0.0.3')).status).toBe(429);
  });

  it('acknowledges and drops signed events older than the window (an event from 2020, a replay after a day) or from the future', async () => {
    let clock = Date.now();
    const g = build({ now: () => clock });
    const old = signed(textEvent('xin chào', { msgId: 'from-2020', timestamp: String(Date.UTC(2020, 0, 1)) }));
    const res = await post(g.app, old.body, old.signature);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, handled: false, reason: 'stale_event' });
    const future = signed(textEvent('xin chào', { msgId: 'from-future', timestamp: String(clock + 3600_000) }));
    expect((await post(g.app, future.body, future.signature)).body).toMatchObject({ handled: false, reason: 'future_event' });

    const captured = signed(textEvent('xin chào', { msgId: 'captured', timestamp: String(clock) }));
    expect((await post(g.app, captured.body, captured.signature)).status).toBe(200);
    // Within the day a replay meets its dedupe mark; after the day the age check refuses it.
    expect((await post(g.app, captured.body, captured.signature)).body).toMatchObject({ duplicate: true });
    clock += 86_400_000 + 1000;
    expect((await post(g.app, captured.body, captured.signature)).body).toMatchObject({ handled: false, reason: 'stale_event' });
    await g.forwarded();
    expect(g.queue.jobs.map((j) => j.id)).toHaveLength(1);
    const metric = await g.metrics.registry.getSingleMetricAsString('zalo_webhook_rejected_total');
    expect(metric).toContain('reason="stale_event"} 2');
    expect(metric).toContain('reason="future_event"} 1');
    expect(g.logs.filter((l) => l.msg === 'signed event outside the accepted time window; acknowledged without handling' && l.level === 40)).toHaveLength(3);
  });

  it('keeps each dedupe mark at least as long as the accepted age (WEBHOOK_MAX_EVENT_AGE_S)', async () => {
    for (const maxEventAgeS of [undefined, 7200, 3 * 86_400]) {
      const g = build({ maxEventAgeS });
      const e = signed(textEvent('a', { msgId: `ttl-${maxEventAgeS}` }));
      expect((await post(g.app, e.body, e.signature)).status).toBe(200);
      const ttl = await g.store.ttl(`{inbox}:seen:user_send_text:ttl-${maxEventAgeS}`);
      const want = (maxEventAgeS ?? 86_400) * 1000;
      expect(ttl).toBeGreaterThanOrEqual(want);
      expect(ttl).toBeLessThanOrEqual(want + 5 * 60_000);
    }
  });

  it('cuts a text longer than Zalo allows before it is stored', async () => {
    const g = build({ maxTextChars: 2000 });
    const e = signed(textEvent(' /-1.'.repeat(150_000), { msgId: 'long' }));
    expect((await post(g.app, e.body, e.signature)).status).toBe(200);
    await g.forwarded();
    const job = g.queue.jobs[0]!.data.event as { message: { text: string } };
    expect(job.message.text.length).toBeLessThanOrEqual(2001);
    expect(job.message.text.endsWith('…')).toBe(true);
  });

  it('deduplicates redeliveries and concurrent duplicates (one job)', async () => {
    const event = textEvent('dk ks', { msgId: 'dup-1' });
    const { body, signature } = signed(event);
    const results = await Promise.all(Array.from({ length: 20 }, () => post(ctx.app, body, signature)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const again = await request(ctx.app).post('/webhook/zalo').set('Content-Type', 'application/json').set('X-ZEvent-Signature', signature).set('num_retry', '1').send(body);
    expect(again.status).toBe(200);
    await ctx.forwarded();
    expect(ctx.queue.jobs).toHaveLength(1);
  });

  it('acknowledges unknown events without queueing them', async () => {
    const { body, signature } = signed({ app_id: APP_ID, event_name: 'user_send_hologram', timestamp: '1716950400123', sender: { id: USER_ID } });
    const res = await post(ctx.app, body, signature);
    expect(res.status).toBe(200);
    expect(await ctx.inbox.backlog()).toBe(0);
    expect(ctx.queue.jobs).toHaveLength(0);
  });

  it('acknowledges a signed event of an unexpected shape without queueing it (no redelivery storm)', async () => {
    const { body, signature } = signed({ app_id: APP_ID, event_name: 'user_send_text', timestamp: '1716950400123', sender: 'not-an-object' });
    const res = await post(ctx.app, body, signature);
    expect(res.status).toBe(200);
    expect(await ctx.inbox.backlog()).toBe(0);
    expect(ctx.queue.jobs).toHaveLength(0);
    expect(ctx.logs.some((l) => l.msg === 'signed event not understood; acknowledged without handling')).toBe(true);
  });

  it('answers 503 when the store is unreachable, so Zalo redelivers', async () => {
    const store = new MemoryStore();
    store.setIfAbsentAndAppend = async () => {
      throw new StoreUnavailableError('redis down');
    };
    const down = build({ store });
    const { body, signature } = signed(textEvent('a'));
    const res = await post(down.app, body, signature);
    expect(res.status).toBe(503);
    expect(await down.inbox.backlog()).toBe(0);
    expect(down.queue.jobs).toHaveLength(0);
  });

  it('acknowledges while the queue is down (the event waits in the inbox) and queues it once the queue is back', async () => {
    const { body, signature } = signed(textEvent('a', { msgId: 'q-fail' }));
    ctx.queue.failWith = new StoreUnavailableError('queue down');
    expect((await post(ctx.app, body, signature)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 60));
    expect(await ctx.inbox.backlog()).toBe(1);
    expect(ctx.queue.jobs).toHaveLength(0);
    ctx.queue.failWith = null;
    await ctx.forwarded();
    expect(ctx.queue.jobs.map((j) => j.id)).toHaveLength(1);
    expect((await post(ctx.app, body, signature)).status).toBe(200);
    await ctx.forwarded();
    expect(ctx.queue.jobs).toHaveLength(1);
  });
});
