import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { newSession, type Language, type Translate } from '../../src/dialogue/types.js';
import { TemplateInputSchema } from '../../src/notify/templates.js';
import { FollowRegistry } from '../../src/onestop/follows.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { parseZaloEvent } from '../../src/zalo/events.js';
import { loadTFor } from '../onestop/helpers.js';
import { closedWindow, notifyOn, RecordingZalo } from './harness.js';

const USER = '2468000000000009300';
const CODE = '000.00.53.H48-251120-0003';
const CODE2 = '000.00.53.H48-251120-0005';

let tFor: (lng: Language) => Translate;
beforeAll(async () => {
  tFor = await loadTFor();
});

async function setup(opts: { key?: boolean; templates?: ('template' | 'zns')[] } = {}) {
  const store = new MemoryStore();
  const follows = new FollowRegistry(store, 5);
  const notify = notifyOn({ store, follows, tFor, phoneKey: opts.key === false ? undefined : randomBytes(32).toString('base64'), zalo: new RecordingZalo(), window: closedWindow });
  for (const channel of opts.templates ?? []) {
    await notify.templates.save(TemplateInputSchema.parse({ name: channel, templateId: channel === 'zns' ? '2' : '1', channel, tag: 1, params: [{ name: 'ma', field: 'code' }], active: true }), 't', 0);
  }
  const ctx = () => ({ userId: USER, session: newSession(USER), language: 'vi' as const, t: tFor('vi'), now: Date.now() });
  return { store, follows, notify, ctx };
}

