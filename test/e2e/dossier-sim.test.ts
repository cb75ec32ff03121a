import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { SIMULATOR_IDENTITY, type RunningBot } from '../../src/main.js';
import { textEvent } from '../support/zalo-fixtures.js';
import { startBot, postEvent, waitFor } from '../support/bot.js';

const CODE = '000.00.53.H48-251120-0003';

function text(t: string, userId: string) {
  return textEvent(t, { userId, appId: SIMULATOR_IDENTITY.appId, oaId: SIMULATOR_IDENTITY.oaId });
}

describe('dossier status in the simulator (demo one-stop server on the iGate wire format)', () => {
  let bot: RunningBot;
  let base: string;
  beforeAll(async () => {
    bot = await startBot({ DOSSIER_WATCH_INTERVAL_S: '10' });
    base = `http://127.0.0.1:${bot.port}`;
  });
  afterAll(async () => {
    await bot.stop();
  });

  async function say(user: string, t: string): Promise<Record<string, unknown>> {
    const before = bot.fakeZalo!.messagesFor(user).length;
    expect((await postEvent(base, text(t, user), SIMULATOR_IDENTITY.oaSecretKey)).status).toBe(200);
    const all = await waitFor(() => {
      const m = bot.fakeZalo!.messagesFor(user);
      return m.length > before ? m : undefined;
    }, 8000, `reply to "${t}"`);
    return all[all.length - 1]!.message;
  }

  it('answers a code inside a sentence with status and a follow button, the due date after the second factor; follows; notifies once on change, with the details only to the proven owner', async () => {
    const user = '2468000000000003001';
    const reply = await say(user, `cho hỏi hồ sơ ${CODE.toLowerCase()} sao rồi`);
    const replyText = String(reply.text);
    expect(replyText).toContain(CODE);
    expect(replyText).not.toMatch(/\d{2}\/\d{2}\/\d{4}/); // no due date for whoever holds the code
    expect(replyText).not.toContain('051080003456'); // never the owner's ID number
    const verified = String((await say(user, '3456')).text);
    expect(verified).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    expect(verified).not.toContain('051080003456');
    const buttons = (reply as { attachment?: { payload?: { buttons?: { payload: unknown }[] } } }).attachment?.payload?.buttons ?? [];
    const follow = buttons.find((b) => typeof b.payload === 'string' && b.payload.startsWith('#d:follow:'));
    expect(follow).toBeDefined();

    const beforeFollow = bot.fakeZalo!.messagesFor(user).length;
    await say(user, String(follow!.payload));
    // The follow is confirmed, then the notices are explained with the offer to share a phone (once).
    await waitFor(() => bot.fakeZalo!.messagesFor(user).length >= beforeFollow + 2, 5000, 'the phone card after a follow');
    // Someone else who holds the code follows it without the second factor.
    const stranger = '2468000000000003002';
    const strangerReply = await say(stranger, CODE);
    const strangerButtons = (strangerReply as { attachment?: { payload?: { buttons?: { payload: unknown }[] } } }).attachment?.payload?.buttons ?? [];
    const strangerFollow = strangerButtons.find((b) => typeof b.payload === 'string' && b.payload.startsWith('#d:follow:'));
    const strangerBeforeFollow = bot.fakeZalo!.messagesFor(stranger).length;
    await say(stranger, String(strangerFollow!.payload));
    await waitFor(() => bot.fakeZalo!.messagesFor(stranger).length >= strangerBeforeFollow + 2, 5000, "the stranger's phone card");
    const procedureLine = verified.split('\n').find((l) => l.startsWith('Thủ tục: '));
    expect(procedureLine).toBeDefined();

    bot.demoOnestop!.setStatus(CODE, { name: 'Có kết quả - chờ trả' });
    const before = bot.fakeZalo!.messagesFor(user).length;
    const strangerBefore = bot.fakeZalo!.messagesFor(stranger).length;
    // A followed dossier is polled once per interval (10 s here): after that the scheduled watcher or this
    // manual tick notices the change, and whichever runs second must not repeat the notice.
    await new Promise((r) => setTimeout(r, 10_000));
    await bot.dossiers.watcher.tick();
    await waitFor(() => bot.fakeZalo!.messagesFor(user).length > before, 5_000, 'status-change notice');
    await bot.dossiers.watcher.tick();
    const after = bot.fakeZalo!.messagesFor(user);
    expect(after.length).toBe(before + 1);
    const notice = String(after[after.length - 1]!.message.text);
    expect(notice).toContain(CODE);
    expect(notice).toContain(procedureLine!);
    await waitFor(() => bot.fakeZalo!.messagesFor(stranger).length > strangerBefore, 5_000, "the stranger's notice");
    const strangerNotice = String(bot.fakeZalo!.messagesFor(stranger).at(-1)!.message.text);
    expect(strangerNotice).toContain(CODE);
    expect(strangerNotice).not.toContain(procedureLine!);
    expect(strangerNotice).not.toMatch(/\d{2}\/\d{2}\/\d{4}/);
  }, 30_000);

  it('a question right after a look-up ("bao giờ xong") looks the same dossier up again, with the details only for its proven owner', async () => {
    const owner = '2468000000000003101';
    await say(owner, CODE);
    expect(String((await say(owner, '3456')).text)).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    const again = String((await say(owner, 'bao giờ xong')).text);
    expect(again).toContain(CODE);
    expect(again).toMatch(/\d{2}\/\d{2}\/\d{4}/);
    // Someone who only holds the code gets the status again, still without the due date or the owner.
    const other = '2468000000000003102';
    await say(other, CODE);
    const otherAgain = String((await say(other, 'bao giờ xong')).text);
    expect(otherAgain).toContain(CODE);
    expect(otherAgain).not.toMatch(/\d{2}\/\d{2}\/\d{4}/);
  });

  it('asks for the code when none is given, and answers the next message', async () => {
    const user = '2468000000000003002';
    const ask = await say(user, 'tra cứu hồ sơ');
    expect(String(ask.text)).toMatch(/H48-\d{6}-\d{4}/);
    const answer = await say(user, '000.00.53.H48-251120-0001');
    expect(String(answer.text)).toContain('000.00.53.H48-251120-0001');
  });

  it('a social-insurance file number gets the BHXH channels, not a look-up or a "wrong code" reply', async () => {
    const reply = String((await say('2468000000000003004', 'Số hồ sơ BHXH của tôi là 03706/2026/07906, kiểm tra giúp tôi')).text);
    expect(reply).toContain('03706/2026/07906');
    expect(reply).toContain('bảo hiểm xã hội');
    expect(reply).not.toContain('chưa đúng dạng');
  });

  it('says what a code looks like when it is malformed, and plainly when it is not found', async () => {
    const user = '2468000000000003003';
    const bad = await say(user, 'tra cứu hồ sơ 000.00.53.H48-251399-0001');
    expect(String(bad.text)).toMatch(/000\.00\.53\.H48-\d{6}-\d{4}/);
    const missing = await say(user, 'hồ sơ 000.00.53.H48-251120-0999 tới đâu rồi');
    expect(String(missing.text)).toContain('000.00.53.H48-251120-0999');
  });
});
