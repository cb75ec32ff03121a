import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_IDENTITY } from '../../src/main.js';
import { postEvent } from '../support/bot.js';
import { ask, Client, startConsoleHarness, userText, type ConsoleHarness } from './harness.js';

/**
 * A citizen's ID number, phone and address reach staff only in the conversation the citizen opened with a
 * human: the unanswered list, its stored records, the inbox preview and a staff-opened conversation are masked.
 */
const PERSONAL = 'cho hỏi có bán vé máy bay không ạ, sđt 0905 123 456, mã 051203001234, nhà ở số nhà 12 đường Lê Lợi';
const RAW = ['0905 123 456', '0905123456', '051203001234', 'số nhà 12', 'Lê Lợi'];

function expectNoPersonalData(text: string) {
  for (const raw of RAW) expect(text).not.toContain(raw);
}

describe('personal data in what staff see', () => {
  let h: ConsoleHarness;
  let staff: Client;

  beforeAll(async () => {
    h = await startConsoleHarness();
    staff = new Client(h.baseUrl, '10.0.0.3');
    expect((await staff.login('staff', 'simulator')).status).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('masks ID numbers, phones and addresses in unanswered questions, stored and shown', async () => {
    await ask(h, '2468000000000007001', PERSONAL);
    const groups = (await staff.req('GET', '/admin/api/unanswered')).json.groups as { text: string; examples: string[] }[];
    const g = groups.find((x) => x.text.includes('vé máy bay'));
    expect(g).toBeDefined();
    expectNoPersonalData(JSON.stringify(groups));
    expect(g!.text).toContain('[số điện thoại]');
    expect(g!.text).toContain('[số định danh]');
    expect(g!.text).toContain('[địa chỉ]');
    // Not only hidden from view: the stored record never held them.
    expectNoPersonalData((await h.store.lrange('an:unanswered', 0, -1)).join('\n'));
  });

  it('masks a "not helpful" question that carried personal data', async () => {
    const user = '2468000000000007002';
    await ask(h, user, 'lệ phí cấp phiếu lý lịch tư pháp bao nhiêu, gọi em 0912345678');
    await ask(h, user, '#fb:down:ly-lich-tu-phap');
    const raw = (await h.store.lrange('an:unanswered', 0, -1)).join('\n');
    expect(raw).toContain('feedback_down');
    expect(raw).not.toContain('0912345678');
  });

  it('keeps the full text in the conversation the citizen opened, and masks the inbox preview', async () => {
    const user = '2468000000000007003';
    await ask(h, user, 'tôi muốn gặp cán bộ');
    await postEvent(h.baseUrl, userText(user, PERSONAL), SIMULATOR_IDENTITY.oaSecretKey);
    await expect
      .poll(async () => ((await staff.req('GET', `/admin/api/handoffs/${user}/messages`)).json.messages as { text: string }[]).map((m) => m.text))
      .toContain(PERSONAL);
    const items = (await staff.req('GET', '/admin/api/handoffs')).json.items as { userId: string; last: { text: string } | null }[];
    const item = items.find((i) => i.userId === user);
    expect(item?.last?.text).toContain('vé máy bay');
    expectNoPersonalData(item!.last!.text);
  });

  it('masks what a citizen writes in a conversation a staff member opened from Zalo', async () => {
    const user = '2468000000000007004';
    await h.handoff.start(user, { kind: 'staff', adminId: 'zalo-admin-1' });
    await postEvent(h.baseUrl, userText(user, PERSONAL), SIMULATOR_IDENTITY.oaSecretKey);
    await expect.poll(async () => ((await staff.req('GET', `/admin/api/handoffs/${user}/messages`)).json.messages as unknown[]).length).toBe(1);
    const messages = (await staff.req('GET', `/admin/api/handoffs/${user}/messages`)).json.messages as { text: string }[];
    expect(messages[0]!.text).toContain('vé máy bay');
    expectNoPersonalData(messages[0]!.text);
  });
});
