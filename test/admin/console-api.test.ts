import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalCase, NluTestResult, PublishPreview, TagImportReport, TagInfo } from '../../src/admin/api-types.js';
import { vnToday } from '../../src/admin/format-vi.js';
import type { Procedure } from '../../src/knowledge/schema.js';
import { waitFor } from '../support/bot.js';
import { Client, startConsoleHarness, type ConsoleHarness } from './harness.js';

/** The API the new console needs: publish previews, conversations, evaluation cases, tags, audiences, test recipients. */
describe('console API additions', () => {
  let h: ConsoleHarness;
  let admin: Client;
  let staff: Client;
  const FOLLOWERS = ['3579000000000000001', '3579000000000000002', '3579000000000000003'];

  beforeAll(async () => {
    h = await startConsoleHarness();
    admin = new Client(h.baseUrl, '10.0.1.2');
    staff = new Client(h.baseUrl, '10.0.1.3');
    expect((await admin.login('admin', 'simulator')).status).toBe(200);
    expect((await staff.login('staff', 'simulator')).status).toBe(200);
    for (const f of FOLLOWERS) {
      h.fakeZalo.followers.add(f);
      await h.announcements.followers.follow(f, Date.now());
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  it('stamps the verification date and verifier when a fact changes, and previews the publish in words', async () => {
    const proc = (await admin.req('GET', '/admin/api/procedures/ly-lich-tu-phap')).json.published as Procedure;
    const edited = { ...proc, fees: [{ ...proc.fees[0]!, amountVnd: 230000 }, ...proc.fees.slice(1)] };
    const saved = await admin.req('PUT', '/admin/api/procedures/ly-lich-tu-phap', edited);
    expect(saved.status).toBe(200);
    expect((saved.json.data as Procedure).verifiedAt).toBe(vnToday());
    expect((saved.json.data as Procedure).verifiedBy).toBe('admin');
    // Staff may look at what a publish would do; only admins publish.
    const preview = (await staff.req('GET', '/admin/api/content/publish-preview')).json as unknown as PublishPreview;
    expect(preview.items).toHaveLength(1);
    expect(preview.items[0]).toMatchObject({ id: 'ly-lich-tu-phap', name: proc.name.vi, deleting: false, isNew: false });
    expect(preview.items[0]!.lines.map((l) => l.text)).toContain('Phí cấp Phiếu lý lịch tư pháp: 200.000\u00a0đ → 230.000\u00a0đ');
    expect((await staff.req('POST', '/admin/api/content/publish', {})).status).toBe(403);
    await admin.req('POST', '/admin/api/procedures/ly-lich-tu-phap/discard', {});
    expect(((await admin.req('GET', '/admin/api/content/publish-preview')).json as unknown as PublishPreview).items).toEqual([]);
  });

  it('answers a conversation turn by turn from one session: a follow-up applies to the previous answer', async () => {
    const res = await staff.req('POST', '/admin/api/nlu/conversation', { turns: ['lệ phí cấp phiếu lý lịch tư pháp bao nhiêu', 'mất bao lâu'] });
    expect(res.status).toBe(200);
    const [first, second] = res.json.turns as NluTestResult[];
    expect(first).toMatchObject({ decision: 'answer', procedureId: 'ly-lich-tu-phap', aspect: 'fee', followUp: false });
    expect(second).toMatchObject({ decision: 'answer', procedureId: 'ly-lich-tu-phap', aspect: 'duration', followUp: true });
    // The same second message alone has no procedure to follow.
    const alone = (await staff.req('POST', '/admin/api/nlu/test', { text: 'mất bao lâu' })).json as unknown as NluTestResult;
    expect(alone.procedureId).not.toBe('ly-lich-tu-phap');
    expect((await staff.req('POST', '/admin/api/nlu/conversation', { turns: [] })).status).toBe(400);
  });

  it('saves evaluation cases with the expected procedure per turn; only admins delete them', async () => {
    const body = { title: 'Phí rồi thời hạn', turns: [{ text: 'lệ phí lý lịch tư pháp', expected: { procedureId: 'ly-lich-tu-phap', intent: 'procedure', aspect: 'fee' } }, { text: 'mất bao lâu', expected: { procedureId: 'ly-lich-tu-phap', intent: 'procedure', aspect: 'duration' } }] };
    const created = await staff.req('POST', '/admin/api/eval-cases', body);
    expect(created.status).toBe(201);
    const saved = created.json as unknown as EvalCase;
    expect(saved).toMatchObject({ ...body, createdBy: 'staff' });
    expect(saved.contentVersion).toBe(h.content.current().kb.version);
    expect((await staff.req('POST', '/admin/api/eval-cases', { ...body, title: '' })).status).toBe(400);
    expect((await staff.req('POST', '/admin/api/eval-cases', { ...body, turns: [{ text: 'x', expected: { procedureId: 'Không Hợp Lệ', intent: 'procedure' } }] })).status).toBe(400);
    const listed = (await admin.req('GET', '/admin/api/eval-cases')).json.cases as EvalCase[];
    expect(listed.map((c) => c.id)).toEqual([saved.id]);
    expect((await staff.req('DELETE', `/admin/api/eval-cases/${saved.id}`)).status).toBe(403);
    expect((await admin.req('DELETE', `/admin/api/eval-cases/${saved.id}`)).status).toBe(200);
    expect((await admin.req('DELETE', `/admin/api/eval-cases/${saved.id}`)).status).toBe(404);
  });

  it('manages tags: create, assign (an unknown tag refused), counts followers only, imports a CSV after a check', async () => {
    expect((await staff.req('POST', '/admin/api/tags', { tag: 'xã Bình Sơn' })).status).toBe(201);
    expect((await staff.req('POST', '/admin/api/tags', { tag: 'xã Bình Sơn' })).json).toEqual({ tag: 'xã Bình Sơn', created: false });
    expect((await staff.req('POST', '/admin/api/tags', { tag: 'nhãn*sai' })).status).toBe(400);
    const unknown = await staff.req('POST', '/admin/api/tags/assign', { tag: 'xa binh son', userIds: [FOLLOWERS[0]] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.fields).toEqual({ tag: 'Nhãn "xa binh son" chưa có: tạo nhãn trước.' });
    const assigned = await staff.req('POST', '/admin/api/tags/assign', { tag: 'xã Bình Sơn', userIds: [FOLLOWERS[0], FOLLOWERS[1], FOLLOWERS[1], '9999000000000000001'] });
    expect(assigned.json).toEqual({ tag: 'xã Bình Sơn', added: 3, users: 3 });
    const tags = (await staff.req('GET', '/admin/api/tags')).json.tags as TagInfo[];
    // The third id is no follower: it carries the tag but an announcement would not reach it.
    expect(tags).toContainEqual({ tag: 'xã Bình Sơn', members: 3, followers: 2 });

    const csv = `user_id,tag\n${FOLLOWERS[2]},phường 1\nabc!,phường 1`;
    const bad = await staff.req('POST', '/admin/api/tags/import', { csv, apply: true });
    expect(bad.status).toBe(422);
    expect((bad.json as unknown as TagImportReport).applied).toBe(false);
    expect(((await staff.req('GET', '/admin/api/tags')).json.tags as TagInfo[]).map((t) => t.tag)).not.toContain('phường 1');
    const good = `user_id,tag\n${FOLLOWERS[2]},phường 1\n${FOLLOWERS[0]},phường 1`;
    const check = (await staff.req('POST', '/admin/api/tags/import', { csv: good, apply: false })).json as unknown as TagImportReport;
    expect(check).toMatchObject({ rows: 2, assignments: 2, users: 2, newTags: ['phường 1'], errors: [], applied: false });
    const applied = (await staff.req('POST', '/admin/api/tags/import', { csv: good, apply: true })).json as unknown as TagImportReport;
    expect(applied.applied).toBe(true);
    expect(((await staff.req('GET', '/admin/api/tags')).json.tags as TagInfo[]).find((t) => t.tag === 'phường 1')).toEqual({ tag: 'phường 1', members: 2, followers: 2 });
  });

  it('counts an audience and refuses an announcement to a tag nobody created, naming it', async () => {
    expect((await staff.req('POST', '/admin/api/announcements/audience-size', { audience: { tags: ['xã Bình Sơn', 'phường 1'] } })).json).toEqual({ size: 3 });
    expect((await staff.req('POST', '/admin/api/announcements/audience-size', { audience: { all: true } })).json).toEqual({ size: 3 });
    const typo = await staff.req('POST', '/admin/api/announcements/audience-size', { audience: { tags: ['xã Bình Sơn', 'xa binh son'] } });
    expect(typo.status).toBe(400);
    expect(typo.json.fields).toEqual({ 'audience.tags.1': 'Nhãn "xa binh son" chưa có: kiểm tra chính tả hoặc tạo nhãn ở trang Nhãn người nhận.' });
    const created = await staff.req('POST', '/admin/api/announcements', { title: 'Lịch', text: 'Thứ Năm.', audience: { tags: ['xa binh son'] } });
    expect(created.status).toBe(400);
    expect(await h.announcements.repo.list(10)).toEqual([]);
  });

  it('edits a draft in place, sends a test only to the registered recipient of the signed-in user, then sends', async () => {
    const draft = await staff.req('POST', '/admin/api/announcements', { title: 'Lịch', text: 'Thứ Năm.', audience: { all: true }, draft: true });
    expect(draft.json).toMatchObject({ status: 'draft', audienceSize: 3 });
    const id = String(draft.json.id);
    const edited = await staff.req('PUT', `/admin/api/announcements/${id}`, { title: 'Lịch tiếp dân', text: 'Thứ Năm hằng tuần.', audience: { tags: ['phường 1'] }, buttons: [{ title: 'Xem', url: 'https://dichvucong.gov.vn' }] });
    expect(edited.json).toMatchObject({ id, status: 'draft', audienceSize: 2 });
    const full = (await staff.req('GET', `/admin/api/announcements/${id}`)).json;
    expect(full).toMatchObject({ title: 'Lịch tiếp dân', text: 'Thứ Năm hằng tuần.', audience: { tags: ['phường 1'] }, buttons: [{ kind: 'url', title: 'Xem', url: 'https://dichvucong.gov.vn' }] });

    const none = await staff.req('POST', `/admin/api/announcements/${id}/test`, {});
    expect(none.status).toBe(422);
    expect(none.json.error).toBe('no_test_recipient');
    // Staff register their own Zalo id, never another account's.
    expect((await staff.req('PUT', '/admin/api/users/admin/test-recipient', { userId: FOLLOWERS[2] })).status).toBe(403);
    const registered = await staff.req('PUT', '/admin/api/users/staff/test-recipient', { userId: FOLLOWERS[2] });
    expect((registered.json.user as { testRecipientId: string }).testRecipientId).toBe(FOLLOWERS[2]);
    expect((await staff.req('GET', '/admin/api/me')).json.testRecipientId).toBe(FOLLOWERS[2]);
    const test = await staff.req('POST', `/admin/api/announcements/${id}/test`, {});
    expect(test.json.results).toMatchObject([{ userId: FOLLOWERS[2], ok: true }]);
    await waitFor(() => h.fakeZalo.messagesFor(FOLLOWERS[2]!).length === 1, 5000, 'test send');
    expect(h.fakeZalo.messagesFor(FOLLOWERS[0]!)).toHaveLength(0);

    expect((await staff.req('POST', `/admin/api/announcements/${id}/send`, {})).status).toBe(200);
    expect((await staff.req('PUT', `/admin/api/announcements/${id}`, { title: 'x', text: 'y', audience: { all: true } })).status).toBe(409);
    await waitFor(async () => (await staff.req('GET', `/admin/api/announcements/${id}`)).json.status === 'done', 10_000, 'sent');
    expect(h.fakeZalo.messagesFor(FOLLOWERS[0]!)).toHaveLength(1);
    expect(h.fakeZalo.messagesFor(FOLLOWERS[1]!)).toHaveLength(0);
    // Clearing the registration stops test sends again.
    await admin.req('PUT', '/admin/api/users/staff/test-recipient', { userId: null });
    expect((await staff.req('GET', '/admin/api/me')).json.testRecipientId).toBeNull();
  });
});
