import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OnestopHttp } from '../../src/onestop/http.js';
import { IgateAdapter } from '../../src/onestop/igate-adapter.js';
import { NationalAdapter } from '../../src/onestop/national-adapter.js';
import { CachedOnestopPort } from '../../src/onestop/port.js';
import { OnestopUnavailableError, type DossierStatus } from '../../src/onestop/types.js';
import { bucketFromNationalCode, bucketFromStatusName } from '../../src/onestop/vocabulary.js';
import { MemoryStore } from '../../src/store/memory-store.js';
import { BASE, CODE, SEARCH_PATH, SSO, TOKEN_PATH, igateDossier, page, silent } from './helpers.js';

const searchQuery = { code: CODE, spec: 'slice', page: '0', size: '10' };

function tokenScope(token = 'tok-1', times = 1) {
  return nock(SSO)
    .post(TOKEN_PATH, (body: Record<string, string>) => body.grant_type === 'client_credentials' && body.client_id === 'bot' && body.client_secret === 's3cret')
    .times(times)
    .reply(200, { access_token: token, expires_in: 300, token_type: 'Bearer' });
}

function makePort(opts: { failureThreshold?: number; cooldownMs?: number; now?: () => number; timeoutMs?: number } = {}) {
  const http = new OnestopHttp({ baseUrl: BASE, ssoUrl: SSO, clientId: 'bot', clientSecret: 's3cret', timeoutMs: opts.timeoutMs ?? 5000, logger: silent });
  const store = new MemoryStore();
  const port = new CachedOnestopPort({
    adapter: new IgateAdapter(http, 'https://portal.test'),
    store,
    logger: silent,
    failureThreshold: opts.failureThreshold ?? 3,
    cooldownMs: opts.cooldownMs ?? 1000,
    retryBaseDelayMs: 5,
    now: opts.now,
  });
  return { port, store };
}

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});
afterAll(() => nock.enableNetConnect());
beforeEach(() => nock.cleanAll());
afterEach(() => nock.cleanAll());

