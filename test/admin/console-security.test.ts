import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Procedure } from '../../src/knowledge/schema.js';
import { DEFAULT_LOGIN_THROTTLE } from '../../src/admin/throttle.js';
import { Client, startConsoleHarness, type ConsoleHarness } from './harness.js';

/**
 * The console faults of issue 14 (point 6), each driven through the real API: sessions of deleted or re-roled
 * users, the audit of every change, test sends, login throttling, the password policy, the self-delete guard
 * and links in content.
 */
const PASSWORD = 'Lịch-tiếp-dân-thứ-năm';
const THROTTLE = { ...DEFAULT_LOGIN_THROTTLE, freePerUser: 5, freePerIp: 10, baseDelayMs: 300, maxDelayMs: 3000 };

type Json = Record<string, unknown>;
interface AuditRow {
  at: number;
  who: string;
  action: string;
  target?: string;
  before?: Json | null;
  after?: Json | null;
}

describe('console security', () => {
  let h: ConsoleHarness;
  let admin: Client;
  const followers = ['2468000000000005001', '2468000000000005002', '2468000000000005003', '2468000000000005004'];

  beforeAll(async () => {
    h = await startConsoleHarness({ loginThrottle: THROTTLE, env: { ANNOUNCEMENT_USER_DAILY_CAP: '2' } });
    for (const f of followers) {
      await h.announcements.followers.follow(f, Date.now());
      h.fakeZalo.followers.add(f);
    }
    admin = new Client(h.baseUrl, '10.0.1.1');
    expect((await admin.login('admin', 'simulator')).status).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function newUser(username: string, role: 'admin' | 'staff', ip: string): Promise<Client> {
    expect((await admin.req('POST', '/admin/api/users', { username, password: PASSWORD, role })).status).toBe(201);
    const c = new Client(h.baseUrl, ip);
    expect((await c.login(username, PASSWORD)).status).toBe(200);
    return c;
  }

  const draft = (title: string) => ({ title, text: 'Thứ Năm hằng tuần.', audience: { userIds: [followers[0]] }, draft: true });

  it("ends a deleted user's session at once, and a session whose user changed role", async () => {
    const staff = await newUser('tam.le', 'staff', '10.0.1.2');
    expect((await staff.req('POST', '/admin/api/announcements', draft('Trước khi xoá'))).status).toBe(201);
    expect((await admin.req('DELETE', '/admin/api/users/tam.le')).status).toBe(200);
    expect((await staff.req('POST', '/admin/api/announcements', draft('Sau khi xoá'))).status).toBe(401);
    expect((await staff.req('GET', '/admin/api/me')).status).toBe(401);
    // The same name created again is another account: the old cookie stays dead.
    await newUser('tam.le', 'staff', '10.0.1.3');
    expect((await staff.req('GET', '/admin/api/me')).status).toBe(401);

    const second = await newUser('hoa.tran', 'admin', '10.0.1.4');
    expect((await second.req('GET', '/admin/api/users')).status).toBe(200);
    const demoted = await admin.req('PATCH', '/admin/api/users/HOA.TRAN', { role: 'staff' });
    expect(demoted.status).toBe(200);
    expect((await second.req('GET', '/admin/api/users')).status).toBe(401);
    expect((await second.req('GET', '/admin/api/me')).status).toBe(401);
    expect((await second.login('hoa.tran', PASSWORD)).status).toBe(200);
    expect((await second.req('GET', '/admin/api/users')).status).toBe(403);
  }, 60_000);

  it('refuses a password that is short, blank, common or the simulator one; compares usernames case-insensitively', async () => {
    for (const password of [' '.repeat(8), ' '.repeat(14), 'simulator', 'password1234', 'short1!']) {
      const r = await admin.req('POST', '/admin/api/users', { username: 'weak.pw', password, role: 'admin' });
      expect(r.status, JSON.stringify(password)).toBe(422);
      expect(r.json.errors).toEqual([{ field: 'password', message: expect.any(String) }]);
    }
    for (const name of ['ADMIN', 'Admin', ' admin ']) {
      const r = await admin.req('DELETE', `/admin/api/users/${encodeURIComponent(name)}`);
      expect(r.status, name).toBe(409);
    }
    expect((await admin.req('PATCH', '/admin/api/users/ADMIN', { role: 'staff' })).status).toBe(409);
    const users = (await admin.req('GET', '/admin/api/users')).json.users as { username: string; role: string }[];
    expect(users.find((u) => u.username === 'admin')?.role).toBe('admin');
  });

  it('accepts only http(s) links in procedure content', async () => {
    const proc = (await admin.req('GET', '/admin/api/procedures/ly-lich-tu-phap')).json.published as Procedure;
    const bad: [string, Procedure][] = [
      ['officialUrl', { ...proc, officialUrl: 'javascript:alert(1)' }],
      ['officialUrl', { ...proc, officialUrl: 'data:text/html,<script>alert(1)</script>' }],
      ['online.url', { ...proc, online: { ...proc.online, url: 'javascript:alert(document.cookie)' } }],
      ['sources.0.url', { ...proc, sources: [{ title: 'x', url: 'vbscript:msgbox' }] }],
    ];
    for (const [field, body] of bad) {
      const r = await admin.req('PUT', '/admin/api/procedures/ly-lich-tu-phap', body);
      expect(r.status, field).toBe(422);
      // The message is the console's Vietnamese one, naming the field (src/admin/content-words.ts).
      expect((r.json.errors as { field: string; message: string }[]).find((e) => e.field === field)?.message, field).toMatch(/: phải là một địa chỉ web đầy đủ, bắt đầu bằng https:\/\/ \(hoặc http:\/\/\)$/);
    }
    const ok = await admin.req('PUT', '/admin/api/procedures/ly-lich-tu-phap', { ...proc, officialUrl: 'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001193' });
    expect(ok.status).toBe(200);
    expect((await admin.req('POST', '/admin/api/procedures/ly-lich-tu-phap/discard', {})).status).toBe(200);
  });

  it('sends tests only to registered test recipients, within the daily cap', async () => {
    const staff = await newUser('lan.nguyen', 'staff', '10.0.2.1');
    const a = (await staff.req('POST', '/admin/api/announcements', draft('Tin thử'))).json.id as string;
    // No test recipient yet, and a citizen's id is not one.
    expect((await staff.req('POST', `/admin/api/announcements/${a}/test`, {})).json.error).toBe('no_test_recipient');
    const citizen = await staff.req('POST', `/admin/api/announcements/${a}/test`, { userIds: [followers[0]] });
    expect(citizen).toMatchObject({ status: 422, json: { error: 'not_a_test_recipient', userIds: [followers[0]] } });
    expect(h.fakeZalo.messagesFor(followers[0]!)).toHaveLength(0);

    // Staff register their own Zalo id: it must follow the OA, and staff cannot register for someone else.
    const me = '/admin/api/users/lan.nguyen/test-recipient';
    expect((await staff.req('PUT', me, { userId: '2468000000000005999' })).status).toBe(422);
    expect((await staff.req('PUT', '/admin/api/users/admin/test-recipient', { userId: followers[1] })).status).toBe(403);
    expect((await staff.req('PUT', '/admin/api/users/LAN.NGUYEN/test-recipient', { userId: followers[1] })).status).toBe(200);
    expect((await staff.req('GET', '/admin/api/me')).json.testRecipientId).toBe(followers[1]);

    // Twelve test sends to the registered id: the daily cap (2) holds, as for any announcement.
    const outcomes: unknown[] = [];
    for (let i = 0; i < 12; i++) outcomes.push(((await staff.req('POST', `/admin/api/announcements/${a}/test`, {})).json.results as unknown[])[0]);
    expect(h.fakeZalo.messagesFor(followers[1]!)).toHaveLength(2);
    expect(outcomes.filter((o) => (o as { error?: string }).error === 'daily_cap')).toHaveLength(10);
    // An admin may register anyone's; clearing it stops the test sends.
    expect((await admin.req('PUT', me, { userId: null })).status).toBe(200);
    expect((await staff.req('POST', `/admin/api/announcements/${a}/test`, {})).json.error).toBe('no_test_recipient');
  });

  it('audits every change by any role: who, what, when, before and after', async () => {
    const started = Date.now();
    const staff = await newUser('minh.pham', 'staff', '10.0.3.1');
    const a = (await staff.req('POST', '/admin/api/announcements', draft('Lịch tiếp dân'))).json.id as string;
    const later = new Date(Date.now() + 3600_000).toISOString();
    expect((await staff.req('POST', `/admin/api/announcements/${a}/send`, { sendAt: later })).status).toBe(200);
    expect((await staff.req('POST', `/admin/api/announcements/${a}/cancel`, {})).status).toBe(200);
    expect((await staff.req('PUT', `/admin/api/users/minh.pham/test-recipient`, { userId: followers[2] })).status).toBe(200);
    expect((await staff.req('POST', `/admin/api/announcements/${a}/test`, {})).status).toBe(200);
    expect((await staff.req('PUT', `/admin/api/followers/${followers[3]}/tags`, { tags: ['xa-binh-son'] })).status).toBe(200);
    expect((await staff.req('POST', '/admin/api/followers/sync', {})).status).toBe(202);
    const proc = (await admin.req('GET', '/admin/api/procedures/cap-ho-chieu')).json.published as Procedure;
    expect((await admin.req('PUT', '/admin/api/procedures/cap-ho-chieu', { ...proc, keywords: [...proc.keywords, 'ho chieu gan chip'] })).status).toBe(200);
    expect((await admin.req('POST', '/admin/api/procedures/cap-ho-chieu/publish', {})).status).toBe(200);
    expect((await admin.req('PATCH', '/admin/api/users/minh.pham', { role: 'admin' })).status).toBe(200);
    expect((await admin.req('DELETE', '/admin/api/users/minh.pham')).status).toBe(200);

    const entries = ((await admin.req('GET', '/admin/api/audit?limit=1000')).json.entries as AuditRow[]).filter((e) => e.at >= started);
    const find = (action: string, target?: string) => {
      const e = entries.find((x) => x.action === action && (target === undefined || x.target === target));
      expect(e, `${action} ${target ?? ''}`).toBeDefined();
      expect(e!.at).toBeGreaterThanOrEqual(started);
      return e!;
    };
    expect(find('user.create', 'minh.pham')).toMatchObject({ who: 'admin', before: null, after: { role: 'staff' } });
    expect(find('announcement.create', a)).toMatchObject({ who: 'minh.pham', before: null, after: { status: 'draft', title: 'Lịch tiếp dân', audience: { userIds: 1 } } });
    expect(find('announcement.schedule', a)).toMatchObject({ who: 'minh.pham', before: { status: 'draft', sendAt: null }, after: { status: 'scheduled', sendAt: later } });
    expect(find('announcement.cancel', a)).toMatchObject({ who: 'minh.pham', before: { status: 'scheduled' }, after: { status: 'cancelled' } });
    expect(find('user.test_recipient', 'minh.pham')).toMatchObject({ who: 'minh.pham', before: { testRecipientId: null }, after: { testRecipientId: followers[2] } });
    expect(find('announcement.test', a)).toMatchObject({ who: 'minh.pham', after: { results: [{ userId: followers[2], ok: true }] } });
    expect(find('follower.tags', followers[3])).toMatchObject({ who: 'minh.pham', before: { tags: [] }, after: { tags: ['xa-binh-son'] } });
    expect(find('followers.sync')).toMatchObject({ who: 'minh.pham', after: { started: true } });
    expect(find('procedure.save', 'cap-ho-chieu')).toMatchObject({ who: 'admin', before: { [`keywords.${proc.keywords.length}`]: null }, after: { [`keywords.${proc.keywords.length}`]: 'ho chieu gan chip' } });
    expect(find('procedure.publish', 'cap-ho-chieu')).toMatchObject({ who: 'admin', before: { live: expect.any(String) }, after: { live: expect.any(String) } });
    expect(find('user.role', 'minh.pham')).toMatchObject({ who: 'admin', before: { role: 'staff' }, after: { role: 'admin' } });
    expect(find('user.delete', 'minh.pham')).toMatchObject({ who: 'admin', before: { role: 'admin', testRecipientId: followers[2] }, after: null });
  });

  it('slows 60 usernames tried from one address, and one username tried from many, by a growing delay', async () => {
    const attacker = (i: number) => new Client(h.baseUrl, i < 0 ? '172.16.9.9' : `172.16.8.${i}`);
    const fromOne: number[] = [];
    for (let i = 0; i < 60; i++) fromOne.push((await attacker(-1).login(`guess${i}`, 'wrong-password-123')).status);
    // Ten free failures; after that only the attempts that waited out a doubling delay are even checked.
    expect(fromOne.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(fromOne[10]).toBe(429);
    expect(fromOne.filter((s) => s === 401).length).toBeLessThan(16);

    const spread: number[] = [];
    for (let i = 0; i < 8; i++) spread.push((await attacker(i).login('admin', 'wrong-password-123')).status);
    expect(spread.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(spread[5]).toBe(429);
  }, 60_000);

  it('keeps the real owner able to log in while an attacker behind the same address hammers the account', async () => {
    const ip = '192.168.50.50';
    // The owner logged in from this browser before.
    const owner = new Client(h.baseUrl, ip);
    expect((await owner.login('hoa.tran', PASSWORD)).status).toBe(200);
    // The attacker waits out each delay and keeps guessing: eight failures, the next wait 2.4 s.
    const statuses = new Set<number>();
    for (let failures = 0; failures < 8; ) {
      const r = await new Client(h.baseUrl, ip).login('hoa.tran', 'wrong-password-123');
      statuses.add(r.status);
      if (r.status === 401) failures++;
      else await new Promise((done) => setTimeout(done, Number(r.json.retryAfterS) * 1000));
    }
    expect([...statuses].sort()).toEqual([401, 429]);
    // The known browser is not slowed by the attacker's failures…
    expect((await owner.login('hoa.tran', PASSWORD)).status).toBe(200);
    // …and a new browser waits a delay of seconds, not a lock-out.
    const fresh = new Client(h.baseUrl, ip);
    const first = await fresh.login('hoa.tran', PASSWORD);
    expect(first.status).toBe(429);
    const wait = Number(first.json.retryAfterS);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(3);
    await new Promise((r) => setTimeout(r, wait * 1000 + 100));
    expect((await fresh.login('hoa.tran', PASSWORD)).status).toBe(200);
  }, 60_000);
});

describe('console behind no trusted proxy (TRUSTED_PROXIES empty, the default)', () => {
  let h: ConsoleHarness;
  const hourInVietnam = Math.floor((Date.now() + 7 * 3600_000) / 3600_000) % 24;
  beforeAll(async () => {
    // Quiet hours cover this hour and the next, whatever the time the test runs.
    h = await startConsoleHarness({ loginThrottle: THROTTLE, env: { TRUSTED_PROXIES: '', ANNOUNCEMENT_QUIET_HOURS: `${hourInVietnam}-${(hourInVietnam + 2) % 24}` } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('holds test sends during quiet hours', async () => {
    const follower = '2468000000000006001';
    await h.announcements.followers.follow(follower, Date.now());
    h.fakeZalo.followers.add(follower);
    await h.admin.users.setTestRecipient('admin', follower);
    const admin = new Client(h.baseUrl);
    expect((await admin.login('admin', 'simulator')).status).toBe(200);
    const a = (await admin.req('POST', '/admin/api/announcements', { title: 'Đêm', text: 'Thử.', audience: { userIds: [follower] }, draft: true })).json.id as string;
    const r = await admin.req('POST', `/admin/api/announcements/${a}/test`, {});
    expect(r).toMatchObject({ status: 409, json: { error: 'quiet_hours' } });
    expect(h.fakeZalo.messagesFor(follower)).toHaveLength(0);
  });

  it('counts a peer that claims other addresses in X-Forwarded-For against its own address', async () => {
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await new Client(h.baseUrl, `10.0.0.${i}`).login(`someone${i}`, 'wrong-password-123')).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  }, 60_000);
});
