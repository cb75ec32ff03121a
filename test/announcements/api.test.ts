import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/admin/auth.js';
import { UserDirectory } from '../../src/admin/users.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { api, startFakeZaloApi, startHarness, until, users, type FakeZalo, type Harness } from './harness.js';

const url = testRedisUrl();

describe.skipIf(!url)('announcements API', () => {
  let zalo: FakeZalo;
  let h: Harness;
  const session = { id: 's1', username: 'citizen-desk', role: 'viewer' as unknown as Role, via: 'session' as const };
  beforeAll(async () => {
    zalo = await startFakeZaloApi(users(5));
    h = await startHarness({ redisUrl: url, prefix: uniquePrefix('api'), zalo, session });
    for (const u of users(5)) await h.mod.followers.follow(u, Date.now());
    await h.mod.followers.addTags('u0001', ['xa-binh-son']);
  });
  afterAll(async () => {
    await h.close();
    await zalo.close();
  });

  const valid = { title: 'Lịch tiếp dân', text: 'Thứ Năm hằng tuần.', audience: { all: true } };

  it('401 without credentials, 401 with a wrong token, 403 for a role other than admin or staff', async () => {
    expect((await api(h, 'GET', '/admin/api/announcements', undefined, {})).status).toBe(401);
    expect((await api(h, 'POST', '/admin/api/announcements', valid, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await api(h, 'GET', '/admin/api/announcements', undefined, { 'x-test-session': '1' })).status).toBe(403);
    expect((await api(h, 'POST', '/admin/api/followers/sync', {}, {})).status).toBe(401);
  });

  it('400 with one clear message per invalid field', async () => {
    const res = await api(h, 'POST', '/admin/api/announcements', {
      title: '',
      text: 'x'.repeat(2001),
      buttons: [{ title: 'A', url: 'ftp://x' }, { title: 'B' }, {}, {}, {}, {}],
      image: 'http://insecure.example/a.png',
      audience: { tags: [] },
      sendAt: 'tomorrow',
      extra: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    const f = res.body.fields!;
    expect(f.title).toBe('required');
    expect(f.text).toBe('at most 2000 characters');
    expect(f.buttons).toBe('at most 5 buttons');
    expect(f.image).toMatch(/https/);
    expect(f['audience.tags']).toBe('at least one tag');
    expect(f.sendAt).toMatch(/ISO 8601/);
    expect(Object.keys(f)).toContain('(body)');
    const noAudience = await api(h, 'POST', '/admin/api/announcements', { ...valid, audience: { everyone: 1 } });
    expect(noAudience.body.fields!.audience).toMatch(/one of \{all: true\}/);
    const far = await api(h, 'POST', '/admin/api/announcements', { ...valid, sendAt: '2099-01-01T00:00:00Z' });
    expect(far.body.fields).toEqual({ sendAt: 'at most one year ahead' });
  });

  it('a dry run counts recipients and sends nothing', async () => {
    const res = await api(h, 'POST', '/admin/api/announcements', { ...valid, audience: { tags: ['xa-binh-son'] }, dryRun: true });
    expect(res).toMatchObject({ status: 201, body: { status: 'dry_run', audienceSize: 1 } });
    const dryId = (res.body as { id: string }).id;
    expect(dryId).toMatch(/^[a-z0-9]+$/);
    // Recorded, never sent, not cancellable.
    expect(await api(h, 'GET', `/admin/api/announcements/${dryId}`)).toMatchObject({ status: 200, body: { status: 'dry_run', total: 1, sent: 0 } });
    expect((await api(h, 'POST', `/admin/api/announcements/${dryId}/cancel`, {})).status).toBe(409);
    const listed = (await api(h, 'GET', '/admin/api/announcements')).body.announcements as { id: string; status: string }[];
    expect(listed.map((a) => [a.id, a.status])).toEqual([[dryId, 'dry_run']]);
    expect(zalo.fake.messages).toHaveLength(0);
  });

  it('drafts: created unsent, test-sent to staff, then sent; report and list newest first', async () => {
    const created = await api(h, 'POST', '/admin/api/announcements', { ...valid, draft: true, buttons: [{ title: 'Gọi', phone: '0255 3822 222' }] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', audienceSize: 5 });
    const id = created.body.id as string;
    await new Promise((r) => setTimeout(r, 300));
    expect(zalo.fake.messages).toHaveLength(0);

    // Test sends go only to Zalo ids staff registered as their own (one has since stopped following the OA).
    const directory = new UserDirectory(h.store);
    for (const [name, zaloId] of [['staff.a', 'u0004'], ['staff.b', 'staff-not-follower']]) {
      await directory.create({ username: name!, password: 'a long enough passphrase', role: 'staff', createdBy: 'test' });
      await directory.setTestRecipient(name!, zaloId!);
    }
    const unregistered = await api(h, 'POST', `/admin/api/announcements/${id}/test`, { userIds: ['u0004', 'u0001'] });
    expect(unregistered).toMatchObject({ status: 422, body: { error: 'not_a_test_recipient', userIds: ['u0001'] } });
    expect(zalo.fake.messages).toHaveLength(0);
    const test = await api(h, 'POST', `/admin/api/announcements/${id}/test`, { userIds: ['u0004', 'staff-not-follower'] });
    expect(test.status).toBe(200);
    expect(test.body.results).toMatchObject([{ userId: 'u0004', ok: true, channel: 'promotion' }, { userId: 'staff-not-follower', ok: false, error: '-213' }]);
    expect((await api(h, 'POST', `/admin/api/announcements/${id}/test`, { userIds: [] })).body.fields).toEqual({ userIds: 'at least one test recipient' });

    const send = await api(h, 'POST', `/admin/api/announcements/${id}/send`, {});
    expect(send).toMatchObject({ status: 200, body: { status: 'scheduled' } });
    expect((await api(h, 'POST', `/admin/api/announcements/${id}/send`, {})).status).toBe(409);
    await until(async () => (await api(h, 'GET', `/admin/api/announcements/${id}`)).body.status === 'done', 10_000, 'done');
    const report = (await api(h, 'GET', `/admin/api/announcements/${id}`)).body;
    expect(report).toMatchObject({ id, status: 'done', total: 5, sent: 5, failed: 0, skipped: 0, errorsByCode: {}, createdBy: 'api-token' });
    expect(report.startedAt).toEqual(expect.any(String));
    expect(report.finishedAt).toEqual(expect.any(String));

    const second = await api(h, 'POST', '/admin/api/announcements', { ...valid, title: 'Mới hơn', draft: true });
    const list = (await api(h, 'GET', '/admin/api/announcements')).body.announcements as { id: string; status: string }[];
    expect(list.filter((a) => a.status !== 'dry_run').map((a) => a.id)).toEqual([second.body.id, id]);
    expect((await api(h, 'GET', '/admin/api/announcements/nope')).status).toBe(404);
  });

  it('follower endpoints: counts, tags, on-demand sync', async () => {
    const put = await api(h, 'PUT', '/admin/api/followers/u0002/tags', { tags: ['y-te', 'xa-binh-son'] });
    expect(put.body).toMatchObject({ userId: 'u0002', follower: true, tags: ['xa-binh-son', 'y-te'] });
    expect((await api(h, 'PUT', '/admin/api/followers/u0002/tags', { tags: ['*'] })).status).toBe(400);
    expect((await api(h, 'GET', '/admin/api/followers')).body).toEqual({ count: 5, tags: { 'xa-binh-son': 2, 'y-te': 1 } });
    zalo.fake.followers.add('u9999');
    expect((await api(h, 'POST', '/admin/api/followers/sync', {})).status).toBe(202);
    await until(async () => (await api(h, 'GET', '/admin/api/followers/sync')).body.status === 'done', 5000, 'sync done');
    expect((await api(h, 'GET', '/admin/api/followers')).body.count).toBe(6);
  });
});