describe('iGate adapter on the wire', () => {
  it('gets a client-credentials token, searches by code with the bearer, and maps content[0]', async () => {
    tokenScope();
    const search = nock(BASE).get(SEARCH_PATH).query(searchQuery).matchHeader('authorization', 'Bearer tok-1').reply(200, page(igateDossier()));
    const { port } = makePort();
    const r = await port.lookupDossier(CODE);
    expect(search.isDone()).toBe(true);
    expect(r).toMatchObject({ code: CODE, source: 'igate', procedureName: 'Đăng ký khai sinh', status: 'dang_xu_ly', statusLabel: 'Đang xử lý', agencyName: 'UBND xã Bình Sơn', channel: 'truc_tiep', overdue: false });
    expect(r!.dueAt!.toISOString()).toBe('2099-12-01T10:00:00.000Z');
    // Owner data exists, so nothing personal without the second factor.
    expect(r!.ownerVerified).toBe(false);
    expect(r!.ownerNameMasked).toBeUndefined();
    expect(JSON.stringify(r)).not.toMatch(/051090001234|0905111234|Thôn 1|Nguyễn Văn An/);
  });

  it('returns null when the page is empty or holds only other codes', async () => {
    tokenScope();
    nock(BASE).get(SEARCH_PATH).query(true).reply(200, page());
    const { port } = makePort();
    expect(await port.lookupDossier(CODE)).toBeNull();
    nock(BASE).get(SEARCH_PATH).query(true).reply(200, page(igateDossier({ code: '000.00.53.H48-251120-00011' })));
    expect(await port.lookupDossier('000.00.53.H48-251120-0002')).toBeNull();
  });

  it('renews the token once on a 401 and retries the search', async () => {
    tokenScope('old');
    const { port } = makePort();
    nock(BASE).get(SEARCH_PATH).query(true).matchHeader('authorization', 'Bearer old').reply(200, page(igateDossier()));
    await port.lookupDossier(CODE);
    // The cached token is used again until the system refuses it.
    nock(BASE).get(SEARCH_PATH).query(true).matchHeader('authorization', 'Bearer old').reply(401, { error: 'invalid_token' });
    const renewed = tokenScope('new');
    const retried = nock(BASE).get(SEARCH_PATH).query(true).matchHeader('authorization', 'Bearer new').reply(200, page(igateDossier({ dossierStatus: { id: 9, name: 'Đã trả kết quả' } })));
    const r = await port.lookupDossier(CODE, undefined, { fresh: true });
    expect(renewed.isDone()).toBe(true);
    expect(retried.isDone()).toBe(true);
    expect(r?.status).toBe('da_tra_ket_qua');
  });

  it('times out within the configured time and says unavailable', async () => {
    tokenScope();
    nock(BASE).get(SEARCH_PATH).query(true).delay(2000).reply(200, page(igateDossier()));
    const { port } = makePort({ timeoutMs: 200 });
    const started = Date.now();
    const err = await port.lookupDossier(CODE).catch((e) => e);
    expect(err).toBeInstanceOf(OnestopUnavailableError);
    expect(err.reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('retries a 5xx a bounded number of times, then says unavailable', async () => {
    tokenScope();
    const failing = nock(BASE).get(SEARCH_PATH).query(true).times(3).reply(503, 'Service Unavailable');
    const { port } = makePort({ failureThreshold: 10 });
    const err = await port.lookupDossier(CODE).catch((e) => e);
    expect(err).toBeInstanceOf(OnestopUnavailableError);
    expect(err.reason).toBe('server_error');
    expect(failing.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('recovers when a retry succeeds', async () => {
    tokenScope();
    nock(BASE).get(SEARCH_PATH).query(true).reply(502).get(SEARCH_PATH).query(true).reply(200, page(igateDossier()));
    const { port } = makePort();
    expect((await port.lookupDossier(CODE))?.status).toBe('dang_xu_ly');
  });

  it('survives a garbage body', async () => {
    tokenScope();
    const { port } = makePort({ failureThreshold: 10 });
    for (const body of ['<html>Bad gateway</html>', { content: 'nope' }, { content: [{ foo: 1 }] }, 'null']) {
      nock(BASE).get(SEARCH_PATH).query(true).reply(200, body as never);
      const err = await port.lookupDossier(CODE, undefined, { fresh: true }).catch((e) => e);
      expect(err).toBeInstanceOf(OnestopUnavailableError);
      expect(err.reason).toBe('bad_response');
    }
  });

  it('maps every status bucket from iGate names', async () => {
    const cases: [string, DossierStatus][] = [
      ['Mới đăng ký', 'moi_nop'],
      ['Chờ tiếp nhận', 'moi_nop'],
      ['Đã tiếp nhận', 'da_tiep_nhan'],
      ['Được tiếp nhận', 'da_tiep_nhan'],
      ['Đang xử lý', 'dang_xu_ly'],
      ['Chờ phê duyệt', 'dang_xu_ly'],
      ['Yêu cầu bổ sung giấy tờ', 'cho_bo_sung'],
      ['Chờ bổ sung', 'cho_bo_sung'],
      ['Yêu cầu thực hiện nghĩa vụ tài chính', 'cho_nop_phi'],
      ['Chờ thanh toán', 'cho_nop_phi'],
      ['Tạm dừng', 'tam_dung'],
      ['Dừng xử lý', 'tam_dung'],
      ['Đã xử lý xong', 'co_ket_qua'],
      ['Có kết quả - chờ trả', 'co_ket_qua'],
      ['Chờ trả kết quả', 'co_ket_qua'],
      ['Đã trả kết quả', 'da_tra_ket_qua'],
      ['Không được tiếp nhận', 'tu_choi'],
      ['Từ chối giải quyết', 'tu_choi'],
      ['Công dân yêu cầu rút hồ sơ', 'da_rut_huy'],
      ['Đã hủy', 'da_rut_huy'],
      ['Trạng thái lạ', 'khong_ro'],
    ];
    for (const [name, bucket] of cases) expect([name, bucketFromStatusName(name)]).toEqual([name, bucket]);
    // And end to end through the wire, for each distinct bucket.
    tokenScope();
    const { port } = makePort();
    for (const [name, bucket] of cases) {
      nock(BASE).get(SEARCH_PATH).query(true).reply(200, page(igateDossier({ dossierStatus: { id: 1, name } })));
      expect((await port.lookupDossier(CODE, undefined, { fresh: true }))?.status).toBe(bucket);
    }
    const national: [number, DossierStatus][] = [[1, 'moi_nop'], [2, 'da_tiep_nhan'], [3, 'tu_choi'], [4, 'dang_xu_ly'], [5, 'cho_bo_sung'], [6, 'cho_nop_phi'], [7, 'da_rut_huy'], [8, 'tam_dung'], [9, 'co_ket_qua'], [10, 'da_tra_ket_qua'], [0, 'khong_ro']];
    for (const [n, bucket] of national) expect(bucketFromNationalCode(n)).toBe(bucket);
  });

  it('computes overdue from the appointment date only while not finished', async () => {
    tokenScope();
    const { port } = makePort();
    const past = '2020-01-01T17:00:00.000+0700';
    nock(BASE).get(SEARCH_PATH).query(true).reply(200, page(igateDossier({ appointmentDate: past })));
    expect((await port.lookupDossier(CODE, undefined, { fresh: true }))?.overdue).toBe(true);
    nock(BASE).get(SEARCH_PATH).query(true).reply(200, page(igateDossier({ appointmentDate: past, dossierStatus: { id: 5, name: 'Đã xử lý xong' } })));
    expect((await port.lookupDossier(CODE, undefined, { fresh: true }))?.overdue).toBe(false);
    nock(BASE).get(SEARCH_PATH).query(true).reply(200, page(igateDossier()));
    expect((await port.lookupDossier(CODE, undefined, { fresh: true }))?.overdue).toBe(false);
  });

  it('reveals the masked owner name only after the second factor', async () => {
    tokenScope();
    nock(BASE).get(SEARCH_PATH).query(true).reply(200, page(igateDossier()));
    const { port } = makePort();
    expect((await port.lookupDossier(CODE))?.ownerNameMasked).toBeUndefined();
    // Same cached record, different proofs: never more than proved.
    const wrong = await port.lookupDossier(CODE, '9999');
    expect(wrong).toMatchObject({ ownerVerified: false, proofRejected: true });
    expect(wrong?.ownerNameMasked).toBeUndefined();
    expect(await port.lookupDossier(CODE, '1234')).toMatchObject({ ownerVerified: true, ownerNameMasked: 'Nguyễn V*** A' });
    expect(await port.lookupDossier(CODE, '0905111234')).toMatchObject({ ownerVerified: true });
    // Proven before (the service remembers it per user): details without a proof; a wrong proof still fails.
    expect(await port.lookupDossier(CODE, undefined, { ownerProven: true })).toMatchObject({ ownerVerified: true, ownerNameMasked: 'Nguyễn V*** A' });
    expect(await port.lookupDossier(CODE, '0000', { ownerProven: true })).toMatchObject({ ownerVerified: false, proofRejected: true });
    const cached = JSON.stringify(await port.fetchRecord(CODE));
    expect(cached).not.toMatch(/051090001234|0905111234|Nguyễn Văn An|Thôn/);
  });

  it('caches results for 60 s in the store', async () => {
    tokenScope();
    const search = nock(BASE).get(SEARCH_PATH).query(true).once().reply(200, page(igateDossier()));
    const { port, store } = makePort();
    await port.lookupDossier(CODE);
    const again = await port.lookupDossier(CODE);
    expect(search.isDone()).toBe(true);
    expect(again?.dueAt).toBeInstanceOf(Date);
    expect(again?.status).toBe('dang_xu_ly');
    const ttl = await store.ttl(`dossier:cache:${CODE}`);
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('opens the breaker after N failures, fails fast, then half-opens and closes', async () => {
    let clock = 1_000_000;
    tokenScope();
    const { port } = makePort({ failureThreshold: 2, cooldownMs: 5000, now: () => clock });
    nock(BASE).get(SEARCH_PATH).query(true).times(6).reply(500);
    await expect(port.lookupDossier(CODE, undefined, { fresh: true })).rejects.toMatchObject({ reason: 'server_error' });
    await expect(port.lookupDossier(CODE, undefined, { fresh: true })).rejects.toMatchObject({ reason: 'server_error' });
    expect(port.breaker.state).toBe('open');
    // Open: no request reaches the system.
    const untouched = nock(BASE).get(SEARCH_PATH).query(true).reply(200, page(igateDossier()));
    await expect(port.lookupDossier(CODE, undefined, { fresh: true })).rejects.toMatchObject({ reason: 'breaker_open' });
    expect(untouched.isDone()).toBe(false);
    // After the cool-down one trial goes through and closes the breaker.
    clock += 5000;
    expect(port.breaker.state).toBe('half_open');
    expect((await port.lookupDossier(CODE, undefined, { fresh: true }))?.status).toBe('dang_xu_ly');
    expect(port.breaker.state).toBe('closed');
  });

  it('re-opens when the half-open trial fails', async () => {
    let clock = 0;
    tokenScope();
    const { port } = makePort({ failureThreshold: 1, cooldownMs: 100, now: () => clock });
    nock(BASE).get(SEARCH_PATH).query(true).times(6).reply(500);
    await expect(port.lookupDossier(CODE)).rejects.toThrow();
    expect(port.breaker.state).toBe('open');
    clock += 100;
    await expect(port.lookupDossier(CODE)).rejects.toMatchObject({ reason: 'server_error' });
    expect(port.breaker.state).toBe('open');
  });
});

describe('national vocabulary adapter', () => {
  it('reads the DVCQG-style DTO with TrangThaiHoSo and yyyyMMddHHmmss dates', async () => {
    tokenScope();
    nock(BASE)
      .get('/api/v1/hosos/tra-cuu')
      .query({ MaHoSo: CODE })
      .matchHeader('authorization', 'Bearer tok-1')
      .reply(200, [{ MaHoSo: CODE, TenTTHC: 'Cấp phiếu lý lịch tư pháp', TrangThaiHoSo: 6, NgayHenTra: '20200105170000', ChuHoSo: 'Lê Thị Mai', SoDinhDanh: '051090005555', KenhThucHien: 2 }]);
    const http = new OnestopHttp({ baseUrl: BASE, ssoUrl: SSO, clientId: 'bot', clientSecret: 's3cret', timeoutMs: 5000, logger: silent });
    const port = new CachedOnestopPort({ adapter: new NationalAdapter(http), store: new MemoryStore(), logger: silent });
    const r = await port.lookupDossier(CODE, '5555');
    expect(r).toMatchObject({ source: 'dvcqg', status: 'cho_nop_phi', statusLabel: 'Yêu cầu thực hiện nghĩa vụ tài chính', channel: 'truc_tuyen', overdue: true, ownerNameMasked: 'Lê T*** M' });
    expect(r!.dueAt!.toISOString()).toBe('2020-01-05T10:00:00.000Z');
  });
});
