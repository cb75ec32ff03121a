import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_IDENTITY, type RunningBot } from '../../src/main.js';
import type { RecordedMessage } from '../../src/sim/fake-zalo-api.js';
import { postEvent, startBot, waitFor } from '../support/bot.js';
import { textEvent } from '../support/zalo-fixtures.js';

/**
 * The notice chain end to end in the simulator: real webhook, worker, watcher and notify module, the fake Zalo
 * (consultation, template, ZNS, quota) and the demo one-stop server, on a clock the test moves forward.
 */

const TOKEN = 'e2e-notice-admin-token-0123456789';
const CODE_SAT = '000.00.53.H48-251120-0007';
const CODE_TPL = '000.00.53.H48-251120-0003';
const CODE_ZNS = '000.00.53.H48-251120-0005';
const DAY = 86_400_000;
/** How long watchUntil keeps running watcher passes. */
const WATCH_TIMEOUT_MS = 20_000;
const HOUR = 3600_000;

/** The first 10:00 Vietnam time at least `days` days after `from`. */
function vnTenOClock(from: number, days: number): number {
  const local = from + days * DAY + 7 * HOUR;
  let t = local - (local % DAY) + 10 * HOUR - 7 * HOUR;
  if (t < from + days * DAY) t += DAY;
  return t;
}

