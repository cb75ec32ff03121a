import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createDemoOnestopRouter, DEMO_API_PREFIX } from '../../src/sim/onestop/demo-onestop.js';
import { mapIgateDossier } from '../../src/onestop/igate-adapter.js';
import { DOSSIER_STATUSES } from '../../src/onestop/types.js';

function app() {
  const demo = createDemoOnestopRouter();
  const a = express();
  a.use(demo.router);
  return { demo, app: a };
}

describe('demo one-stop server', () => {
  it('speaks the iGate token and search wire format', async () => {
    const { demo, app: a } = app();
    const tokenPath = `${DEMO_API_PREFIX}/auth/realms/digo/protocol/openid-connect/token`;
    await request(a).post(tokenPath).type('form').send({ grant_type: 'client_credentials', client_id: demo.credentials.clientId, client_secret: 'wrong' }).expect(401);
    const tok = await request(a).post(tokenPath).type('form').send({ grant_type: 'client_credentials', client_id: demo.credentials.clientId, client_secret: demo.credentials.clientSecret }).expect(200);
    expect(tok.body).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    const search = `${DEMO_API_PREFIX}/pa/dossier/search`;
    await request(a).get(search).query({ code: '000.00.53.H48-251120-0001', spec: 'slice', page: 0, size: 10 }).expect(401);
    const res = await request(a).get(search).query({ code: '000.00.53.H48-251120-0001', spec: 'slice', page: 0, size: 10 }).set('Authorization', `Bearer ${tok.body.access_token}`).expect(200);
    expect(res.body.content[0].code).toBe('000.00.53.H48-251120-0001');
    expect(res.body.content[0].appointmentDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0700$/);
  });

  it('has sample dossiers in every citizen bucket except "unknown", one of them overdue', () => {
    const { demo } = app();
    const mapped = [...demo.dossiers.values()].map((d) => mapIgateDossier(d)!);
    const buckets = new Set(mapped.map((m) => m.result.status));
    expect([...buckets].sort()).toEqual(DOSSIER_STATUSES.filter((s) => s !== 'khong_ro').sort());
    expect(mapped.some((m) => m.result.status === 'dang_xu_ly' && m.result.dueAt! < new Date())).toBe(true);
    expect(mapped.every((m) => m.owner?.nameMasked && m.owner.proofDigests.length === 2)).toBe(true);
  });

  it('lets a person change a status from the page (form) or by JSON', async () => {
    const { demo, app: a } = app();
    const html = await request(a).get('/sim/onestop').expect(200);
    expect(html.text).toContain('Hệ thống một cửa điện tử (mô phỏng)');
    expect(html.text).toContain('000.00.53.H48-251120-0011');
    const code = '000.00.53.H48-251120-0003';
    await request(a).post(`/sim/onestop/dossiers/${code}/status`).type('form').send({ statusId: '6' }).expect(303);
    expect(demo.dossiers.get(code)!.dossierStatus.name).toBe('Có kết quả - chờ trả');
    const r = await request(a).post(`/sim/onestop/dossiers/${code}/status`).send({ statusName: 'Đã trả kết quả' }).expect(200);
    expect(r.body.dossier.dossierStatus.id).toBe(7);
    await request(a).post(`/sim/onestop/dossiers/${code}/status`).send({ statusId: 99 }).expect(400);
    await request(a).post('/sim/onestop/dossiers/NOPE/status').send({ statusId: 1 }).expect(404);
    const list = await request(a).get('/sim/onestop/dossiers').expect(200);
    expect(list.body.dossiers).toHaveLength(11);
  });
});
