import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SIMULATOR_IDENTITY } from '../../src/main.js';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import type { Procedure } from '../../src/knowledge/schema.js';
import { postEvent, waitFor } from '../support/bot.js';
import { DEFAULT_LOGIN_THROTTLE } from '../../src/admin/throttle.js';
import { ADMIN_TOKEN, ask, Client, lastText, startConsoleHarness, userText, type ConsoleHarness } from './harness.js';

const bearer = { Authorization: `Bearer ${ADMIN_TOKEN}` };

/** Every console API route (the announcements API is another module's and is checked by the gate too). */
const ROUTES: [string, string][] = [
  ['GET', '/admin/api/me'],
  ['POST', '/admin/api/logout'],
  ['GET', '/admin/api/procedures'],
  ['GET', '/admin/api/procedures/ly-lich-tu-phap'],
  ['PUT', '/admin/api/procedures/ly-lich-tu-phap'],
  ['DELETE', '/admin/api/procedures/ly-lich-tu-phap'],
  ['POST', '/admin/api/procedures/ly-lich-tu-phap/publish'],
  ['POST', '/admin/api/procedures/ly-lich-tu-phap/discard'],
  ['GET', '/admin/api/procedures/ly-lich-tu-phap/versions'],
  ['GET', '/admin/api/procedures/ly-lich-tu-phap/versions/1'],
  ['POST', '/admin/api/procedures/ly-lich-tu-phap/rollback'],
  ['GET', '/admin/api/intents'],
  ['GET', '/admin/api/intents/greeting'],
  ['PUT', '/admin/api/intents/greeting'],
  ['POST', '/admin/api/intents/greeting/publish'],
  ['POST', '/admin/api/content/publish'],
  ['GET', '/admin/api/content/export'],
  ['POST', '/admin/api/content/export'],
  ['POST', '/admin/api/content/import'],
  ['POST', '/admin/api/nlu/test'],
  ['GET', '/admin/api/analytics'],
  ['GET', '/admin/api/unanswered'],
  ['POST', '/admin/api/unanswered/phrasing'],
  ['POST', '/admin/api/unanswered/dismiss'],
  ['POST', '/admin/api/unanswered/review/dismiss'],
  ['GET', '/admin/api/sentences/defaults'],
  ['PUT', '/admin/api/sentences/smalltalk.greeting'],
  ['GET', '/admin/api/handoffs'],
  ['GET', '/admin/api/handoffs/123/messages'],
  ['POST', '/admin/api/handoffs/123/reply'],
  ['POST', '/admin/api/handoffs/123/release'],
  ['GET', '/admin/api/users'],
  ['POST', '/admin/api/users'],
  ['DELETE', '/admin/api/users/staff'],
  ['GET', '/admin/api/audit'],
  ['GET', '/admin/api/announcements'],
  ['POST', '/admin/api/announcements'],
  ['GET', '/admin/api/content/publish-preview'],
  ['POST', '/admin/api/nlu/conversation'],
  ['GET', '/admin/api/eval-cases'],
  ['POST', '/admin/api/eval-cases'],
  ['DELETE', '/admin/api/eval-cases/c1'],
  ['PUT', '/admin/api/users/staff/test-recipient'],
  ['POST', '/admin/api/announcements/audience-size'],
  ['PUT', '/admin/api/announcements/a1'],
  ['GET', '/admin/api/tags'],
  ['POST', '/admin/api/tags'],
  ['POST', '/admin/api/tags/assign'],
  ['POST', '/admin/api/tags/import'],
  ['GET', '/admin/api/no-such-route'],
];

const ADMIN_ONLY: [string, string][] = [
  ['PUT', '/admin/api/procedures/ly-lich-tu-phap'],
  ['DELETE', '/admin/api/procedures/ly-lich-tu-phap'],
  ['POST', '/admin/api/procedures/ly-lich-tu-phap/publish'],
  ['POST', '/admin/api/procedures/ly-lich-tu-phap/rollback'],
  ['PUT', '/admin/api/intents/greeting'],
  ['POST', '/admin/api/content/publish'],
  ['POST', '/admin/api/content/export'],
  ['POST', '/admin/api/content/import'],
  ['POST', '/admin/api/unanswered/phrasing'],
  ['POST', '/admin/api/unanswered/review/dismiss'],
  ['PUT', '/admin/api/sentences/smalltalk.greeting'],
  ['GET', '/admin/api/users'],
  ['POST', '/admin/api/users'],
  ['GET', '/admin/api/audit'],
];