describe('consent to notices and the phone', () => {
  it('after a follow: says how it will notify and offers the phone card once, when ZNS can be used', async () => {
    const { follows, notify, ctx } = await setup({ templates: ['template', 'zns'] });
    expect(await notify.consent.afterFollow(CODE, ctx())).toEqual([]); // not followed (limit, final...): nothing to say
    await follows.follow(USER, CODE, 'vi', 'dang_xu_ly', Date.now());
    const [card] = await notify.consent.afterFollow(CODE, ctx());
    expect(card!.requestUserInfo!.title).toBe('Nhận thông báo hồ sơ qua số điện thoại');
    expect(card!.requestUserInfo!.subtitle).toContain('thông báo theo mẫu của Zalo, hoặc tin nhắn ZNS');
    await follows.follow(USER, CODE2, 'vi', 'dang_xu_ly', Date.now());
    expect(await notify.consent.afterFollow(CODE2, ctx())).toEqual([]);
  });

  it('says only what is configured, and offers no card without ZNS', async () => {
    const cases: [Parameters<typeof setup>[0], string][] = [
      [{ templates: ['template'] }, 'khi đó tôi gửi thông báo theo mẫu của Zalo.'],
      [{ templates: ['template', 'zns'], key: false }, 'khi đó tôi gửi thông báo theo mẫu của Zalo.'],
      [{}, 'anh/chị nhắn bất kỳ tin nào cho trang'],
    ];
    for (const [opts, text] of cases) {
      const { follows, notify, ctx } = await setup(opts);
      await follows.follow(USER, CODE, 'vi', '', Date.now());
      const replies = await notify.consent.afterFollow(CODE, ctx());
      expect(replies).toHaveLength(1);
      expect(replies[0]!.requestUserInfo).toBeUndefined();
      expect(replies[0]!.text).toContain(text);
    }
    const znsOnly = await setup({ templates: ['zns'] });
    await znsOnly.follows.follow(USER, CODE, 'vi', '', Date.now());
    const [card] = await znsOnly.notify.consent.afterFollow(CODE, znsOnly.ctx());
    expect(card!.requestUserInfo!.subtitle).toContain('chỉ báo được bằng tin nhắn ZNS');
    // A citizen who already shared a phone hears how, without the card.
    const shared = await setup({ templates: ['zns'] });
    await shared.follows.follow(USER, CODE, 'vi', '', Date.now());
    await shared.notify.phones.save(USER, '0912345678', 1);
    const [line] = await shared.notify.consent.afterFollow(CODE, shared.ctx());
    expect(line!.requestUserInfo).toBeUndefined();
  });

  it('keeps a shared phone encrypted and answers with it masked; ignores info unrelated to notices', async () => {
    const { follows, notify, store } = await setup({ templates: ['zns'] });
    expect(await notify.consent.submittedInfo(USER, { phone: '0912345678' }, 1, tFor('vi'))).toBeNull();
    await follows.follow(USER, CODE, 'vi', '', Date.now());
    const reply = await notify.consent.submittedInfo(USER, { phone: '0912345678' }, 1, tFor('vi'));
    expect(reply!.text).toContain('84******678');
    expect(JSON.stringify(await store.hgetall(`notify:phone:${USER}`))).not.toContain('912345678');
    expect((await notify.consent.submittedInfo(USER, { phone: '12' }, 1, tFor('vi')))!.text).toContain('không phải số di động');
    const off = await setup({ key: false });
    await off.follows.follow(USER, CODE, 'vi', '', Date.now());
    expect((await off.notify.consent.submittedInfo(USER, { phone: '0912345678' }, 1, tFor('vi')))!.text).toContain('không lưu số này');
  });

  it('deletes the phone when the citizen unfollows their last dossier', async () => {
    const { follows, notify } = await setup({ templates: ['zns'] });
    await follows.follow(USER, CODE, 'vi', '', Date.now());
    await follows.follow(USER, CODE2, 'vi', '', Date.now());
    await notify.phones.save(USER, '0912345678', 1);
    await follows.unfollow(USER, CODE);
    expect(await notify.phones.consent(USER)).not.toBeNull();
    await follows.unfollow(USER, CODE2);
    expect(await notify.phones.consent(USER)).toBeNull();
  });

  it('at a final status keeps the phone until that notice has settled', async () => {
    const { follows, notify } = await setup({ templates: ['zns'] });
    await follows.follow(USER, CODE, 'vi', '', Date.now());
    await notify.phones.save(USER, '0912345678', 1);
    await follows.unfollow(USER, CODE, 'final');
    expect(await notify.phones.consent(USER)).not.toBeNull();
    const now = Date.now();
    await notify.consent.settled({ id: 'n', bucket: 'b', userId: USER, code: CODE, status: 'da_tra_ket_qua', language: 'vi', final: true, state: 'sent', channel: 'zns', attempts: 1, generation: 0, createdAt: now, updatedAt: now, steps: [], facts: { code: CODE, statusCode: 'da_tra_ket_qua' }, message: { text: '', buttons: [] } });
    expect(await notify.phones.consent(USER)).toBeNull();
  });

  it('user_withdraw deletes the phone, the follows and the notices of the user', async () => {
    const { follows, notify, store } = await setup({ templates: ['zns'] });
    await follows.follow(USER, CODE, 'vi', '', Date.now());
    await notify.phones.save(USER, '0912345678', 1);
    await notify.service.deliver({ id: 'nwithdraw', bucket: 'b', userId: USER, language: 'vi', facts: { code: CODE, statusCode: 'dang_xu_ly' }, message: { text: 'x', buttons: [] }, final: false });
    expect(await notify.repo.get('nwithdraw')).not.toBeNull();
    await notify.consent.forget(USER);
    expect(await notify.phones.consent(USER)).toBeNull();
    expect(await follows.codesOf(USER)).toEqual([]);
    expect(await notify.repo.get('nwithdraw')).toBeNull();
    expect(await store.exists(`notify:offered:${USER}`)).toBe(false);
  });

  it('parses user_submit_info in both the older and the newer payload shapes (phone as a number, address as an object)', () => {
    const base = { app_id: '1', event_name: 'user_submit_info', timestamp: '1716950403000', sender: { id: USER }, recipient: { id: '3660000000000000004' } };
    const newer = parseZaloEvent({ ...base, info: { name: 'A', phone: 84912345678, user_dob: '01/01/1990', gender: 'male', full_address: { user_city: 'Quảng Ngãi', user_ward: 'Bình Sơn', user_address: '12 Lê Lợi' } } });
    expect(newer.ok && newer.event.kind === 'user_submit_info' && newer.event.info.phone).toBe('84912345678');
    const older = parseZaloEvent({ ...base, info: { name: 'A', phone: '84912345678', address: '12 Le Loi', city: 'Hue', district: 'Phu Hoi', ward: '' } });
    expect(older.ok).toBe(true);
  });
});
