import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import { SIMULATOR_IDENTITY, type RunningBot } from '../../src/main.js';
import { textEvent } from '../support/zalo-fixtures.js';
import { startBot, postEvent, waitFor } from '../support/bot.js';
import { StoreHandoffService } from '../../src/admin/handoff.js';

const USER = '2468000000000000777';

function text(t: string, userId = USER) {
  return textEvent(t, { userId, appId: SIMULATOR_IDENTITY.appId, oaId: SIMULATOR_IDENTITY.oaId });
}

describe('simulator mode (npm start with no credentials)', () => {
  let bot: RunningBot;
  let base: string;
  beforeAll(async () => {
    bot = await startBot();
    base = `http://127.0.0.1:${bot.port}`;
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('serves the chat page and its signing config', async () => {
    const page = await fetch(`${base}/sim`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form id="composer"');
    const cfg = (await (await fetch(`${base}/sim/api/config`)).json()) as { appId: string };
    expect(cfg.appId).toBe(SIMULATOR_IDENTITY.appId);
  });

  it('answers a greeting with one message carrying the menu buttons', async () => {
    const res = await postEvent(base, text('xin chào', '2468000000000000701'), SIMULATOR_IDENTITY.oaSecretKey);
    expect(res.status).toBe(200);
    const [reply] = await waitFor(() => {
      const m = bot.fakeZalo!.messagesFor('2468000000000000701');
      return m.length ? m : undefined;
    }, 5000, 'greeting reply');
    expect(String(reply!.message.text)).toMatch(/anh\/chị/i);
    const buttons = (reply!.message as { attachment?: { payload?: { buttons?: unknown[] } } }).attachment?.payload?.buttons ?? [];
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.length).toBeLessThanOrEqual(5);
    await new Promise((r) => setTimeout(r, 200));
    expect(bot.fakeZalo!.messagesFor('2468000000000000701')).toHaveLength(1);
  });

  it('sends exactly one reply for an event delivered three times', async () => {
    const event = text('dang ky khai sinh can giay to gi', '2468000000000000702');
    const results = await Promise.all([1, 2, 3].map((n) => postEvent(base, event, SIMULATOR_IDENTITY.oaSecretKey, { num_retry: String(n) })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    await waitFor(() => bot.fakeZalo!.messagesFor('2468000000000000702').length > 0, 5000, 'reply');
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.fakeZalo!.messagesFor('2468000000000000702')).toHaveLength(1);
  });

  it('never answers echo events and stays quiet while a staff member chats (hand-off)', async () => {
    const user = '2468000000000000703';
    const echo = {
      app_id: SIMULATOR_IDENTITY.appId,
      event_name: 'oa_send_text',
      timestamp: String(Date.now()),
      sender: { id: SIMULATOR_IDENTITY.oaId, admin_id: '7770000000000000009' },
      recipient: { id: user },
      message: { msg_id: randomBytes(10).toString('hex'), text: 'Chào anh, em là cán bộ tiếp nhận' },
    };
    expect((await postEvent(base, echo, SIMULATOR_IDENTITY.oaSecretKey)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(await postEvent(base, text('xin chào', user), SIMULATOR_IDENTITY.oaSecretKey)).toHaveProperty('status', 200);
    await new Promise((r) => setTimeout(r, 300));
    expect(bot.fakeZalo!.messagesFor(user)).toHaveLength(0);
  });

  it('hands the conversation to staff on "gặp cán bộ": one acknowledgement, then silence, messages kept for the inbox', async () => {
    const user = '2468000000000000704';
    expect((await postEvent(base, text('cho tôi gặp cán bộ', user), SIMULATOR_IDENTITY.oaSecretKey)).status).toBe(200);
    await waitFor(() => bot.fakeZalo!.messagesFor(user).length === 1, 5000, 'hand-off acknowledgement');
    expect((await postEvent(base, text('hồ sơ của tôi bị trả lại, tôi cần hỏi', user), SIMULATOR_IDENTITY.oaSecretKey)).status).toBe(200);
    const inbox = new StoreHandoffService(bot.store, 60_000);
    const deadline = Date.now() + 5000;
    let messages = await inbox.messages(user);
    while (messages.length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      messages = await inbox.messages(user);
    }
    expect(messages.map((m) => m.text)).toEqual(['cho tôi gặp cán bộ', 'hồ sơ của tôi bị trả lại, tôi cần hỏi']);
    expect(bot.fakeZalo!.messagesFor(user)).toHaveLength(1);
  });

  it('exposes health, readiness and metrics', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/zalo_events_total\{event="user_send_text"\} \d+/);
    expect(metrics).toMatch(/zalo_replies_sent_total \d+/);
    expect(metrics).toContain('zalo_webhook_ack_seconds_bucket');
    expect(metrics).toContain('bot_queue_depth');
  });
});

describe('npm start loads the whole official catalogue', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    // CONTENT_DIR unset: intents/ with intents/catalogue/national.json.gz, exactly as `npm start`.
    bot = await startBot({ CONTENT_DIR: '' });
  }, 120_000);
  afterAll(async () => {
    await bot?.stop();
  });

  it('answers a catalogue-only procedure asked by its code from its official record, with the source and the page', async () => {
    expect(bot.content.current().kb.catalogue?.records.length).toBeGreaterThan(2500);
    const user = '2468000000000000790';
    expect((await postEvent(`http://127.0.0.1:${bot.port}`, text('thủ tục 1.000969 lệ phí bao nhiêu', user), SIMULATOR_IDENTITY.oaSecretKey)).status).toBe(200);
    const [reply] = await waitFor(() => {
      const m = bot.fakeZalo!.messagesFor(user);
      return m.length ? m : undefined;
    }, 10_000, 'catalogue answer');
    const body = String(reply!.message.text);
    expect(body).toContain('Theo Cơ sở dữ liệu quốc gia về thủ tục hành chính, cập nhật 31/07/2026:');
    expect(body).toContain('12.500.000 đồng');
    const buttons = (reply!.message as { attachment?: { payload?: { buttons?: { type: string; payload: unknown }[] } } }).attachment?.payload?.buttons ?? [];
    expect(JSON.stringify(buttons)).toContain('https://dichvucong.gov.vn/thu-tuc-hanh-chinh/');
  });
});
