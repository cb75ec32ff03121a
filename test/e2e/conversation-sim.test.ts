import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_IDENTITY, type RunningBot } from '../../src/main.js';
import { postEvent, startBot, waitFor } from '../support/bot.js';
import { textEvent } from '../support/zalo-fixtures.js';

/** Multi-turn conversations through the real webhook, queue, session store and fake Zalo API. */
describe('conversation in the simulator: follow-ups and topic changes', () => {
  let bot: RunningBot;
  let base: string;
  beforeAll(async () => {
    bot = await startBot();
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

  it('generic words ask what is needed; the next message names it; a bare number with nothing open means nothing', async () => {
    const user = '2468000000000011002';
    expect(await say(user, 'thủ tục cho con')).toContain('anh/chị cần làm thủ tục gì');
    expect(await say(user, 'đăng kí tạm chú')).toContain('Đăng ký tạm trú');
    expect(await say(user, '1')).toContain('chưa có danh sách nào để chọn');
  });
});
