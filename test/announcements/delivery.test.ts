import { afterEach, describe, expect, it } from 'vitest';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { marksKey } from '../../src/announcements/repository.js';
import type { RecentMessage } from '../../src/announcements/oa-channel.js';
import { api, countsByUser, startFakeZaloApi, startHarness, until, users, type FakeZalo, type Harness } from './harness.js';

const url = testRedisUrl();

describe.skipIf(!url)('announcement delivery (real Redis, fake Zalo on loopback)', () => {
  let zalo: FakeZalo | undefined;
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    await zalo?.close();
    h = undefined;
    zalo = undefined;
  });

  async function setup(followers: string[], env: Record<string, string> = {}, now?: () => number) {
    zalo = await startFakeZaloApi(followers);
    h = await startHarness({ redisUrl: url, prefix: uniquePrefix('ann'), zalo, env, now });
    for (const u of followers) await h.mod.followers.follow(u, Date.now());
    return { zalo, h };
  }

  async function create(hh: Harness, body: Record<string, unknown>) {
    const res = await api(hh, 'POST', '/admin/api/announcements', { text: 'Nội dung thông báo.', ...body });
    expect(res.status).toBe(201);
    return res.body as { id: string; status: string; audienceSize: number };
  }

  const done = (hh: Harness, id: string, timeoutMs = 15_000) =>
    until(async () => {
      const r = await hh.mod.repo.report(id);
      return r && (r.status === 'done' || r.status === 'cancelled') && r.status === 'done' ? r : null;
    }, timeoutMs, `announcement ${id} done`);

  it('sends once to every follower, promotion outside the window and consultation inside it', async () => {
    const { zalo: z, h: hh } = await setup(users(40));
    await hh.replyWindow.recordInbound('u0003', Date.now());
    const a = await create(hh, { title: 'Lịch tiếp dân', audience: { all: true }, buttons: [{ title: 'Xem lịch', url: 'https://example.gov.vn/lich' }] });
    expect(a.audienceSize).toBe(40);
    const report = await done(hh, a.id);
    expect(report).toMatchObject({ total: 40, sent: 40, failed: 0, skipped: 0 });
    expect(report.sentByChannel).toEqual({ promotion: 39, consultation: 1 });
    const counts = countsByUser(z.fake, 'Lịch tiếp dân');
    expect(counts.size).toBe(40);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(z.fake.messagesFor('u0003')[0]!.endpoint).toBe('cs');
    expect(report.finishedAt).not.toBeNull();
  });

  it('targets tags: only current followers carrying one of the tags', async () => {
    const { zalo: z, h: hh } = await setup(users(10));
    await hh.mod.followers.addTags('u0001', ['phuong-1']);
    await hh.mod.followers.addTags('u0002', ['phuong-2', 'y-te']);
    await hh.mod.followers.addTags('u0003', ['phuong-3']);
    await hh.mod.followers.addTags('u0004', ['phuong-1']);
    await hh.mod.followers.unfollow('u0004', Date.now());
    const a = await create(hh, { title: 'Mất điện phường 1-2', audience: { tags: ['phuong-1', 'y-te'] } });
    expect(a.audienceSize).toBe(2);
    await done(hh, a.id);
    expect([...countsByUser(z.fake, 'Mất điện phường 1-2').keys()].sort()).toEqual(['u0001', 'u0002']);
  });

  it('records permanent errors by code without retrying, retries transient ones', async () => {
    const { zalo: z, h: hh } = await setup(users(6), { ANNOUNCEMENT_CONCURRENCY: '1', ANNOUNCEMENT_CHANNEL: 'promotion' });
    // Sends go in user-id order with one worker: the first two refused for good, the third fails twice transiently.
    z.fake.failNextSends(-217, -227, -32, -32);
    const a = await create(hh, { title: 'Hạn nộp hồ sơ', audience: { userIds: [...users(6), 'zz-stranger'] } });
    const report = await done(hh, a.id);
    expect(report.sent).toBe(4);
    expect(report.failed).toBe(3);
    expect(report.errorsByCode).toEqual({ '-217': 1, '-227': 1, '-213': 1 });
    const counts = countsByUser(z.fake, 'Hạn nộp hồ sơ');
    expect([...counts.keys()].sort()).toEqual(['u0002', 'u0003', 'u0004', 'u0005']);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('consultation-only channel skips users outside the 7-day window', async () => {
    const { h: hh } = await setup(users(4), { ANNOUNCEMENT_CHANNEL: 'consultation' });
    await hh.replyWindow.recordInbound('u0000', Date.now());
    await hh.replyWindow.recordInbound('u0001', Date.now() - 8 * 24 * 3600 * 1000);
    const a = await create(hh, { title: 'Tư vấn', audience: { all: true } });
    const report = await done(hh, a.id);
    expect(report).toMatchObject({ sent: 1, skipped: 3, skippedByReason: { outside_window: 3 } });
  });

  it('caps messages per user per day (skipped, counted)', async () => {
    const { zalo: z, h: hh } = await setup(users(3), { ANNOUNCEMENT_USER_DAILY_CAP: '2' });
    for (const title of ['Một', 'Hai', 'Ba']) {
      const a = await create(hh, { title, audience: { all: true } });
      const r = await done(hh, a.id);
      if (title === 'Ba') expect(r).toMatchObject({ sent: 0, skipped: 3, skippedByReason: { daily_cap: 3 } });
      else expect(r.sent).toBe(3);
    }
    expect(z.fake.messagesFor('u0000')).toHaveLength(2);
  });

  it('waits for the end of quiet hours (Vietnam time), then sends', async () => {
    // 05:59:58.5 in Vietnam: quiet hours 22-6 end 1.5 s later on this moving clock.
    const base = Date.UTC(2025, 2, 14, 22, 59, 58, 500);
    const t0 = Date.now();
    const clock = () => base + (Date.now() - t0);
    const { zalo: z, h: hh } = await setup(users(5), { ANNOUNCEMENT_QUIET_HOURS: '22-6' }, clock);
    const a = await create(hh, { title: 'Sáng sớm', audience: { all: true } });
    await new Promise((r) => setTimeout(r, 700));
    expect(countsByUser(z.fake, 'Sáng sớm').size).toBe(0);
    expect((await hh.mod.repo.report(a.id))!.status).toBe('scheduled');
    const report = await done(hh, a.id);
    expect(report.sent).toBe(5);
    const firstSend = Math.min(...z.fake.messages.map((m) => m.at));
    expect(clock() - (Date.now() - firstSend)).toBeGreaterThanOrEqual(base + 1500);
  });

  it('a scheduled announcement fires once, at sendAt, even with two instances', async () => {
    const { zalo: z, h: hh } = await setup(users(5));
    const second = await startHarness({ redisUrl: url, prefix: (hh.store as unknown as { prefix: string }).prefix, zalo: z });
    try {
      const sendAt = new Date(Date.now() + 1200).toISOString();
      const a = await create(hh, { title: 'Hẹn giờ', audience: { all: true }, sendAt });
      expect(a.status).toBe('scheduled');
      await new Promise((r) => setTimeout(r, 600));
      expect(countsByUser(z.fake, 'Hẹn giờ').size).toBe(0);
      const report = await done(hh, a.id);
      expect(Date.parse(report.startedAt!)).toBeGreaterThanOrEqual(Date.parse(sendAt) - 50);
      const counts = countsByUser(z.fake, 'Hẹn giờ');
      expect(counts.size).toBe(5);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await second.close();
    }
  });

  it('cancellation mid-run stops the remaining deliveries', async () => {
    const { zalo: z, h: hh } = await setup(users(120), { ANNOUNCEMENT_RATE_PER_S: '40', ANNOUNCEMENT_CONCURRENCY: '4' });
    const a = await create(hh, { title: 'Sẽ huỷ', audience: { all: true } });
    await until(async () => countsByUser(z.fake, 'Sẽ huỷ').size >= 10, 10_000, '10 sent');
    const cancel = await api(hh, 'POST', `/admin/api/announcements/${a.id}/cancel`);
    expect(cancel.status).toBe(200);
    const sentAtCancel = countsByUser(z.fake, 'Sẽ huỷ').size;
    const report = await until(async () => {
      const r = await hh.mod.repo.report(a.id);
      return r && r.sent + r.cancelled === 120 ? r : null;
    }, 15_000, 'all settled');
    expect(report.status).toBe('cancelled');
    // At most the deliveries already running when the cancel landed still went out.
    expect(report.sent).toBeLessThanOrEqual(sentAtCancel + 4);
    expect(report.sent).toBeLessThan(60);
    expect(countsByUser(z.fake, 'Sẽ huỷ').size).toBe(report.sent);
    expect((await api(hh, 'POST', `/admin/api/announcements/${a.id}/cancel`)).status).toBe(409);
  });

  it('while Zalo cannot be asked, uncertain deliveries stay uncertain and the report says who and why; staff reconcile once it can', async () => {
    zalo = await startFakeZaloApi(users(6));
    let historyDown = true;
    const recentUrl = zalo.recentUrl;
    h = await startHarness({
      redisUrl: url,
      prefix: uniquePrefix('ann'),
      zalo,
      extra: {
        recentMessages: async (userId) => {
          if (historyDown) throw new Error('Zalo API failed: -32 rate limit');
          return (await (await fetch(`${recentUrl}?user=${userId}`)).json()) as RecentMessage[];
        },
      },
    });
    for (const u of users(6)) await h.mod.followers.follow(u, Date.now());
    const a = await create(h, { title: 'Không rõ đã tới', audience: { all: true }, draft: true });
    // Two deliveries a crashed worker left claimed (long ago, so no live worker still holds them).
    await h.store.claimFields(marksKey(a.id), String(Date.now() - 60_000), 60_000, ['u0001', 'u0004']);
    expect((await api(h, 'POST', `/admin/api/announcements/${a.id}/send`, {})).status).toBe(200);
    const first = await done(h, a.id);
    expect(first).toMatchObject({ sent: 4, uncertain: 2, uncertainUsers: ['u0001', 'u0004'], reconcile: { state: 'pending' } });
    // The last round while the history is still unreadable.
    await h.mod.delivery.handle({ kind: 'reconcile', id: a.id, round: 5 }, { id: 'r', attempt: 1 });
    const gaveUp = (await h.mod.repo.report(a.id))!;
    expect(gaveUp).toMatchObject({ uncertain: 2, uncertainUsers: ['u0001', 'u0004'], reconcile: { state: 'gave_up', round: 5 } });
    expect(gaveUp.reconcile?.reason).toMatch(/conversation history could not be read/);
    expect(countsByUser(zalo.fake, 'Không rõ đã tới').size).toBe(4);

    historyDown = false;
    const asked = await api(h, 'POST', `/admin/api/announcements/${a.id}/reconcile`, {});
    expect(asked).toMatchObject({ status: 202, body: { uncertain: 2, queued: true } });
    const report = await until(async () => {
      const r = await h!.mod.repo.report(a.id);
      return r?.reconcile?.state === 'done' ? r : null;
    }, 15_000, 'reconciled');
    expect(report).toMatchObject({ sent: 6, uncertain: 0, uncertainUsers: [] });
    const counts = countsByUser(zalo.fake, 'Không rõ đã tới');
    expect(counts.size).toBe(6);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect((await api(h, 'POST', `/admin/api/announcements/${a.id}/reconcile`, {})).body).toMatchObject({ uncertain: 0, queued: false });
  });
});
