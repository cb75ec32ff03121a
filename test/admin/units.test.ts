import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory-store.js';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/admin/passwords.js';
import { diffContent } from '../../src/admin/diff.js';
import { StoreAnalytics, vnDate } from '../../src/admin/analytics.js';
import { StoreHandoffService } from '../../src/admin/handoff.js';
import { parseCookies } from '../../src/admin/sessions.js';
import { LoginThrottle } from '../../src/admin/throttle.js';
import { ConversationTranscript } from '../../src/admin/transcript.js';

describe('review list', () => {
  const review = (text: string, reason: 'carry_over' | 'narrow' = 'carry_over') =>
    ({ type: 'record_review', reason, text, intent: 'procedure', procedureId: 'dang-ky-khai-sinh', aspect: 'place', confidence: 0.6 }) as const;

  it('keeps the answers to check, newest first, masked, with the conversation around them; dismissed ones disappear', async () => {
    const store = new MemoryStore();
    const calls: [string, number][] = [];
    const a = new StoreAnalytics(store, {
      mask: (t) => t.replace(/\d{9,12}/g, '•••'),
      conversation: {
        async around(userId, at) {
          calls.push([userId, at]);
          return { before: [{ from: 'citizen', text: 'đăng ký khai sinh cần gì', at: at - 60_000 }], after: [{ from: 'citizen', text: 'cảm ơn', at: at + 60_000 }] };
        },
      },
    });
    await a.record(review('thế nộp ở đâu'), { userId: 'u1', at: 1000 });
    await a.record(review('cccd 079190123456 làm ở đâu', 'narrow'), { userId: 'u2', at: 2000 });
    const items = await a.review.list();
    expect(items.map((i) => [i.text, i.reason])).toEqual([
      ['cccd ••• làm ở đâu', 'narrow'],
      ['thế nộp ở đâu', 'carry_over'],
    ]);
    expect(items[1]).toMatchObject({ procedureId: 'dang-ky-khai-sinh', aspect: 'place', before: [{ text: 'đăng ký khai sinh cần gì' }], after: [{ text: 'cảm ơn' }] });
    // The conversation is found by the user it came from; the item itself keeps only a hash of them.
    expect(calls).toContainEqual(['u1', 1000]);
    expect(JSON.stringify(await store.lrange('an:review', 0, -1))).not.toContain('u1');
    await a.review.dismiss(items[0]!.id);
    expect((await a.review.list()).map((i) => i.text)).toEqual(['thế nộp ở đâu']);
  });

  it('without a kept conversation, an item still shows what was answered; ID numbers and phones are masked by default', async () => {
    const a = new StoreAnalytics(new MemoryStore());
    await a.record(review('cái đó mất bao lâu'), { userId: 'u1', at: 1000 });
    await a.record(review('số tôi 0905123456 cccd 079190123456 nộp ở đâu'), { userId: 'u1', at: 2000 });
    const items = await a.review.list();
    expect(items[1]).toMatchObject({ text: 'cái đó mất bao lâu', before: [], after: [] });
    expect(items[0]!.text).not.toMatch(/0905123456|079190123456/);
  });
});

describe('conversation transcript around a message', () => {
  it('gives the turns before (oldest first) and the message with its reply and the later turns, bounded both ways', async () => {
    const t = new ConversationTranscript(new MemoryStore(), (x) => x.replace(/\d{9,12}/g, '•••'));
    const turn = (i: number) => [
      { from: 'citizen' as const, text: `câu ${i} số 0905123456`, at: i * 1000 },
      { from: 'bot' as const, text: `đáp ${i}`, at: i * 1000 + 1 },
    ];
    for (let i = 1; i <= 7; i++) await t.record('u1', turn(i));
    const { before, after } = await t.around('u1', 4000, { before: 2, after: 2 });
    expect(before.map((e) => e.text)).toEqual(['câu 2 số •••', 'đáp 2', 'câu 3 số •••', 'đáp 3']);
    expect(after.map((e) => e.text)).toEqual(['câu 4 số •••', 'đáp 4', 'câu 5 số •••', 'đáp 5', 'câu 6 số •••', 'đáp 6']);
    expect(await t.around('someone-else', 4000, { before: 2, after: 2 })).toEqual({ before: [], after: [] });
  });
});

describe('passwords', () => {
  it('hashes with scrypt and a random salt, and verifies only the right password', async () => {
    const a = await hashPassword('một mật khẩu dài');
    const b = await hashPassword('một mật khẩu dài');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('một mật khẩu dài', a)).toBe(true);
    // NFD input (some keyboards) is the same password.
    expect(await verifyPassword('một mật khẩu dài'.normalize('NFD'), a)).toBe(true);
    expect(await verifyPassword('mot mat khau dai', a)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });
});

