import nock from 'nock';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDossierModule } from '../../src/onestop/module.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import type { Language, Translate } from '../../src/dialogue/types.js';
import { BASE, CODE, SEARCH_PATH, SSO, TOKEN_PATH, RecordingNotices, igateDossier, loadTFor, page, silent, testConfig, turn } from './helpers.js';

let tFor: (lng: Language) => Translate;

function token() {
  return nock(SSO).post(TOKEN_PATH).reply(200, { access_token: 't', expires_in: 300 }).persist();
}

function build(env: Record<string, string> = {}) {
  const store = new MemoryStore();
  const mod = createDossierModule({ config: testConfig(env), store, logger: silent, tFor, notices: new RecordingNotices(), breaker: { failureThreshold: 3, cooldownMs: 60_000 } });
  return { store, ...mod };
}

beforeAll(async () => {
  tFor = await loadTFor();
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());
beforeEach(() => nock.cleanAll());
afterEach(() => nock.cleanAll());

describe('DossierService conversation', () => {
  it('answers a code with its status and next step only, follow and portal buttons, and asks for the second factor', async () => {
    token();
    nock(BASE).get(SEARCH_PATH).query(true).reply(200, page(igateDossier({ appointmentDate: '2099-12-01T23:30:00.000+0700' })));
    const { service } = build();
    const ctx = turn(tFor);
    const reply = await service.handle({ type: 'lookup_dossier', code: CODE }, ctx);
    expect(reply.text).toContain(CODE);
    expect(reply.text).toContain('Tình trạng: Đang xử lý');
    expect(reply.text).toContain('chưa cần làm gì thêm');
    expect(reply.buttons).toEqual([
      { kind: 'query', title: 'Theo dõi hồ sơ', payload: `#d:follow:${CODE}` },
      { kind: 'url', title: 'Cổng dịch vụ công', url: 'https://dichvucong.quangngai.gov.vn' },
    ]);
    // Privacy: whoever holds a code learns no procedure, agency, date, name, ID, phone or address from it.
    expect(reply.text).not.toMatch(/Đăng ký khai sinh|UBND xã Bình Sơn|2099|051090001234|0905111234|Thôn 1|Nguyễn/);
    expect(reply.text).toContain('4 số cuối');
    expect(ctx.session).toMatchObject({ awaiting: 'dossier_proof', pendingDossierCode: CODE });
  });

  it('shows procedure, agency, due date (Vietnam time) and the masked name after the second factor, never the ID, phone or address', async () => {
    token();
    nock(BASE).get(SEARCH_PATH).query(true).reply(200, page(igateDossier({ appointmentDate: '2099-12-01T23:30:00.000+0700' })));
    const { service } = build();
    const ctx = turn(tFor);
    ctx.session.awaiting = 'dossier_proof';
    ctx.session.pendingDossierCode = CODE;
    const reply = await service.handle({ type: 'lookup_dossier', code: CODE, proof: '1234' }, ctx);
    expect(reply.text).toContain('Thủ tục: Đăng ký khai sinh');
    expect(reply.text).toContain('Nơi xử lý: UBND xã Bình Sơn');
    expect(reply.text).toContain('Ngày hẹn trả: 01/12/2099');
    expect(reply.text).toContain('Chủ hồ sơ: Nguyễn V*** A');
    expect(reply.text).not.toMatch(/051090001234|0905111234|Thôn 1|Nguyễn Văn An/);
    expect(ctx.session.awaiting).toBeUndefined();
    const wrong = await service.handle({ type: 'lookup_dossier', code: CODE, proof: '0000' }, turn(tFor));
    expect(wrong.text).not.toMatch(/Nguyễn|Đăng ký khai sinh|UBND|2099/);
    expect(wrong.text).toContain('chưa khớp');
  });

  it('gives five accounts walking sequential codes nothing but statuses (55 of 55 dossiers leaked procedure, agency and due date)', async () => {
    token();
    nock(BASE).get(SEARCH_PATH).query(true).times(55).reply(200, (uri) => page(igateDossier({ code: new URL(uri, BASE).searchParams.get('code')! })));
    const { service } = build();
    const replies: string[] = [];
    for (let i = 1; i <= 55; i++) {
      const code = `000.00.53.H48-251120-${String(i).padStart(4, '0')}`;
      replies.push((await service.handle({ type: 'lookup_dossier', code }, turn(tFor, `u${i % 5}`))).text);
    }
    expect(replies.filter((r) => r.includes('Tình trạng: Đang xử lý'))).toHaveLength(55);
    expect(replies.filter((r) => /Đăng ký khai sinh|UBND xã Bình Sơn|\d{2}\/\d{2}\/\d{4}|Nguyễn/.test(r))).toEqual([]);
  });

  it('limits look-ups of one code across users, and of all codes across everyone, before the one-stop system is called', async () => {
    token();
    // The second look-up is served from the 60 s cache; the per-code count still includes it.
    nock(BASE).get(SEARCH_PATH).query(true).reply(200, page(igateDossier()));
    const { service } = build({ DOSSIER_LOOKUPS_PER_CODE_PER_HOUR: '2' });
    for (const u of ['a', 'b']) expect((await service.handle({ type: 'lookup_dossier', code: CODE }, turn(tFor, u))).text).toContain('Tình trạng');
    const third = await service.handle({ type: 'lookup_dossier', code: CODE }, turn(tFor, 'c'));
    expect(third.text).toContain(`Hồ sơ ${CODE} đã được tra cứu nhiều lần`);
    expect(third.text).not.toContain('Tình trạng');
    nock.cleanAll();

    token();
    const calls = nock(BASE).get(SEARCH_PATH).query(true).times(3).reply(200, page());
    const global = build({ DOSSIER_LOOKUPS_GLOBAL_PER_MIN: '3' });
    for (let i = 1; i <= 3; i++) await global.service.handle({ type: 'lookup_dossier', code: `000.00.53.H48-251120-020${i}` }, turn(tFor, `g${i}`));
    expect(calls.isDone()).toBe(true);
    const more = nock(BASE).get(SEARCH_PATH).query(true).reply(200, page());
    const busy = await global.service.handle({ type: 'lookup_dossier', code: '000.00.53.H48-251120-0209' }, turn(tFor, 'g9'));
    expect(busy.text).toContain('đang nhận nhiều yêu cầu');
    expect(more.isDone()).toBe(false);
    // Following a dossier looks it up too, under the same limits.
    expect((await global.service.handle({ type: 'follow_dossier', code: '000.00.53.H48-251120-0208' }, turn(tFor, 'g8'))).text).toContain('đang nhận nhiều yêu cầu');
  });

  it('raises one alert (warn log with an alert field, and a metric) when many unknown codes are tried in an hour', async () => {
    token();
    nock(BASE).get(SEARCH_PATH).query(true).times(12).reply(200, page());
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const registry = new Registry();
    const { service } = (() => {
      const store = new MemoryStore();
      return createDossierModule({ config: testConfig({ DOSSIER_UNKNOWN_CODES_ALERT_PER_HOUR: '5' }), store, logger, tFor, notices: new RecordingNotices(), metrics: { registry } });
    })();
    for (let i = 1; i <= 12; i++) await service.handle({ type: 'lookup_dossier', code: `000.00.53.H48-251120-03${String(i).padStart(2, '0')}` }, turn(tFor, `x${i % 4}`));
    const alerts = lines.filter((l) => l.alert === 'dossier_code_enumeration');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ level: 40, unknownCodes: 5 });
    const metric = await registry.getSingleMetricAsString('dossier_alerts_total');
    expect(metric).toContain('dossier_alerts_total{alert="dossier_code_enumeration"} 1');
  });

  it('explains a malformed code with an example, without calling the one-stop system', async () => {
    const { service } = build();
    const reply = await service.handle({ type: 'lookup_dossier', code: '000.00.53.H48-229999-01' }, turn(tFor));
    expect(reply.text).toContain('chưa đúng dạng');
    expect(reply.text).toContain('000.00.53.H48-220921-0099');
    const other = await service.handle({ type: 'lookup_dossier', code: '000.00.06.H56-231027-0361' }, turn(tFor));
    expect(other.text).toContain('không thuộc hệ thống một cửa của tỉnh');
  });

  it('says plainly when a dossier is not found and suggests checking the receipt', async () => {
    token();
    nock(BASE).get(SEARCH_PATH).query(true).reply(200, page());
    const { service } = build();
    const reply = await service.handle({ type: 'lookup_dossier', code: CODE }, turn(tFor));
    expect(reply.text).toContain(`không tìm thấy hồ sơ có mã ${CODE}`);
    expect(reply.text).toContain('giấy tiếp nhận');
  });

  it('tells where and how to collect a ready result, and what to do for documents or fees', async () => {
    token();
    const { service } = build();
    const cases: [string, RegExp][] = [
      ['Đã xử lý xong', /Cách nhận kết quả:.*căn cước/],
      ['Yêu cầu bổ sung giấy tờ', /Việc anh\/chị cần làm: xem thông báo yêu cầu bổ sung/],
      ['Yêu cầu thực hiện nghĩa vụ tài chính', /Việc anh\/chị cần làm: nộp phí/],
    ];
    for (const [i, [name, expected]] of cases.entries()) {
      const code = `000.00.53.H48-251120-000${i + 2}`;
      nock(BASE).get(SEARCH_PATH).query(true).reply(200, page(igateDossier({ code, dossierStatus: { id: 1, name } })));
      const reply = await service.handle({ type: 'lookup_dossier', code }, turn(tFor));
      expect(reply.text).toMatch(expected);
    }
  });

  it('flags an overdue dossier', async () => {
    token();
    nock(BASE).get(SEARCH_PATH).query(true).reply(200, page(igateDossier({ appointmentDate: '2021-03-01T17:00:00.000+0700' })));
    const { service } = build();
    const reply = await service.handle({ type: 'lookup_dossier', code: CODE }, turn(tFor));
    expect(reply.text).toContain('quá ngày hẹn trả');
  });

  it('answers quickly that the system is unavailable and offers to follow (timeout)', async () => {
    token();
    nock(BASE).get(SEARCH_PATH).query(true).delay(3000).reply(200, page(igateDossier()));
    const { service } = build({ ONESTOP_TIMEOUT_MS: '200' });
    const started = Date.now();
    const reply = await service.handle({ type: 'lookup_dossier', code: CODE }, turn(tFor));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(reply.text).toContain('tạm gián đoạn');
    expect(reply.buttons[0]).toEqual({ kind: 'query', title: 'Theo dõi hồ sơ', payload: `#d:follow:${CODE}` });
  });

  it('rate-limits look-ups per user before the one-stop system is called', async () => {
    token();
    const search = nock(BASE).get(SEARCH_PATH).query(true).times(2).reply(200, page());
    const { service } = build({ DOSSIER_LOOKUPS_PER_HOUR: '2' });
    for (let i = 1; i <= 2; i++) await service.handle({ type: 'lookup_dossier', code: `000.00.53.H48-251120-010${i}` }, turn(tFor));
    expect(search.isDone()).toBe(true);
    const extra = nock(BASE).get(SEARCH_PATH).query(true).reply(200, page());
    const reply = await service.handle({ type: 'lookup_dossier', code: '000.00.53.H48-251120-0109' }, turn(tFor));
    expect(reply.text).toContain('tra cứu nhiều lần');
    expect(extra.isDone()).toBe(false);
    // Another user is not affected.
    const other = await service.handle({ type: 'lookup_dossier', code: '000.00.53.H48-251120-0109' }, turn(tFor, 'u2'));
    expect(other.text).toContain('không tìm thấy');
  });

  it('follows up to the limit, refuses finished dossiers, and unfollows', async () => {
    token();
    nock(BASE).get(SEARCH_PATH).query(true).times(10).reply(200, (uri) => {
      const code = new URL(uri, BASE).searchParams.get('code')!;
      const name = code.endsWith('0009') ? 'Đã trả kết quả' : 'Đang xử lý';
      return page(igateDossier({ code, dossierStatus: { id: 1, name } }));
    });
    const { service, store } = build({ DOSSIER_MAX_FOLLOWS: '2' });
    const a = await service.handle({ type: 'follow_dossier', code: '000.00.53.H48-251120-0001' }, turn(tFor));
    expect(a.text).toContain('đã ghi nhận theo dõi');
    expect(a.buttons[0]).toMatchObject({ payload: '#d:unfollow:000.00.53.H48-251120-0001' });
    expect((await service.handle({ type: 'follow_dossier', code: '000.00.53.H48-251120-0001' }, turn(tFor))).text).toContain('đang theo dõi');
    expect((await service.handle({ type: 'follow_dossier', code: '000.00.53.H48-251120-0009' }, turn(tFor))).text).toContain('đã kết thúc');
    await service.handle({ type: 'follow_dossier', code: '000.00.53.H48-251120-0002' }, turn(tFor));
    expect((await service.handle({ type: 'follow_dossier', code: '000.00.53.H48-251120-0003' }, turn(tFor))).text).toContain('tối đa 2 hồ sơ');
    expect(await store.smembers('dossier:follows:u1')).toHaveLength(2);
    expect((await service.handle({ type: 'unfollow_dossier', code: '000.00.53.H48-251120-0001' }, turn(tFor))).text).toContain('dừng theo dõi');
    expect((await service.handle({ type: 'unfollow_dossier', code: null }, turn(tFor))).text).toContain('1 hồ sơ');
    expect(await store.smembers('dossier:follows:u1')).toEqual([]);
    expect(await store.zcard('dossier:watch')).toBe(0);
  });

  it('lets the citizen follow while the system is down', async () => {
    token();
    nock(BASE).get(SEARCH_PATH).query(true).times(3).reply(503);
    const { service, store } = build();
    const reply = await service.handle({ type: 'follow_dossier', code: CODE }, turn(tFor));
    expect(reply.text).toContain('đã ghi nhận theo dõi');
    expect(await store.hget(`dossier:sub:u1:${CODE}`, 'status')).toBe('');
  });

  it('speaks English to an English session', async () => {
    token();
    nock(BASE).get(SEARCH_PATH).query(true).reply(200, page(igateDossier()));
    const { service } = build();
    const reply = await service.handle({ type: 'lookup_dossier', code: CODE }, turn(tFor, 'u1', 'en'));
    expect(reply.text).toContain('Status: Being processed');
    expect(reply.buttons[0]).toMatchObject({ title: 'Follow' });
  });
});
