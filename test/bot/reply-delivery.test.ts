import type { Server } from 'node:http';
import express from 'express';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReplyDelivery, ReplyInFlightError, type ReplyRetryJob } from '../../src/bot/reply-delivery.js';
import type { Reply } from '../../src/dialogue/types.js';
import { FakeZaloApi } from '../../src/sim/fake-zalo-api.js';
import { InstanceLiveness } from '../../src/store/instance-liveness.js';
import { StoreUnavailableError, type Store } from '../../src/store/ports.js';
import { RedisStore } from '../../src/store/redis-store.js';
import { ZaloClient } from '../../src/zalo/client.js';
import { ConversationHistory } from '../../src/zalo/conversation.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';

const url = testRedisUrl();
const logger = pino({ level: 'silent' });
const TOKEN = 'at-replies';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A reply the client splits into three messages of at most 100 characters. */
const LONG: Reply = {
  text: 'Phần một của câu trả lời dài, đủ để Zalo phải chia thành nhiều tin nhắn riêng. Phần hai tiếp theo ngay sau đó, cũng khá dài như phần đầu. Phần ba là phần cuối cùng của câu trả lời này.',
  buttons: [],
};

describe.skipIf(!url)('reply delivery: each part once, in order, waiting rather than dropped', () => {
  let server: Server;
  let fake: FakeZaloApi;
  let apiBase = '';
  const stores: Store[] = [];
  beforeAll(async () => {
    fake = new FakeZaloApi({ appId: 'a', appSecret: 's', accessToken: TOKEN, refreshToken: 'r', oaId: '3660000000000000004' });
    const app = express();
    app.use('/api', fake.apiRouter());
    server = await new Promise((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    apiBase = `http://127.0.0.1:${(server.address() as { port: number }).port}/api`;
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  let users = 0;
  const newUser = () => `24680000000000${String(5000 + users++).padStart(5, '0')}`;
  const texts = (user: string) => fake.messagesFor(user).map((m) => String(m.message.text));

  function setup(opts: { store?: (s: Store) => Store; prefix?: string; maxWaiting?: number; history?: boolean; now?: () => number } = {}) {
    const prefix = opts.prefix ?? uniquePrefix('replies');
    const real = new RedisStore({ url, prefix, connectTimeoutMs: 2000 });
    stores.push(real);
    const store = opts.store ? opts.store(real) : real;
    const zalo = new ZaloClient({ baseUrl: apiBase, tokens: { getAccessToken: async () => TOKEN, refreshAfterRejection: async () => TOKEN }, logger, limits: { textMaxChars: 100, buttonTitleMax: 20, maxButtons: 5 }, retry: { attempts: 1 } });
    const registry = new Registry();
    const owner = new InstanceLiveness(store, logger);
    const delivery = new ReplyDelivery(
      { store, sender: zalo, owner, logger, registry, history: opts.history === false ? undefined : new ConversationHistory(zalo) },
      { maxWaiting: opts.maxWaiting ?? 100, backoffMs: 50, now: opts.now },
    );
    const metric = async (name: string) => (await registry.getSingleMetric(name)?.get())?.values.reduce((a, v) => a + v.value, 0) ?? 0;
    return { delivery, store, real, owner, prefix, zalo, metric };
  }

  it('when part 2 of a split reply fails, part 1 is not sent again: the rest waits and goes out once, in order', async () => {
    const { delivery, metric } = setup();
    const user = newUser();
    expect(new ZaloClient({ baseUrl: apiBase, tokens: { getAccessToken: async () => TOKEN, refreshAfterRejection: async () => TOKEN }, logger, limits: { textMaxChars: 100, buttonTitleMax: 20, maxButtons: 5 } }).partsOf(LONG)).toHaveLength(3);
    fake.failNextSends(0, -32);
    await delivery.deliver('evt-split', user, [LONG]);
    expect(texts(user)).toHaveLength(1);
    expect(await delivery.depth()).toBe(1);
    expect(await metric('bot_reply_retry_depth')).toBe(1);
    // The job runs again (a retry, or the user's turn comes round): what waits goes out first, nothing twice.
    await delivery.deliver('evt-split', user, [LONG]);
    expect(await delivery.retry(user)).toBe(true);
    const sent = texts(user);
    expect(sent).toHaveLength(3);
    expect(sent.join(' ')).toBe(LONG.text);
    expect(await delivery.depth()).toBe(0);
  });

  it('a reply for a user whose earlier reply waits queues behind it; both go out in order when Zalo answers again', async () => {
    const { delivery } = setup();
    const user = newUser();
    fake.failNextSends(-32, -32);
    await delivery.deliver('evt-first', user, [{ text: 'Trả lời thứ nhất.', buttons: [] }]);
    await delivery.deliver('evt-second', user, [{ text: 'Trả lời thứ hai.', buttons: [] }]);
    expect(texts(user)).toEqual([]);
    expect(await delivery.depth()).toBe(2);
    // Zalo is back: the user's next event sends what waited first, then its own reply.
    await delivery.deliver('evt-third', user, [{ text: 'Trả lời thứ ba.', buttons: [] }]);
    expect(texts(user)).toEqual(['Trả lời thứ nhất.', 'Trả lời thứ hai.', 'Trả lời thứ ba.']);
    expect(await delivery.depth()).toBe(0);
  });

  it('a store hiccup between the send and its mark does not send twice (the mark is written when the store answers again)', async () => {
    let failures = 3;
    const { delivery, real } = setup({
      store: (s) =>
        new Proxy(s, {
          get(target, prop, receiver) {
            if (prop === 'settleField')
              return async (...args: Parameters<Store['settleField']>) => {
                if (failures-- > 0) throw new StoreUnavailableError('redis unavailable during settleField: connection closed');
                return target.settleField(...args);
              };
            const v = Reflect.get(target, prop, receiver) as unknown;
            return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
          },
        }),
    });
    const user = newUser();
    await delivery.deliver('evt-hiccup', user, [{ text: 'Chỉ một lần.', buttons: [] }]);
    await delivery.deliver('evt-hiccup', user, [{ text: 'Chỉ một lần.', buttons: [] }]);
    expect(texts(user)).toEqual(['Chỉ một lần.']);
    expect(failures).toBeLessThan(0);
    expect(Object.values(await real.hgetall('reply:evt-hiccup'))[0]).toMatch(/^s:/);
  });

  it('when the store stays down after the send, the retry in the same process settles from memory instead of sending again', async () => {
    let down = true;
    const { delivery } = setup({
      store: (s) =>
        new Proxy(s, {
          get(target, prop, receiver) {
            if (prop === 'settleField')
              return async (...args: Parameters<Store['settleField']>) => {
                if (down) throw new StoreUnavailableError('redis unavailable during settleField');
                return target.settleField(...args);
              };
            const v = Reflect.get(target, prop, receiver) as unknown;
            return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
          },
        }),
    });
    const user = newUser();
    const first = delivery.deliver('evt-down', user, [{ text: 'Một lần thôi.', buttons: [] }]);
    await expect(first).rejects.toBeInstanceOf(StoreUnavailableError);
    down = false;
    await delivery.deliver('evt-down', user, [{ text: 'Một lần thôi.', buttons: [] }]);
    expect(texts(user)).toEqual(['Một lần thôi.']);
  }, 20_000);

  it('a send a dead process left claimed is looked up in the conversation history: found → not sent again; absent → sent once', async () => {
    const { prefix, owner: deadOwner, zalo } = setup();
    const user = newUser();
    // A process claimed and sent "evt-landed" part 0, then died before settling it.
    const dead = new RedisStore({ url, prefix, connectTimeoutMs: 2000 });
    stores.push(dead);
    const claimedAt = Date.now();
    await dead.claimFields('reply:evt-landed', `${claimedAt}:${deadOwner.id}`, 60_000, ['0.0']);
    await zalo.sendText(user, 'Đã tới nơi.');
    // It also claimed "evt-lost" and died before its request left.
    await dead.claimFields('reply:evt-lost', `${claimedAt}:${deadOwner.id}`, 60_000, ['0.0']);

    const { delivery, real, metric } = setup({ prefix });
    await delivery.deliver('evt-landed', user, [{ text: 'Đã tới nơi.', buttons: [] }]);
    await delivery.deliver('evt-lost', user, [{ text: 'Chưa từng gửi.', buttons: [] }]);
    expect(texts(user)).toEqual(['Đã tới nơi.', 'Chưa từng gửi.']);
    expect(await real.hget('reply:evt-landed', '0.0')).toBe(`s:${fake.messagesFor(user)[0]!.messageId}`);
    expect(await metric('bot_reply_reconciled_total')).toBe(2);
  });

  it('while the history cannot be read, an interrupted send waits (never sent blindly) and is settled once it can', async () => {
    const { prefix, owner: deadOwner } = setup();
    const user = newUser();
    const dead = new RedisStore({ url, prefix, connectTimeoutMs: 2000 });
    stores.push(dead);
    await dead.claimFields('reply:evt-unsure', `${Date.now()}:${deadOwner.id}`, 60_000, ['0.0']);
    const { delivery } = setup({ prefix });
    fake.conversationError = -32;
    await delivery.deliver('evt-unsure', user, [{ text: 'Có tới không?', buttons: [] }]);
    fake.conversationError = null;
    expect(texts(user)).toEqual([]);
    expect(await delivery.depth()).toBe(1);
    expect(await delivery.retry(user)).toBe(true);
    expect(texts(user)).toEqual(['Có tới không?']);
  });

  it('a claim held by a process that is still alive is left to it', async () => {
    const { prefix } = setup();
    const other = setup({ prefix });
    other.owner.start();
    const user = newUser();
    await other.store.claimFields('reply:evt-busy', `${Date.now()}:${other.owner.id}`, 60_000, ['0.0']);
    const { delivery } = setup({ prefix });
    await expect(delivery.deliver('evt-busy', user, [{ text: 'Đang gửi.', buttons: [] }])).rejects.toBeInstanceOf(ReplyInFlightError);
    expect(texts(user)).toEqual([]);
    await other.owner.stop();
  });

  it('out of the window (-230): recorded on the mark and counted, not retried', async () => {
    const { delivery, real, metric } = setup();
    const user = newUser();
    fake.failNextSends(-230);
    await delivery.deliver('evt-window', user, [{ text: 'Quá 7 ngày.', buttons: [] }]);
    expect(await real.hget('reply:evt-window', '0.0')).toBe('f:-230');
    expect(await delivery.depth()).toBe(0);
    expect(await metric('bot_replies_undelivered_total')).toBe(1);
    await delivery.deliver('evt-window', user, [{ text: 'Quá 7 ngày.', buttons: [] }]);
    expect(texts(user)).toEqual([]);
  });

  it('the retry queue is bounded: past REPLY_RETRY_MAX the oldest waiting reply is dropped, counted and logged', async () => {
    const { delivery, metric } = setup({ maxWaiting: 2 });
    const [u1, u2, u3] = [newUser(), newUser(), newUser()];
    fake.failNextSends(-32, -32, -32);
    await delivery.deliver('evt-b1', u1, [{ text: 'Cũ nhất.', buttons: [] }]);
    await sleep(5);
    await delivery.deliver('evt-b2', u2, [{ text: 'Thứ hai.', buttons: [] }]);
    await sleep(5);
    await delivery.deliver('evt-b3', u3, [{ text: 'Mới nhất.', buttons: [] }]);
    expect(await delivery.depth()).toBe(2);
    expect(await metric('bot_reply_retry_dropped_total')).toBe(1);
    expect(await delivery.retry(u1)).toBe(true);
    expect(await delivery.retry(u2)).toBe(true);
    expect(await delivery.retry(u3)).toBe(true);
    expect([texts(u1), texts(u2), texts(u3)]).toEqual([[], ['Thứ hai.'], ['Mới nhất.']]);
  });

  it('due retries are handed to the queue in the user’s turn, one job id per due time (a second instance adds nothing new)', async () => {
    // A clock in the middle of a minute: job ids also carry the minute.
    const skew = (Date.now() % 60_000) - 30_000;
    const now = () => Date.now() - skew;
    const { delivery, prefix } = setup({ now });
    const second = setup({ prefix, now });
    const user = newUser();
    fake.failNextSends(-32);
    await delivery.deliver('evt-due', user, [{ text: 'Sau một chút.', buttons: [] }]);
    const jobs = new Map<string, ReplyRetryJob>();
    const enqueue = async (job: ReplyRetryJob, id: string) => void jobs.set(id, job);
    delivery.startRetries(enqueue, 20);
    second.delivery.startRetries(enqueue, 20);
    await sleep(400);
    delivery.stopRetries();
    second.delivery.stopRetries();
    expect([...jobs.values()]).toEqual([expect.objectContaining({ kind: 'reply-retry', userId: user })]);
    await delivery.retry(user);
    expect(texts(user)).toEqual(['Sau một chút.']);
  });
});