describe('password policy', () => {
  it('refuses short, blank, common, username-based and repetitive passwords', () => {
    for (const bad of ['        ', ' '.repeat(16), '\t\t\t\t\t\t\t\t\t\t\t\t', 'simulator', 'short-pass1', 'password1234', 'PASSWORD1234', 'Matkhau@1234', 'qwerty123456', '111111111111', 'abababababab', 'nguyenvan.a-2026']) {
      expect(passwordProblem(bad, 'nguyenvan.a'), JSON.stringify(bad)).not.toBeNull();
    }
    expect(passwordProblem('        ')).toContain('khoảng trắng');
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(passwordProblem('Lịch-tiếp-dân-thứ-5')).toBeNull();
  });
});

describe('diffContent', () => {
  it('lists changed leaves by dotted path', () => {
    const d = diffContent({ fees: [{ amountVnd: 1 }], name: { vi: 'a' }, keywords: ['x'] }, { fees: [{ amountVnd: 2 }], name: { vi: 'a', en: 'b' }, keywords: [] });
    expect(d).toEqual([
      { path: 'fees.0.amountVnd', before: 1, after: 2 },
      { path: 'name.en', after: 'b' },
      { path: 'keywords.0', before: 'x' },
    ]);
  });
});

describe('StoreAnalytics', () => {
  const at = Date.parse('2026-11-20T03:00:00Z');
  it('groups similar unanswered messages, counts people, and hides resolved groups', async () => {
    const a = new StoreAnalytics(new MemoryStore());
    await a.record({ type: 'record_unanswered', text: 'Có bán vé máy bay không?', decision: 'fallback', candidates: [] }, { userId: 'u1', at });
    await a.record({ type: 'record_unanswered', text: 'co ban ve may bay khong', decision: 'fallback', candidates: [] }, { userId: 'u2', at: at + 1000 });
    await a.record({ type: 'record_unanswered', text: 'cho hỏi có bán vé máy bay không ạ', decision: 'clarify', candidates: ['x'] }, { userId: 'u2', at: at + 2000 });
    await a.record({ type: 'record_unanswered', text: 'giá vàng hôm nay', decision: 'fallback', candidates: [] }, { userId: 'u3', at });
    await a.record({ type: 'feedback', procedureId: 'cap-ho-chieu', helpful: false }, { userId: 'u4', at });
    await a.record({ type: 'feedback', procedureId: 'cap-ho-chieu', helpful: false }, { userId: 'u5', at });
    const groups = await a.unanswered();
    const flights = groups.find((g) => g.examples.some((e) => e.includes('vé máy bay')))!;
    expect(flights).toMatchObject({ count: 3, users: 2, kind: 'fallback', firstAt: at, lastAt: at + 2000, candidates: ['x'] });
    expect(groups.find((g) => g.kind === 'feedback_down')).toMatchObject({ procedureId: 'cap-ho-chieu', count: 2, text: null });
    expect(groups).toHaveLength(3);

    await a.resolve(flights.key, at + 5000);
    expect((await a.unanswered()).some((g) => g.key === flights.key)).toBe(false);
    // The same question asked after it was resolved shows up again.
    await a.record({ type: 'record_unanswered', text: 'có bán vé máy bay không', decision: 'fallback', candidates: [] }, { userId: 'u6', at: at + 9000 });
    expect((await a.unanswered()).find((g) => g.text === 'có bán vé máy bay không')?.count).toBe(1);
  });

  it('counts per Vietnam day with rates and top procedures', async () => {
    const a = new StoreAnalytics(new MemoryStore());
    const ctx = { userId: 'u', at };
    await a.record({ type: 'record_answer', procedureId: 'p1', intent: 'procedure', aspect: 'fee', decision: 'answer' }, ctx);
    await a.record({ type: 'record_answer', procedureId: 'p1', intent: 'procedure', aspect: 'fee', decision: 'answer' }, ctx);
    await a.record({ type: 'record_answer', procedureId: null, intent: 'fallback', aspect: null, decision: 'fallback' }, ctx);
    await a.record({ type: 'record_answer', procedureId: null, intent: 'procedure', aspect: null, decision: 'clarify' }, ctx);
    await a.record({ type: 'feedback', procedureId: 'p1', helpful: true }, ctx);
    await a.recordDossierLookup(ctx);
    const s = await a.summary(3, at);
    expect(s.days.map((d) => d.date)).toEqual(['2026-11-18', '2026-11-19', '2026-11-20']);
    expect(s.totals).toMatchObject({ messages: 4, answer: 2, clarify: 1, fallback: 1, lookups: 1, feedbackUp: 1, feedbackDown: 0 });
    expect(s.rates).toEqual({ answer: 0.5, clarify: 0.25, fallback: 0.25, helpful: 1 });
    expect(s.topProcedures).toEqual([{ procedureId: 'p1', count: 2 }]);
    // 23:30 in Hanoi is still the same day there, though UTC has moved on.
    expect(vnDate(Date.parse('2026-11-20T16:30:00Z'))).toBe('2026-11-20');
    expect(vnDate(Date.parse('2026-11-20T17:30:00Z'))).toBe('2026-11-21');
  });
});

