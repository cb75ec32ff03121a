import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SIMULATOR_IDENTITY, type RunningBot } from '../../src/main.js';
import type { RecordedMessage } from '../../src/sim/fake-zalo-api.js';
import { TEST_CONTACTS } from '../fixtures/contacts/test-contacts.js';
import { postEvent, startBot, waitFor } from '../support/bot.js';
import { drawReceipt, photograph } from '../support/receipts.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { textEvent } from '../support/zalo-fixtures.js';

/**
 * Issue 11 through the real webhook in simulator mode: complaints (filed, phone shared, answered by staff),
 * contacts, locations, welcome on follow, receipt photos, voice, stickers, hand-back and the inbox.
 */

const TOKEN = 'services-e2e-admin-token-0123456789';
const CODE = '000.00.53.H48-251120-0004';
const redisUrl = testRedisUrl();

type Wire = RecordedMessage['message'] & { text?: string; attachment?: { payload?: { buttons?: { type: string; title: string; payload: unknown }[]; template_type?: string; elements?: unknown[] } } };

describe('issue 11 services in the simulator', () => {
  let bot: RunningBot;
  let base: string;
  let contentDir: string;

  beforeAll(async () => {
    // The shipped content with fictional test contacts in place of the shipped (mostly unsourced) ones.
    contentDir = await mkdtemp(join(tmpdir(), 'services-content-'));
    await cp(join(import.meta.dirname, '../../intents'), contentDir, { recursive: true });
    await rm(join(contentDir, 'contacts'), { recursive: true, force: true });
    await mkdir(join(contentDir, 'contacts'));
    for (const c of TEST_CONTACTS) await writeFile(join(contentDir, 'contacts', `${c.id}.yaml`), stringify(c));
    bot = await startBot({
      CONTENT_DIR: contentDir,
      ADMIN_API_TOKEN: TOKEN,
      ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_PREFIX: uniquePrefix('svc') } : {}),
    });
    base = `http://127.0.0.1:${bot.port}`;
  }, 60_000);
  afterAll(async () => {
    await bot?.stop();
    await rm(contentDir, { recursive: true, force: true });
  });

  const envelope = (userId: string) => ({
    app_id: SIMULATOR_IDENTITY.appId,
    user_id_by_app: `55${userId.slice(2)}`,
    timestamp: String(Date.now()),
    sender: { id: userId },
    recipient: { id: SIMULATOR_IDENTITY.oaId },
  });
  const messageEvent = (userId: string, name: string, attachments: unknown[]) => ({
    ...envelope(userId),
    event_name: name,
    message: { msg_id: randomBytes(10).toString('hex'), attachments },
  });

  async function send(user: string, event: Record<string, unknown>, count = 1, timeoutMs = 10_000): Promise<Wire[]> {
    const before = bot.fakeZalo!.messagesFor(user).length;
    expect((await postEvent(base, event, SIMULATOR_IDENTITY.oaSecretKey)).status).toBe(200);
    const all = await waitFor(() => {
      const m = bot.fakeZalo!.messagesFor(user);
      return m.length >= before + count ? m : undefined;
    }, timeoutMs, `reply to ${String(event.event_name)}`);
    return all.slice(before).map((m) => m.message as Wire);
  }
  const say = (user: string, text: string, count = 1) => send(user, textEvent(text, { userId: user, appId: SIMULATOR_IDENTITY.appId, oaId: SIMULATOR_IDENTITY.oaId }), count);
  const buttonsOf = (m: Wire | undefined) => m?.attachment?.payload?.buttons ?? [];
  const api = async (path: string, init: { method?: string; body?: unknown } = {}) => {
    const res = await fetch(`${base}/admin/api${path}`, {
      method: init.method ?? 'GET',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  /** Hosts a file the way Zalo's CDN does (the fake OA API's media store), returns its URL. */
  async function host(bytes: Buffer, type: string): Promise<string> {
    const res = await fetch(`${base}/sim/zalo-media/upload`, { method: 'POST', headers: { 'content-type': type }, body: new Uint8Array(bytes) });
    const { path } = (await res.json()) as { path: string };
    return `${base}/sim/zalo-media${path}`;
  }

  it('files a complaint before acknowledging it, takes the phone shared through the consent card, and carries the staff answer back', async () => {
    const user = '2468000000000011001';
    const [ack, card] = await say(user, 'Tôi muốn phản ánh cán bộ xã gây khó dễ khi tôi nộp hồ sơ đất, bắt đi lại ba lần', 2);
    const ref = /PA-\d{6}-\d{4,}/.exec(String(ack!.text))?.[0];
    expect(ref, String(ack!.text)).toBeDefined();
    expect(String(ack!.text)).toContain('https://dichvucong.gov.vn');
    expect(card!.attachment?.payload?.template_type).toBe('request_user_info');
    // Stored durably (Redis when available) under its reference.
    expect(JSON.parse((await bot.store.get(`complaint:${ref}`))!)).toMatchObject({ ref, status: 'new', userId: user });

    const [saved] = await send(user, { ...envelope(user), event_name: 'user_submit_info', info: { name: 'Nguyen Van A', phone: '84912345678' } });
    expect(String(saved!.text)).toContain(ref);

    const anonymous = await fetch(`${base}/admin/api/complaints`);
    expect(anonymous.status).toBe(401);
    const list = await api('/complaints?status=new');
    expect(list.status).toBe(200);
    expect(list.body.items).toContainEqual(expect.objectContaining({ ref, status: 'new', hasPhone: true }));
    const detail = await api(`/complaints/${ref}`);
    expect(detail.body).toMatchObject({ complaint: { contact: { phone: '091•••••78', name: 'Nguyen Van A' } }, text: expect.stringContaining('gây khó dễ') });
    expect(await api(`/complaints/${ref}/phone`, { method: 'POST' })).toEqual({ status: 200, body: { phone: '0912345678' } });

    expect((await api(`/complaints/${ref}/status`, { method: 'POST', body: { status: 'in_progress' } })).status).toBe(200);
    expect((await api(`/complaints/${ref}/status`, { method: 'POST', body: { status: 'closed' } })).status).toBe(400);
    const before = bot.fakeZalo!.messagesFor(user).length;
    const answered = await api(`/complaints/${ref}/answer`, { method: 'POST', body: { text: 'UBND xã đã làm việc với cán bộ liên quan và sẽ giải quyết hồ sơ trong tuần này.' } });
    expect(answered.status).toBe(200);
    const toCitizen = bot.fakeZalo!.messagesFor(user).slice(before);
    expect(toCitizen).toHaveLength(1);
    expect(String(toCitizen[0]!.message.text)).toMatch(new RegExp(`Trả lời phản ánh ${ref}:\\nUBND xã đã làm việc`));
    expect((await api('/complaints?status=answered')).body.items).toContainEqual(expect.objectContaining({ ref, answered: true }));
    const audit = (await api('/audit?limit=20')).body.entries as { action: string; target?: string }[];
    expect(audit.filter((e) => e.target === ref).map((e) => e.action)).toEqual(['complaint.answer', 'complaint.status', 'complaint.phone.reveal']);
  }, 40_000);

  it('asks what the complaint is about when the first message does not say, and "phản ánh" is no longer thanked as feedback', async () => {
    const user = '2468000000000011002';
    const [ask] = await say(user, 'tôi muốn phản ánh');
    expect(String(ask!.text)).toMatch(/nội dung/);
    expect(String(ask!.text)).not.toMatch(/góp ý/);
    const [ack] = await say(user, 'Hồ sơ khai sinh cho con tôi nộp ở phường đã quá hẹn 10 ngày mà không ai giải thích', 2);
    expect(String(ack!.text)).toMatch(/PA-\d{6}-\d{4}/);
  }, 30_000);

  it('answers "SĐT bộ phận một cửa xã" and "thứ 7 có làm không" from the contacts content', async () => {
    const user = '2468000000000011003';
    const [phone] = await say(user, 'SĐT bộ phận một cửa xã');
    expect(String(phone!.text)).toContain('02000000001');
    expect(buttonsOf(phone)).toContainEqual(expect.objectContaining({ type: 'oa.open.phone', payload: { phone_code: '02000000001' } }));
    const [saturday] = await say(user, 'thứ 7 có làm việc không');
    expect(String(saturday!.text)).toMatch(/Thứ 7: 07:30–11:30/);
  }, 30_000);

  it('an admin edits a contact (draft, publish) and the bot answers with the new number', async () => {
    const current = (await api('/contacts/test-mot-cua-phuong-a')).body.published as Record<string, unknown>;
    const saved = await api('/contacts/test-mot-cua-phuong-a', { method: 'PUT', body: { ...current, phone: '02000000022' } });
    expect(saved.status).toBe(200);
    const refused = await api('/contacts/test-mot-cua-phuong-a', { method: 'PUT', body: { ...current, hotline: '02000000099' } });
    expect(refused.status).toBe(422); // a hotline with no source for it
    expect((await api('/contacts/test-mot-cua-phuong-a/publish', { method: 'POST' })).status).toBe(200);
    const [reply] = await say('2468000000000011004', 'số điện thoại một cửa phường Thử A');
    expect(String(reply!.text)).toContain('02000000022');
  }, 30_000);

  it('answers a shared location with the nearest one-stop desks', async () => {
    const user = '2468000000000011005';
    const [reply] = await send(user, messageEvent(user, 'user_send_location', [{ type: 'location', payload: { coordinates: { latitude: '15.19', longitude: '108.89' } } }]));
    expect(String(reply!.text)).toMatch(/^Các điểm tiếp nhận hồ sơ gần/);
    expect(String(reply!.text)).toMatch(/1\. Bộ phận Một cửa phường Thử A \(cách khoảng 1,\d km\)/);
    expect(buttonsOf(reply).some((b) => b.type === 'oa.open.url')).toBe(true);
  }, 30_000);

  it('welcomes a new follower with the main menu', async () => {
    const user = '2468000000000011006';
    const [welcome] = await send(user, { app_id: SIMULATOR_IDENTITY.appId, event_name: 'follow', timestamp: String(Date.now()), oa_id: SIMULATOR_IDENTITY.oaId, follower: { id: user }, source: 'oa_profile' });
    expect(String(welcome!.text)).toMatch(/Cảm ơn anh\/chị đã quan tâm/);
    expect(buttonsOf(welcome).map((b) => b.payload)).toEqual(['#i:procedures', '#i:dossier_status', '#i:contacts', '#i:complaint', '#i:handoff']);
    const [contacts] = await say(user, '#i:contacts');
    expect(String(contacts!.text)).toContain('Trung tâm Thử nghiệm Hành chính công');
  }, 30_000);

  it('reads the dossier code from a photographed receipt: QR code, then barcode', async () => {
    const qr = await host(photograph(await drawReceipt({ qr: CODE, seed: 21 }), { angle: 3, width: 1280, noise: 6, quality: 75, seed: 1 }), 'image/jpeg');
    const user = '2468000000000011007';
    const [fromQr] = await send(user, messageEvent(user, 'user_send_image', [{ type: 'image', payload: { url: qr, thumbnail: qr } }]), 1, 30_000);
    expect(String(fromQr!.text)).toMatch(new RegExp(`đọc được mã hồ sơ ${CODE.replace(/\./g, '\\.')}`));
    expect(String(fromQr!.text)).toMatch(/Tình trạng:/);

    const bar = await host(photograph(await drawReceipt({ barcode: CODE, seed: 22 }), { angle: -4, width: 1600, noise: 6, quality: 75, seed: 2 }), 'image/jpeg');
    const [fromBarcode] = await send(user, messageEvent(user, 'user_send_image', [{ type: 'image', payload: { url: bar } }]), 1, 30_000);
    expect(String(fromBarcode!.text)).toContain(CODE);
    expect(String(fromBarcode!.text)).toMatch(/Tình trạng:/);
  }, 70_000);

  it('says so when a photo has no code, and reads the code typed next', async () => {
    const plain = await host(photograph(await drawReceipt({ seed: 23 }), { angle: 2, width: 1280, seed: 3 }), 'image/jpeg');
    const user = '2468000000000011008';
    const [none] = await send(user, messageEvent(user, 'user_send_image', [{ type: 'image', payload: { url: plain } }]), 1, 30_000);
    expect(String(none!.text)).toMatch(/không tìm thấy mã QR hay mã vạch/);
    const [lookup] = await say(user, CODE);
    expect(String(lookup!.text)).toContain(CODE);
    // A photo on a host that is not Zalo's is never downloaded.
    const [refused] = await send(user, messageEvent(user, 'user_send_image', [{ type: 'image', payload: { url: 'http://10.0.0.1/receipt.jpg' } }]));
    expect(String(refused!.text)).toMatch(/chưa mở được ảnh/);
  }, 60_000);

  it('answers a voice message with ways to go on, and a sticker with the menu', async () => {
    const user = '2468000000000011009';
    const voiceUrl = await host(Buffer.from('#!AMR\n fake voice'), 'audio/amr');
    const [voice] = await send(user, messageEvent(user, 'user_send_audio', [{ type: 'audio', payload: { url: voiceUrl } }]));
    expect(String(voice!.text)).toMatch(/chưa nghe được tin nhắn thoại/);
    expect(buttonsOf(voice)).toEqual(
      expect.arrayContaining([expect.objectContaining({ payload: '#i:procedures' }), expect.objectContaining({ type: 'oa.open.phone', payload: { phone_code: '02000000009' } }), expect.objectContaining({ payload: '#i:handoff' })]),
    );
    const [sticker] = await send(user, messageEvent(user, 'user_send_sticker', [{ type: 'sticker', payload: { id: 'abc', url: 'https://zalo-api.zadn.vn/sticker.png' } }]));
    expect(String(sticker!.text)).toMatch(/Cảm ơn anh\/chị/);
    expect(buttonsOf(sticker).length).toBe(5);
    // An animated GIF is a reaction, not a receipt: the same friendly answer, no request for a code.
    const gif = await host(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'binary'), 'image/gif');
    const [fromGif] = await send(user, messageEvent(user, 'user_send_gif', [{ type: 'gif', payload: { url: gif, thumbnail: gif } }]));
    expect(String(fromGif!.text)).toMatch(/Cảm ơn anh\/chị/);
  }, 30_000);

  it('the inbox shows the conversation before the hand-off (masked), the display name and a playable voice message; hand-back is announced', async () => {
    const user = '2468000000000011010';
    await say(user, 'căn cước của tôi số 051080003456 bị mất thì làm lại thế nào');
    await say(user, 'gặp cán bộ');
    const voiceUrl = await host(Buffer.from('#!AMR\n voice bytes'), 'audio/amr');
    expect((await postEvent(base, messageEvent(user, 'user_send_audio', [{ type: 'audio', payload: { url: voiceUrl } }]), SIMULATOR_IDENTITY.oaSecretKey)).status).toBe(200);
    let conversation = await api(`/handoffs/${user}/messages`);
    for (let i = 0; i < 100 && !(conversation.body.messages as { attachment?: unknown }[]).some((m) => m.attachment); i++) {
      await new Promise((r) => setTimeout(r, 100));
      conversation = await api(`/handoffs/${user}/messages`);
    }
    const body = conversation.body as { displayName: string; before: { from: string; text: string }[]; messages: { attachment?: { playUrl?: string } }[] };
    expect(body.displayName).toBe('Người dùng 1010');
    const said = body.before.filter((e) => e.from === 'citizen').map((e) => e.text);
    expect(said[0]).toMatch(/căn cước của tôi số \[số định danh\]/);
    expect(said.join(' ')).not.toContain('051080003456');
    expect(body.before.some((e) => e.from === 'bot')).toBe(true);
    const playUrl = body.messages.find((m) => m.attachment?.playUrl)!.attachment!.playUrl!;
    const audio = await fetch(`${base}${playUrl}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(audio.status).toBe(200);
    expect(audio.headers.get('content-type')).toBe('audio/amr');
    expect(Buffer.from(await audio.arrayBuffer()).toString()).toContain('voice bytes');
    // Not an open proxy: a URL the citizen did not send is refused.
    const other = await fetch(`${base}/admin/api/handoffs/${user}/media?url=${encodeURIComponent(`${base}/sim/zalo-media/nothing`)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(other.status).toBe(404);

    const list = (await api('/handoffs')).body.items as { userId: string; displayName: string }[];
    expect(list.find((i) => i.userId === user)?.displayName).toBe('Người dùng 1010');
    const calls = bot.fakeZalo!.userDetailCalls.filter((u) => u === user).length;
    expect(calls).toBe(1); // cached

    const before = bot.fakeZalo!.messagesFor(user).length;
    const released = await api(`/handoffs/${user}/release`, { method: 'POST' });
    expect(released.body).toEqual({ ok: true, notified: true });
    const notice = bot.fakeZalo!.messagesFor(user).slice(before);
    expect(notice).toHaveLength(1);
    expect(String(notice[0]!.message.text)).toMatch(/Cán bộ đã kết thúc hỗ trợ trực tiếp/);
    const [again] = await say(user, 'xin chào');
    expect(String(again!.text)).toMatch(/Xin chào/);
  }, 60_000);
});