describe('dossier notices in the simulator', { timeout: 60_000 }, () => {
  let bot: RunningBot;
  let base: string;
  const clock = { offset: 0 };
  const now = () => Date.now() + clock.offset;

  beforeAll(async () => {
    bot = await startBot({ ADMIN_API_TOKEN: TOKEN, DOSSIER_WATCH_INTERVAL_S: '900' }, { now });
    base = `http://127.0.0.1:${bot.port}`;
  });
  afterAll(async () => {
    await bot.stop();
  });

  const fake = () => bot.fakeZalo!;
  const admin = (path: string, init: RequestInit = {}) => fetch(`${base}${path}`, { ...init, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json', ...(init.headers ?? {}) } });

  async function send(user: string, text: string, expectReplies = 1): Promise<RecordedMessage[]> {
    const before = fake().messagesFor(user).length;
    const event = textEvent(text, { userId: user, appId: SIMULATOR_IDENTITY.appId, oaId: SIMULATOR_IDENTITY.oaId });
    expect((await postEvent(base, event, SIMULATOR_IDENTITY.oaSecretKey)).status).toBe(200);
    return waitFor(() => {
      const m = fake().messagesFor(user);
      return m.length >= before + expectReplies ? m.slice(before) : undefined;
    }, 8000, `reply to "${text}"`);
  }

  /** Runs watcher passes until `done` (the scheduled passes run too; whichever polls first sends, once). */
  async function watchUntil<T>(done: () => T | undefined | Promise<T | undefined>, label: string): Promise<T> {
    // Bounded by time, not by a count of passes: under a loaded CI machine 50 passes of 100 ms once ran out first.
    const deadline = Date.now() + WATCH_TIMEOUT_MS;
    while (Date.now() < deadline) {
      await bot.dossiers.watcher.pass();
      const v = await done();
      if (v) return v;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${label}`);
  }

  const noticeOf = async (code: string) => {
    const res = await admin(`/admin/api/notices?code=${encodeURIComponent(code)}`);
    return ((await res.json()) as { notices: { state: string; channel: string | null; steps: { channel: string; result: string; reason?: string }[] }[] }).notices;
  };

  it('a follow explains the notices and offers the phone card; a final status inside the window asks for satisfaction', async () => {
    const user = '2468000000000012001';
    const replies = await send(user, `#d:follow:${CODE_SAT}`, 2);
    expect(String(replies[0]!.message.text)).toContain(CODE_SAT);
    const card = (replies[1]!.message as { attachment: { payload: { template_type: string; elements: { title: string; subtitle: string }[] } } }).attachment.payload;
    expect(card.template_type).toBe('request_user_info');
    expect(card.elements[0]!.subtitle).toContain('7 ngày');

    bot.demoOnestop!.setStatus(CODE_SAT, { name: 'Đã trả kết quả' });
    const before = fake().messagesFor(user).length;
    const notice = await watchUntil(() => fake().messagesFor(user)[before], 'final notice');
    expect(notice.endpoint).toBe('cs');
    expect(String(notice.message.text)).toContain('Anh/chị có hài lòng với việc giải quyết hồ sơ?');
    const buttons = (notice.message as { attachment: { payload: { buttons: { title: string; payload: unknown }[] } } }).attachment.payload.buttons;
    expect(buttons.slice(0, 3).map((b) => b.title)).toEqual(['Rất hài lòng', 'Hài lòng', 'Chưa hài lòng']);

    const [ask] = await send(user, String(buttons[2]!.payload));
    expect(String(ask!.message.text)).toContain('điều chưa hài lòng');
    const [thanks] = await send(user, 'Phải đi lại ba lần mới nhận được kết quả');
    // The comment is filed in the complaints queue (issue 11) and the citizen gets its reference.
    const ref = /PA-\d{6}-\d{4,6}/.exec(String(thanks!.message.text))?.[0];
    expect(ref).toBeDefined();
    const filed = (await (await admin(`/admin/api/complaints/${ref}`)).json()) as { text: string };
    expect(filed.text).toContain(`hồ sơ ${CODE_SAT}`);
    expect(filed.text).toContain('Phải đi lại ba lần mới nhận được kết quả');
    expect(((await (await admin('/admin/api/satisfaction/complaints')).json()) as { sink: string }).sink).toBe('wired');
    expect((await noticeOf(CODE_SAT))[0]).toMatchObject({ state: 'sent', channel: 'consultation' });
  });

  it('after 8 days of silence a status change arrives as a template message by user id', async () => {
    const user = '2468000000000012002';
    await send(user, `#d:follow:${CODE_TPL}`, 2);
    const before = fake().messagesFor(user).length;
    clock.offset = vnTenOClock(Date.now(), 8) - Date.now();
    bot.demoOnestop!.setStatus(CODE_TPL, { name: 'Có kết quả - chờ trả' });
    const notice = await watchUntil(() => fake().messagesFor(user).slice(before).find((m) => m.endpoint === 'template'), 'template notice');
    expect(notice.message).toMatchObject({ template_id: SIMULATOR_IDENTITY.templateByUid, template_data: { ma_ho_so: CODE_TPL, trang_thai: 'Đã có kết quả, chờ trả' } });
    // Nothing was tried by consultation (the window had closed); exactly one message.
    expect(fake().messagesFor(user).slice(before)).toHaveLength(1);
    const [record] = await noticeOf(CODE_TPL);
    expect(record).toMatchObject({ state: 'sent', channel: 'template' });
    expect(record!.steps.map((s) => `${s.channel}:${s.result}:${s.reason ?? ''}`)).toEqual(['consultation:skipped:outside_window', 'template:sent:']);
  });

  it('with a shared phone and no template by user id, ZNS: held at night, sent at 06:00', async () => {
    const user = '2468000000000012003';
    const [, card] = await send(user, `#d:follow:${CODE_ZNS}`, 2);
    expect(card!.message).toHaveProperty('attachment.payload.template_type', 'request_user_info');
    // The citizen taps the card and shares a phone (the chat page does the same).
    fake().phoneOwners.set('84912000111', user);
    const before = fake().messagesFor(user).length;
    const submit = { app_id: SIMULATOR_IDENTITY.appId, event_name: 'user_submit_info', timestamp: String(Date.now()), sender: { id: user }, recipient: { id: SIMULATOR_IDENTITY.oaId }, user_id_by_app: '5530000000000000002', info: { name: 'Người dùng thử', phone: '0912000111', full_address: { user_city: 'Quảng Ngãi' } } };
    expect((await postEvent(base, submit, SIMULATOR_IDENTITY.oaSecretKey)).status).toBe(200);
    const saved = await waitFor(() => fake().messagesFor(user)[before], 8000, 'phone saved reply');
    expect(String(saved.message.text)).toContain('84******111');
    const consent = (await (await admin(`/admin/api/notify/consent/${user}`)).json()) as { phone: string };
    expect(consent.phone).toBe('84******111');

    // Zalo refuses the template by user id (-249); it is 23:00.
    fake().approveTemplate(SIMULATOR_IDENTITY.templateByUid, { byUid: false });
    clock.offset = vnTenOClock(Date.now(), 8) + 13 * HOUR - Date.now();
    bot.demoOnestop!.setStatus(CODE_ZNS, { name: 'Đang xử lý' });
    const record = await watchUntil(async () => (await noticeOf(CODE_ZNS))[0], 'held notice');
    expect(record).toMatchObject({ state: 'held' });
    expect(record.steps.map((s) => `${s.channel}:${s.result}:${s.reason ?? ''}`)).toEqual(['consultation:skipped:outside_window', 'template:failed:template_not_by_uid', 'zns:skipped:night']);
    expect(fake().messagesFor(user).filter((m) => m.endpoint === 'zns')).toHaveLength(0);

    // 06:00: the outbox sends it by ZNS, once.
    clock.offset += 7 * HOUR;
    await bot.notify.service.processDue();
    const zns = await waitFor(() => fake().messagesFor(user).find((m) => m.endpoint === 'zns'), 20_000, 'ZNS notice');
    expect(zns.message).toMatchObject({ phone: '84912000111', template_id: SIMULATOR_IDENTITY.znsTemplate, template_data: { ma_ho_so: CODE_ZNS, trang_thai: 'Đang xử lý' } });
    await bot.notify.service.processDue();
    expect(fake().messagesFor(user).filter((m) => m.endpoint === 'zns')).toHaveLength(1);
    const [after] = await noticeOf(CODE_ZNS);
    expect(after).toMatchObject({ state: 'sent', channel: 'zns' });
    const counts = (await (await admin('/admin/api/analytics/notices?days=30')).json()) as { totals: { channels: Record<string, number> } };
    expect(counts.totals.channels).toMatchObject({ consultation: 1, template: 1, zns: 1 });

    // The citizen withdraws consent: the phone, the follows and the notices go.
    const withdraw = { app_id: SIMULATOR_IDENTITY.appId, event_name: 'user_withdraw', timestamp: String(Date.now()), oa_id: SIMULATOR_IDENTITY.oaId, user_id: user, user_id_by_app: '5530000000000000002' };
    expect((await postEvent(base, withdraw, SIMULATOR_IDENTITY.oaSecretKey)).status).toBe(200);
    for (let i = 0; i < 100 && (await noticeOf(CODE_ZNS)).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await noticeOf(CODE_ZNS)).toEqual([]);
    expect((await admin(`/admin/api/notify/consent/${user}`)).status).toBe(404);
  }, 40_000);

  it('readyz tells which notice steps run (informational) and what the watch needs', async () => {
    const ready = (await (await fetch(`${base}/readyz`)).json()) as { status: string; details: { notify: { steps: Record<string, { enabled: boolean }> }; dossier_watch: { callsPerMinBudget: number } } };
    expect(ready.status).toBe('ready');
    expect(ready.details.notify.steps).toMatchObject({ consultation: { enabled: true }, template: { enabled: true }, zns: { enabled: true } });
    expect(ready.details.dossier_watch.callsPerMinBudget).toBe(600);
  });
});
