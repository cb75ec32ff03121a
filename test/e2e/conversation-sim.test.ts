import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_IDENTITY, type RunningBot } from '../../src/main.js';
import { postEvent, startBot, waitFor } from '../support/bot.js';
import { textEvent } from '../support/zalo-fixtures.js';

const TOKEN = 'conversation-test-admin-token-0123456789';

/** Multi-turn conversations through the real webhook, queue, session store and fake Zalo API. */
describe('conversation in the simulator: follow-ups and topic changes', () => {
  let bot: RunningBot;
  let base: string;
  beforeAll(async () => {
    bot = await startBot({ ADMIN_API_TOKEN: TOKEN });
    base = `http://127.0.0.1:${bot.port}`;
  });
  afterAll(async () => {
    await bot.stop();
  });

  /** Sends one message and waits for the bot's reply to it (the n-th message to this user). */
  async function say(user: string, text: string): Promise<string> {
    const before = bot.fakeZalo!.messagesFor(user).length;
    const res = await postEvent(base, textEvent(text, { userId: user, appId: SIMULATOR_IDENTITY.appId, oaId: SIMULATOR_IDENTITY.oaId }), SIMULATOR_IDENTITY.oaSecretKey);
    expect(res.status).toBe(200);
    const messages = await waitFor(() => {
      const m = bot.fakeZalo!.messagesFor(user);
      return m.length > before ? m : undefined;
    }, 8000, `reply to "${text}"`);
    return String(messages[before]!.message.text);
  }

  it('a follow-up keeps the procedure; a new need is answered on its own, not with the old procedure', async () => {
    const user = '2468000000000011001';
    expect(await say(user, 'đăng ký kết hôn cần giấy tờ gì')).toContain('Đăng ký kết hôn');
    const fee = await say(user, 'còn lệ phí thì sao');
    expect(fee).toContain('Đăng ký kết hôn – Phí, lệ phí');
    const divorce = await say(user, 'tôi muốn ly hôn thì làm sao');
    expect(divorce).toContain('Tòa án');
    expect(divorce).not.toContain('Đăng ký kết hôn');
    const widow = await say(user, 'Chồng tôi mới mất tuần trước, tôi già rồi không biết làm giấy tờ khai tử cho ông ấy thế nào');
    expect(widow).not.toContain('Đăng ký kết hôn');
    expect(widow).toMatch(/khai tử/i);
  });

  it('certification without its kind asks which of the four kinds, with four buttons and "not listed" on the Zalo wire', async () => {
    const user = '2468000000000011005';
    await say(user, 'Tôi cần làm chứng thực');
    const last = bot.fakeZalo!.messagesFor(user).at(-1)!.message as { text: string; attachment?: { payload: { buttons: { title: string; payload: string }[] } } };
    expect(last.text).toContain('Chứng thực bản sao');
    const buttons = last.attachment!.payload.buttons;
    expect(buttons).toHaveLength(5);
    expect(buttons.filter((b) => b.payload.startsWith('#p:chung-thuc-')).length).toBe(4);
  });

  it('the follow-up is listed for review with the conversation around it, masked', async () => {
    const user = '2468000000000011003';
    await say(user, 'đăng ký kết hôn cần giấy tờ gì, số tôi 0905123456');
    await say(user, 'còn lệ phí thì sao');
    await say(user, 'cảm ơn');
    const res = await fetch(`${base}/admin/api/unanswered`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    type Turn = { from: string; text: string };
    const body = (await res.json()) as { review: { text: string; reason: string; procedureId: string; before: Turn[]; after: Turn[] }[] };
    const item = body.review.find((r) => r.text === 'còn lệ phí thì sao');
    expect(item).toMatchObject({ reason: 'carry_over', procedureId: 'dang-ky-ket-hon' });
    expect(item!.before[0]!.from).toBe('citizen');
    expect(item!.before[0]!.text).toContain('đăng ký kết hôn cần giấy tờ gì');
    expect(item!.before[0]!.text).not.toContain('0905123456');
    expect(item!.before.some((t) => t.from === 'bot')).toBe(true);
    expect(item!.after.map((t) => t.from === 'citizen' && t.text)).toEqual(expect.arrayContaining(['còn lệ phí thì sao', 'cảm ơn']));
  });

  it('generic words ask what is needed; the next message names it; a bare number with nothing open means nothing', async () => {
    const user = '2468000000000011002';
    expect(await say(user, 'thủ tục cho con')).toContain('anh/chị cần làm thủ tục gì');
    expect(await say(user, 'đăng kí tạm chú')).toContain('Đăng ký tạm trú');
    expect(await say(user, '1')).toContain('chưa có danh sách nào để chọn');
  });
});
