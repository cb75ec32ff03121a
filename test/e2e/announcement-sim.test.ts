import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { SIMULATOR_IDENTITY, type RunningBot } from '../../src/main.js';
import { startBot, postEvent } from '../support/bot.js';

const TOKEN = 'admin-token-for-e2e-tests-0123456789';

describe('announcements through the running bot (simulator)', () => {
  let bot: RunningBot;
  let base: string;
  beforeAll(async () => {
    bot = await startBot({ ADMIN_API_TOKEN: TOKEN, ANNOUNCEMENT_QUIET_HOURS: '' });
    base = `http://127.0.0.1:${bot.port}`;
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('reaches every follower exactly once, and refuses without a token', async () => {
    const followers = ['2468000000000004001', '2468000000000004002', '2468000000000004003'];
    for (const id of followers) {
      bot.fakeZalo!.followers.add(id);
      const follow = { app_id: SIMULATOR_IDENTITY.appId, event_name: 'follow', timestamp: String(Date.now()), oa_id: SIMULATOR_IDENTITY.oaId, follower: { id }, source: 'oa_profile', user_id_by_app: '55' + id.slice(2) };
      expect((await postEvent(base, follow, SIMULATOR_IDENTITY.oaSecretKey)).status).toBe(200);
    }
    const body = { title: 'Lịch tiếp dân', text: 'Trung tâm tiếp công dân vào sáng thứ Năm hằng tuần.', audience: { all: true } };
    const refused = await fetch(`${base}/admin/api/announcements`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(refused.status).toBe(401);

    // Follow events are handled by the worker; wait until all three are registered.
    let created: { id: string; audienceSize: number } | undefined;
    for (let i = 0; i < 50 && !(created && created.audienceSize === 3); i++) {
      const dry = await fetch(`${base}/admin/api/announcements`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ ...body, dryRun: true }) });
      created = (await dry.json()) as { id: string; audienceSize: number };
      if (created.audienceSize !== 3) await new Promise((r) => setTimeout(r, 50));
    }
    expect(created!.audienceSize).toBe(3);

    const res = await fetch(`${base}/admin/api/announcements`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const done = await (async () => {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const r = (await (await fetch(`${base}/admin/api/announcements/${id}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json()) as { status: string; sent: number; total: number };
        if (r.status === 'done' || Date.now() > deadline) return r;
        await new Promise((res2) => setTimeout(res2, 100));
      }
    })();
    expect(done).toMatchObject({ status: 'done', sent: 3, total: 3 });
    for (const f of followers) {
      const got = bot.fakeZalo!.messagesFor(f).filter((m) => JSON.stringify(m.message).includes('tiếp công dân'));
      expect(got).toHaveLength(1);
    }
  });
});
