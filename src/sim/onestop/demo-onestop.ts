import { randomBytes } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { DEMO_STATUSES, igateDate, sampleDossiers, type DemoDossier } from './sample-dossiers.js';

/**
 * A demo one-stop server speaking the iGate wire format (reference §2.4 A), for simulator mode and tests:
 *   POST /sim/igate/auth/realms/digo/protocol/openid-connect/token   client_credentials → access_token
 *   GET  /sim/igate/pa/dossier/search?code=…&spec=slice&page=0&size=10  (Bearer) → { content: [...] }
 *   GET  /sim/onestop                        a page where a person changes a dossier's status
 *   GET  /sim/onestop/dossiers               the dossiers as JSON
 *   POST /sim/onestop/dossiers/:code/status  { statusId } or { statusName } (JSON or form)
 * Point ONESTOP_BASE_URL and ONESTOP_SSO_URL at `<bot>/sim/igate`.
 */

export const DEMO_API_PREFIX = '/sim/igate';
const TOKEN_TTL_S = 300;

export interface DemoOnestop {
  router: Router;
  credentials: { clientId: string; clientSecret: string };
  /** Direct access for tests. */
  dossiers: Map<string, DemoDossier>;
  setStatus(code: string, status: { id?: number; name?: string }): DemoDossier | null;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(dossiers: DemoDossier[], message?: string): string {
  const options = (current: number) =>
    DEMO_STATUSES.map((s) => `<option value="${s.id}"${s.id === current ? ' selected' : ''}>${esc(s.name)}</option>`).join('');
  const rows = dossiers
    .map(
      (d) => `<tr><td><code>${esc(d.code)}</code></td><td>${esc(d.procedure.translate[0]?.name ?? '')}</td><td>${esc(d.applicant.data.fullname)}<br><small>CCCD …${esc(d.applicant.data.identityNumber.slice(-4))}, ĐT …${esc(d.applicant.data.phoneNumber.slice(-4))}</small></td><td>${esc(d.appointmentDate?.slice(0, 10) ?? '—')}</td>
<td><form method="post" action="/sim/onestop/dossiers/${encodeURIComponent(d.code)}/status"><select name="statusId">${options(d.dossierStatus.id)}</select> <button type="submit">Cập nhật</button></form></td></tr>`,
    )
    .join('\n');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hệ thống một cửa (mô phỏng)</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}.msg{background:#e8f5e9;padding:.5rem;margin-bottom:1rem}</style></head>
<body><h1>Hệ thống một cửa điện tử (mô phỏng)</h1>
<p>Máy chủ mô phỏng nói đúng định dạng iGate. Đổi tình trạng một hồ sơ ở đây; người đang theo dõi hồ sơ sẽ nhận thông báo ở lượt kiểm tra tiếp theo.</p>
${message ? `<p class="msg">${esc(message)}</p>` : ''}
<table><thead><tr><th>Mã hồ sơ</th><th>Thủ tục</th><th>Chủ hồ sơ (thông tin thử)</th><th>Ngày hẹn trả</th><th>Tình trạng</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}

export function createDemoOnestopRouter(opts: { now?: () => number } = {}): DemoOnestop {
  const now = opts.now ?? Date.now;
  const credentials = { clientId: 'bot-tra-cuu', clientSecret: randomBytes(12).toString('hex') };
  const dossiers = new Map(sampleDossiers(now()).map((d) => [d.code, d]));
  const tokens = new Map<string, number>();
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '10kb' });
  const json = express.json({ limit: '10kb' });

  function setStatus(code: string, status: { id?: number; name?: string }): DemoDossier | null {
    const d = dossiers.get(code);
    const next = DEMO_STATUSES.find((s) => s.id === status.id) ?? DEMO_STATUSES.find((s) => s.name === status.name);
    if (!d || !next) return null;
    d.dossierStatus = { ...next };
    d.updatedDate = igateDate(now());
    return d;
  }

  router.post(`${DEMO_API_PREFIX}/auth/realms/digo/protocol/openid-connect/token`, form, (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, string>;
    if (body.grant_type !== 'client_credentials') {
      res.status(400).json({ error: 'unsupported_grant_type' });
      return;
    }
    if (body.client_id !== credentials.clientId || body.client_secret !== credentials.clientSecret) {
      res.status(401).json({ error: 'invalid_client', error_description: 'Invalid client credentials' });
      return;
    }
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, now() + TOKEN_TTL_S * 1000);
    res.json({ access_token: token, expires_in: TOKEN_TTL_S, token_type: 'Bearer', scope: 'profile' });
  });

  router.get(`${DEMO_API_PREFIX}/pa/dossier/search`, (req: Request, res: Response) => {
    const auth = req.get('authorization') ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const exp = tokens.get(token);
    if (!exp || exp < now()) {
      res.status(401).json({ error: 'unauthorized' });
      return;
    }
    const code = String(req.query.code ?? '').trim().toUpperCase();
    const size = Math.min(50, Math.max(1, Number(req.query.size ?? 10) || 10));
    // An exact code is looked up directly (the watcher benchmark holds 10 000 dossiers); anything else is searched.
    const exact = dossiers.get(code);
    const content = exact ? [exact] : code ? [...dossiers.values()].filter((d) => d.code.includes(code)).slice(0, size) : [];
    res.json({ content, pageable: { pageNumber: Number(req.query.page ?? 0), pageSize: size }, numberOfElements: content.length, first: true, last: true, size });
  });

  router.get('/sim/onestop', (req: Request, res: Response) => {
    const msg = typeof req.query.updated === 'string' ? `Đã cập nhật hồ sơ ${req.query.updated}.` : undefined;
    res.type('html').send(page([...dossiers.values()], msg));
  });

  router.get('/sim/onestop/dossiers', (_req: Request, res: Response) => {
    res.json({ dossiers: [...dossiers.values()], statuses: DEMO_STATUSES });
  });

  router.post('/sim/onestop/dossiers/:code/status', form, json, (req: Request, res: Response) => {
    const body = (req.body ?? {}) as { statusId?: string | number; statusName?: string };
    const code = String(req.params.code);
    const id = body.statusId === undefined || body.statusId === '' ? undefined : Number(body.statusId);
    const updated = setStatus(code, { id, name: body.statusName });
    if (!updated) {
      res.status(dossiers.has(code) ? 400 : 404).json({ error: dossiers.has(code) ? 'unknown_status' : 'unknown_dossier' });
      return;
    }
    if (req.is('application/x-www-form-urlencoded')) res.redirect(303, `/sim/onestop?updated=${encodeURIComponent(code)}`);
    else res.json({ dossier: updated });
  });

  return { router, credentials, dossiers, setStatus };
}