describe('hand-off expiry and login throttle', () => {
  it('drops a hand-off from the inbox after its time to live', async () => {
    const h = new StoreHandoffService(new MemoryStore(), 80);
    await h.start('123', { kind: 'citizen' });
    expect((await h.list()).map((s) => s.userId)).toEqual(['123']);
    await new Promise((r) => setTimeout(r, 150));
    expect(await h.isActive('123')).toBe(false);
    expect(await h.list()).toEqual([]);
  });

  const opts = { freePerUser: 2, freePerIp: 3, freePerDevice: 2, baseDelayMs: 1000, maxDelayMs: 8000, windowMs: 60_000, deviceTtlMs: 86_400_000 };

  it('slows one username across addresses with a doubling delay, capped, never a lock-out', async () => {
    let now = 1_000_000;
    const t = new LoginThrottle(new MemoryStore(), opts, () => now);
    const from = (ip: string) => ({ username: 'admin', ip });
    await t.fail(from('1.1.1.1'));
    expect(await t.waitFor(from('2.2.2.2'))).toBe(0);
    await t.fail(from('2.2.2.2'));
    // The third attempt, from yet another address, waits; then 2 s, 4 s, 8 s, and never more than 8 s.
    const waits = [];
    for (let i = 0; i < 5; i++) {
      const w = await t.waitFor(from(`3.3.3.${i}`));
      waits.push(w);
      now += w;
      await t.fail(from(`3.3.3.${i}`));
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000]);
    // Upper case is the same account.
    expect(await t.waitFor({ username: 'ADMIN', ip: '9.9.9.9' })).toBe(8000);
    now += 8000;
    expect(await t.waitFor(from('9.9.9.9'))).toBe(0);
    await t.succeed(from('9.9.9.9'));
    expect(await t.waitFor(from('9.9.9.9'))).toBe(0);
  });

  it('slows one address across usernames (60 usernames from one address)', async () => {
    let now = 5_000_000;
    const t = new LoginThrottle(new MemoryStore(), opts, () => now);
    const waits = [];
    for (let i = 0; i < 60; i++) {
      const a = { username: `user${i}`, ip: '4.4.4.4' };
      const w = await t.waitFor(a);
      waits.push(w);
      now += w;
      await t.fail(a);
    }
    expect(waits.slice(0, 3)).toEqual([0, 0, 0]);
    expect(waits.slice(3, 7)).toEqual([1000, 2000, 4000, 8000]);
    expect(waits.filter((w) => w > 0)).toHaveLength(57);
    expect(await t.waitFor({ username: 'fresh', ip: '4.4.4.5' })).toBe(0);
  });

  it('lets the owner in from a known device while an attacker hammers the account from the same address', async () => {
    let now = 9_000_000;
    const t = new LoginThrottle(new MemoryStore(), opts, () => now);
    const token = await t.rememberDevice('Admin');
    expect(await t.deviceUser(token)).toBe('admin');
    expect(await t.deviceUser('forged-token-forged-token')).toBeNull();
    for (let i = 0; i < 20; i++) await t.fail({ username: 'admin', ip: '5.5.5.5' });
    expect(await t.waitFor({ username: 'admin', ip: '5.5.5.5' })).toBe(8000);
    expect(await t.waitFor({ username: 'admin', ip: '5.5.5.5', device: token })).toBe(0);
    // The device's own failures slow it too: a stolen cookie is no free pass.
    for (let i = 0; i < 3; i++) await t.fail({ username: 'admin', ip: '5.5.5.5', device: token });
    expect(await t.waitFor({ username: 'admin', ip: '5.5.5.5', device: token })).toBe(2000);
    now += 2000;
    expect(await t.waitFor({ username: 'admin', ip: '5.5.5.5', device: token })).toBe(0);
  });

  it('parses cookies and ignores malformed parts', () => {
    expect(parseCookies('a=1; zb_admin=abc%3D; junk; zb_admin=second')).toEqual({ a: '1', zb_admin: 'abc=' });
  });
});