describe('admin console API (simulator mode)', () => {
  let h: ConsoleHarness;
  let admin: Client;
  let staff: Client;

  beforeAll(async () => {
    h = await startConsoleHarness({ loginThrottle: { ...DEFAULT_LOGIN_THROTTLE, freePerUser: 3, freePerIp: 3, baseDelayMs: 60_000 } });
    admin = new Client(h.baseUrl, '10.0.0.2');
    staff = new Client(h.baseUrl, '10.0.0.3');
    expect((await admin.login('admin', 'simulator')).status).toBe(200);
    expect((await staff.login('staff', 'simulator')).status).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses every /admin/api route without authentication (401)', async () => {
    const anon = new Client(h.baseUrl);
    for (const [method, path] of ROUTES) {
      const r = await anon.req(method, path, method === 'GET' ? undefined : {});
      expect(r.status, `${method} ${path}`).toBe(401);
    }
    // A forged cookie is no session either.
    anon.cookie = 'zb_admin=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    expect((await anon.req('GET', '/admin/api/procedures')).status).toBe(401);
    expect((await anon.req('GET', '/admin/api/procedures', undefined, { Authorization: 'Bearer wrong-token-wrong-token-wrong' })).status).toBe(401);
    // The console's static files carry no data: they load without a session, under a strict CSP.
    const html = await fetch(`${h.baseUrl}/admin/`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await html.text()).toContain('<script src="/admin/console.js" defer></script>');
    expect((await fetch(`${h.baseUrl}/admin`, { redirect: 'manual' })).headers.get('location')).toBe('/admin/');
  });

  it('lets staff read and use the inbox but not edit content, users or the audit log (403)', async () => {
    expect((await staff.req('GET', '/admin/api/procedures')).status).toBe(200);
    expect((await staff.req('GET', '/admin/api/handoffs')).status).toBe(200);
    for (const [method, path] of ADMIN_ONLY) {
      const r = await staff.req(method, path, method === 'GET' ? undefined : { version: 1 });
      expect(r.status, `${method} ${path}`).toBe(403);
    }
  });

  it('requires the CSRF token on state changes made with a cookie session; bearer automation is exempt', async () => {
    const proc = ((await admin.req('GET', '/admin/api/procedures/cap-ho-chieu')).json.published) as Procedure;
    const edited = { ...proc, keywords: [...proc.keywords, 'ho chieu pho thong'] };
    expect((await admin.req('PUT', '/admin/api/procedures/cap-ho-chieu', edited, { 'X-CSRF-Token': '' })).status).toBe(403);
    expect((await admin.req('PUT', '/admin/api/procedures/cap-ho-chieu', edited, { 'X-CSRF-Token': 'forged-token-forged-token' })).status).toBe(403);
    expect((await staff.req('POST', '/admin/api/handoffs/123/release', {}, { 'X-CSRF-Token': admin.csrf })).status).toBe(403);
    expect((await admin.req('PUT', '/admin/api/procedures/cap-ho-chieu', edited)).status).toBe(200);
    const auto = new Client(h.baseUrl);
    expect((await auto.req('POST', '/admin/api/procedures/cap-ho-chieu/discard', {}, bearer)).status).toBe(200);
  });

  it('throttles logins for a username from any address, even with the right password afterwards; a known device still gets in', async () => {
    const c = new Client(h.baseUrl, '10.9.9.9');
    for (let i = 0; i < 3; i++) expect((await new Client(h.baseUrl, `10.9.8.${i}`).login('staff', 'wrong-password')).status).toBe(401);
    const blocked = await c.login('staff', 'simulator');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.json.retryAfterS)).toBeGreaterThan(0);
    // Another address is throttled too (the count is per username)…
    expect((await new Client(h.baseUrl, '10.9.9.10').login('staff', 'simulator')).status).toBe(429);
    // …but the browser staff logged in with at the start is a known device of the account.
    const known = new Client(h.baseUrl, '10.9.9.11');
    known.jar.set('zb_device', staff.jar.get('zb_device')!);
    expect((await known.login('staff', 'simulator')).status).toBe(200);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict, scoped to /admin', async () => {
    const res = await fetch(`${h.baseUrl}/admin/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.1.1.1' }, body: JSON.stringify({ username: 'admin', password: 'simulator' }) });
    const cookies = res.headers.getSetCookie();
    const cookie = cookies.find((c) => c.startsWith('zb_admin=')) ?? '';
    expect(cookie).toMatch(/^zb_admin=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/admin;');
    // The known-device cookie goes only to the login route.
    const device = cookies.find((c) => c.startsWith('zb_device=')) ?? '';
    expect(device).toMatch(/^zb_device=[A-Za-z0-9_-]{20,};/);
    expect(device).toContain('Path=/admin/api/login;');
    expect(device).toContain('HttpOnly');
    expect(device).toContain('SameSite=Strict');
  });

  it('saves a fee as a draft, previews it, publishes it, and the bot answers with it; rollback restores it', async () => {
    const question = 'lệ phí cấp phiếu lý lịch tư pháp bao nhiêu';
    expect(await ask(h, '2468000000000000901', question)).toContain('200.000');

    const view = (await admin.req('GET', '/admin/api/procedures/ly-lich-tu-phap')).json as { published: Procedure };
    const proc = view.published;
    const bad = { ...proc, fees: [{ ...proc.fees[0]!, amountVnd: undefined }] };
    const invalid = await admin.req('PUT', '/admin/api/procedures/ly-lich-tu-phap', bad);
    expect(invalid.status).toBe(422);
    expect(invalid.json.errors).toContainEqual({ field: 'fees.0.amountVnd', message: 'Phí cấp Phiếu lý lịch tư pháp: bắt buộc nhập khi loại phí là “Số tiền cố định”' });

    const edited = { ...proc, fees: [{ ...proc.fees[0]!, amountVnd: 250000 }, ...proc.fees.slice(1)] };
    const saved = await admin.req('PUT', '/admin/api/procedures/ly-lich-tu-phap', edited);
    expect(saved.status).toBe(200);
    // Version 1 is the baseline from the files, so the original can be restored.
    expect(saved.json.version).toBe(2);
    expect(saved.json.by).toBe('admin');
    expect(saved.json.diff).toContainEqual({ path: 'fees.0.amountVnd', before: 200000, after: 250000 });

    const preview = await admin.req('POST', '/admin/api/nlu/test', { text: question, draft: true });
    expect(preview.json.procedureId).toBe('ly-lich-tu-phap');
    expect(preview.json.aspect).toBe('fee');
    expect(JSON.stringify(preview.json.replies)).toContain('250.000');
    const live = await admin.req('POST', '/admin/api/nlu/test', { text: question });
    expect(JSON.stringify(live.json.replies)).toContain('200.000');
    // The draft is not live yet.
    expect(await ask(h, '2468000000000000902', question)).toContain('200.000');

    const published = await admin.req('POST', '/admin/api/procedures/ly-lich-tu-phap/publish', {});
    expect(published.status).toBe(200);
    expect(await ask(h, '2468000000000000903', question)).toContain('250.000');

    const versions = (await admin.req('GET', '/admin/api/procedures/ly-lich-tu-phap/versions')).json.versions as { version: number; action: string; publishedAt?: number }[];
    expect(versions.map((v) => [v.version, v.action])).toEqual([
      [2, 'save'],
      [1, 'baseline'],
    ]);
    expect(versions[0]!.publishedAt).toBeGreaterThan(0);

    // A second edit, then roll back to version 2 (250 000) after publishing 300 000, then to the files' version.
    await admin.req('PUT', '/admin/api/procedures/ly-lich-tu-phap', { ...edited, fees: [{ ...proc.fees[0]!, amountVnd: 300000 }, ...proc.fees.slice(1)] });
    await admin.req('POST', '/admin/api/procedures/ly-lich-tu-phap/publish', {});
    expect(await ask(h, '2468000000000000904', question)).toContain('300.000');
    const rolled = await admin.req('POST', '/admin/api/procedures/ly-lich-tu-phap/rollback', { version: 2 });
    expect(rolled.status).toBe(200);
    expect(await ask(h, '2468000000000000905', question)).toContain('250.000');
    expect((await admin.req('POST', '/admin/api/procedures/ly-lich-tu-phap/rollback', { version: 1 })).status).toBe(200);
    expect(await ask(h, '2468000000000000906', question)).toContain('200.000');

    const audit = (await admin.req('GET', '/admin/api/audit')).json.entries as { who: string; action: string; target?: string }[];
    expect(audit.filter((e) => e.target === 'ly-lich-tu-phap').map((e) => e.action)).toEqual(expect.arrayContaining(['procedure.save', 'procedure.publish', 'procedure.rollback']));
    expect(audit.every((e) => typeof e.who === 'string')).toBe(true);
  });

  it('answers every message that arrives while a publish rebuilds the matcher', async () => {
    const proc = ((await admin.req('GET', '/admin/api/procedures/cap-ho-chieu')).json.published) as Procedure;
    await admin.req('PUT', '/admin/api/procedures/cap-ho-chieu', { ...proc, keywords: [...proc.keywords, 'passport'] });
    const users = Array.from({ length: 30 }, (_, i) => `24680000000009${String(1000 + i)}`);
    const sends = users.map((u) => postEvent(h.baseUrl, userText(u, 'làm hộ chiếu cần giấy tờ gì'), SIMULATOR_IDENTITY.oaSecretKey));
    const [published] = await Promise.all([admin.req('POST', '/admin/api/procedures/cap-ho-chieu/publish', {}), ...sends]);
    expect(published.status).toBe(200);
    await waitFor(() => users.every((u) => h.fakeZalo.messagesFor(u).length >= 1), 10_000, 'a reply to every message');
    for (const u of users) expect(lastText(h, u)).toMatch(/hộ chiếu/i);
  });

  it('refuses to publish a deletion that would leave a related link dangling', async () => {
    const all = h.content.current().kb.procedures;
    const target = all.find((p) => all.some((q) => q.related.includes(p.id)));
    expect(target).toBeDefined();
    expect((await admin.req('DELETE', `/admin/api/procedures/${target!.id}`)).status).toBe(200);
    const res = await admin.req('POST', `/admin/api/procedures/${target!.id}/publish`, {});
    expect(res.status).toBe(422);
    expect(h.content.current().kb.procedures.some((p) => p.id === target!.id)).toBe(true);
    expect((await admin.req('POST', `/admin/api/procedures/${target!.id}/discard`, {})).status).toBe(200);
  });

  it('groups unanswered messages and adds one as a phrasing draft in one call', async () => {
    await ask(h, '2468000000000000911', 'cho hỏi có bán vé máy bay không ạ');
    await ask(h, '2468000000000000912', 'có bán vé máy bay không');
    const groups = (await admin.req('GET', '/admin/api/unanswered')).json.groups as { key: string; text: string; count: number; users: number }[];
    const g = groups.find((x) => x.text.includes('vé máy bay'));
    expect(g).toBeDefined();
    expect(g!.count).toBe(2);
    expect(g!.users).toBe(2);

    const added = await admin.req('POST', '/admin/api/unanswered/phrasing', { text: g!.text, procedureId: 'giay-phep-xay-dung', groupKey: g!.key });
    expect(added.status).toBe(200);
    const draft = (added.json.draft as { data: Procedure; version: number }).data;
    expect(draft.phrasings.at(-1)).toBe(g!.text);
    const after = (await admin.req('GET', '/admin/api/unanswered')).json.groups as { text: string }[];
    expect(after.some((x) => x.text.includes('vé máy bay'))).toBe(false);
    await admin.req('POST', '/admin/api/procedures/giay-phep-xay-dung/discard', {});
  });

  it('lists answers that carried the previous procedure over, and staff can dismiss them', async () => {
    const user = '2468000000000000921';
    await ask(h, user, 'đăng ký khai sinh cần giấy tờ gì');
    await ask(h, user, 'thế nộp ở đâu');
    const res = await admin.req('GET', '/admin/api/unanswered');
    const review = res.json.review as { id: string; reason: string; text: string; procedureId: string; aspect: string }[];
    const item = review.find((r) => r.text === 'thế nộp ở đâu');
    expect(item).toMatchObject({ reason: 'carry_over', procedureId: 'dang-ky-khai-sinh', aspect: 'place' });
    // The first question named its procedure: nothing to review there.
    expect(review.some((r) => r.text === 'đăng ký khai sinh cần giấy tờ gì')).toBe(false);
    expect((await staff.req('POST', '/admin/api/unanswered/review/dismiss', { id: item!.id })).status).toBe(403);
    expect((await admin.req('POST', '/admin/api/unanswered/review/dismiss', { id: 'not-an-id' })).status).toBe(400);
    expect((await admin.req('POST', '/admin/api/unanswered/review/dismiss', { id: item!.id })).status).toBe(200);
    const after = (await admin.req('GET', '/admin/api/unanswered')).json.review as { id: string }[];
    expect(after.some((r) => r.id === item!.id)).toBe(false);
  });

  it('admins override a system sentence: validated, versioned, published live, and removed back to the default', async () => {
    const user = '2468000000000000931';
    const defaults = (await staff.req('GET', '/admin/api/sentences/defaults')).json.items as { id: string; default: { vi: string }; override: unknown }[];
    const greeting = defaults.find((d) => d.id === 'smalltalk.greeting');
    expect(greeting).toMatchObject({ override: null });
    expect(defaults.some((d) => d.id === 'dialogue.nothingToChoose')).toBe(true);

    const path = '/admin/api/sentences/smalltalk.greeting';
    const text = 'Xin chào anh/chị! Đây là trợ lý của Trung tâm Phục vụ hành chính công tỉnh.';
    expect((await staff.req('PUT', path, { id: 'smalltalk.greeting', text: { vi: text } })).status).toBe(403);
    const bad = await admin.req('PUT', '/admin/api/sentences/dialogue.dossierCodeInvalid', { id: 'dialogue.dossierCodeInvalid', text: { vi: 'Mã sai.' } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors).toEqual([{ field: 'text.vi', message: 'keep {{example}}: the bot fills it in' }]);
    expect((await admin.req('PUT', '/admin/api/sentences/smalltalk.nope', { id: 'smalltalk.nope', text: { vi: 'x' } })).status).toBe(422);

    expect((await admin.req('PUT', path, { id: 'smalltalk.greeting', text: { vi: text } })).status).toBe(200);
    // A draft changes nothing for citizens until it is published.
    expect(await ask(h, user, 'xin chào')).toBe(greeting!.default.vi);
    expect((await admin.req('POST', `${path}/publish`, {})).status).toBe(200);
    expect(await ask(h, user, 'xin chào')).toBe(text);
    expect(((await staff.req('GET', '/admin/api/sentences/defaults')).json.items as { id: string; override: unknown }[]).find((d) => d.id === 'smalltalk.greeting')?.override).toEqual({ vi: text });
    const versions = (await admin.req('GET', `${path}/versions`)).json.versions as { version: number; by: string }[];
    expect(versions[0]).toMatchObject({ by: 'admin' });

    expect((await admin.req('DELETE', path)).status).toBe(200);
    expect((await admin.req('POST', `${path}/publish`, {})).status).toBe(200);
    expect(await ask(h, user, 'xin chào')).toBe(greeting!.default.vi);
  });

  it('counts messages, answers and fallbacks per day', async () => {
    const a = (await admin.req('GET', '/admin/api/analytics?days=7')).json as { totals: { messages: number; answer: number; clarify: number; fallback: number }; topProcedures: { procedureId: string; count: number }[] };
    expect(a.totals.messages).toBeGreaterThanOrEqual(38);
    expect(a.totals.messages).toBe(a.totals.answer + a.totals.clarify + a.totals.fallback);
    // The two "vé máy bay" questions were not answered (a fallback or a clarification, depending on content).
    expect(a.totals.clarify + a.totals.fallback).toBeGreaterThanOrEqual(2);
    expect(a.topProcedures.slice(0, 2)).toEqual([
      { procedureId: 'cap-ho-chieu', count: 30 },
      { procedureId: 'ly-lich-tu-phap', count: 6 },
    ]);
  });

  it('puts "gặp cán bộ" in the inbox; staff reply through Zalo and hand the conversation back', async () => {
    const user = '2468000000000000921';
    await ask(h, user, 'tôi muốn gặp cán bộ');
    await postEvent(h.baseUrl, userText(user, 'hồ sơ của tôi bị trả lại'), SIMULATOR_IDENTITY.oaSecretKey);
    const inbox = async () => (await staff.req('GET', '/admin/api/handoffs')).json.items as { userId: string }[];
    await expect.poll(async () => (await inbox()).map((i) => i.userId)).toContain(user);
    await expect.poll(async () => ((await staff.req('GET', `/admin/api/handoffs/${user}/messages`)).json.messages as { text: string }[]).map((m) => m.text)).toContain('hồ sơ của tôi bị trả lại');

    const sent = await staff.req('POST', `/admin/api/handoffs/${user}/reply`, { text: 'Chào anh/chị, cán bộ đang xem hồ sơ.' });
    expect(sent.status).toBe(200);
    const rec = h.fakeZalo.messagesFor(user).at(-1)!;
    expect(rec.endpoint).toBe('cs');
    expect((rec.message as { text: string }).text).toBe('Chào anh/chị, cán bộ đang xem hồ sơ.');

    expect((await staff.req('POST', `/admin/api/handoffs/${user}/release`, {})).status).toBe(200);
    expect((await inbox()).map((i) => i.userId)).not.toContain(user);
    expect((await staff.req('POST', `/admin/api/handoffs/${user}/reply`, { text: 'x' })).status).toBe(409);
  });

  it('exports the published content to intents/ files and imports them back as drafts', async () => {
    const exp = await admin.req('POST', '/admin/api/content/export', {});
    expect(exp.status).toBe(200);
    const yaml = await readFile(join(h.contentDir, 'procedures', 'ly-lich-tu-phap.yaml'), 'utf8');
    expect(yaml).toContain('amountVnd: 200000');
    expect(yaml).toContain('Phí cấp Phiếu lý lịch tư pháp');
    const imp = await admin.req('POST', '/admin/api/content/import', {});
    expect(imp.status).toBe(200);
    expect(imp.json.drafts).toEqual([]);
    // An edited file comes back as a draft of that item only.
    const file = join(h.contentDir, 'procedures', 'ly-lich-tu-phap.yaml');
    await writeFile(file, yaml.replace('amountVnd: 200000', 'amountVnd: 210000'));
    const again = await admin.req('POST', '/admin/api/content/import', {});
    expect(again.json.drafts).toEqual([{ kind: 'procedure', id: 'ly-lich-tu-phap', version: expect.any(Number) }]);
    await admin.req('POST', '/admin/api/procedures/ly-lich-tu-phap/discard', {});
  });

  it('exports a published sentence override to intents/sentences and loads it back from there', async () => {
    const path = '/admin/api/sentences/smalltalk.thanks';
    const body = { id: 'smalltalk.thanks', text: { vi: 'Dạ, cảm ơn anh/chị đã liên hệ.', en: 'Thank you for getting in touch.' } };
    expect((await admin.req('PUT', path, body)).status).toBe(200);
    expect((await admin.req('POST', `${path}/publish`, {})).status).toBe(200);
    expect((await admin.req('POST', '/admin/api/content/export', {})).status).toBe(200);
    const yaml = await readFile(join(h.contentDir, 'sentences', 'smalltalk.thanks.yaml'), 'utf8');
    expect(yaml).toContain('Dạ, cảm ơn anh/chị đã liên hệ.');
    const loaded = await loadContentFromDir(h.contentDir);
    expect('kb' in loaded && loaded.kb.sentences).toEqual([body]);
    expect((await admin.req('POST', '/admin/api/content/import', {})).json.drafts).toEqual([]);
    // Removed and exported again: the file goes too.
    await admin.req('DELETE', path);
    await admin.req('POST', `${path}/publish`, {});
    await admin.req('POST', '/admin/api/content/export', {});
    await expect(readFile(join(h.contentDir, 'sentences', 'smalltalk.thanks.yaml'), 'utf8')).rejects.toThrow();
  });

  it('creates users (admin only) and never returns password hashes', async () => {
    const created = await admin.req('POST', '/admin/api/users', { username: 'can.bo1', password: 'short', role: 'staff' });
    expect(created.status).toBe(422);
    expect((await admin.req('POST', '/admin/api/users', { username: 'can.bo1', password: 'mot-mat-khau-dai', role: 'staff' })).status).toBe(201);
    const list = await admin.req('GET', '/admin/api/users');
    expect(JSON.stringify(list.json)).not.toContain('scrypt');
    expect((list.json.users as { username: string }[]).map((u) => u.username)).toEqual(['admin', 'can.bo1', 'staff']);
    expect((await new Client(h.baseUrl, '10.7.7.7').login('can.bo1', 'mot-mat-khau-dai')).status).toBe(200);
  });
});
