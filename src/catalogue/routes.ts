/**
 * The console API of the official catalogue, under /admin/api/catalogue (the admin router in front has already
 * authenticated the caller, checked CSRF and parsed JSON). Staff may read everything; only admins sync,
 * approve, discard and publish, and each of those is audited.
 *
 *   GET  /catalogue/procedures?q=&level=&field=&offset=&limit=&tier=live|draft   the browser
 *   GET  /catalogue/procedures/:code?tier=                                        one record with its source
 *   GET  /catalogue/disagreements?tier=                                           curated facts the record contradicts
 *   GET  /catalogue/sync                                                          schedule, source, live/draft, reports
 *   POST /catalogue/sync                                                          run a sync now (202)
 *   GET  /catalogue/sync/reports/:id                                              one report
 *   GET  /catalogue/sync/reports/:id/changes?kind=added|removed|changed&q=&offset=&limit=
 *   POST /catalogue/sync/reports/:id/approve | /discard | /publish
 */
import express, { type Router } from 'express';
import type { Auth } from '../admin/auth.js';
import { ContentError, type ContentEditor } from '../admin/content-editor.js';
import { route, who } from '../admin/router.js';
import { checkContent } from '../knowledge/content-check.js';
import type { OfficialCatalogue } from '../knowledge/official.js';
import type { ContentRepository } from '../knowledge/repository.js';
import type { KnowledgeBase } from '../knowledge/schema.js';
import type { OfficialVersions } from './official-versions.js';
import {
  CatalogueQuery,
  ChangesQuery,
  NationalCodeParam,
  ReportIdParam,
  TierQuery,
  type CatalogueListResponse,
  type CatalogueRecordResponse,
  type ChangesResponse,
  type DisagreementsResponse,
  type PublishCatalogueResponse,
  type SyncStatusResponse,
  type Tier,
} from './api-types.js';
import { browseCatalogue, matchesWords } from './browse.js';
import { curatedByCode } from './change-report.js';
import type { CatalogueSync } from './sync.js';
import type { SyncReview } from './sync-review.js';
import type { SyncReport } from './sync-reports.js';

export interface CatalogueRoutesDeps {
  auth: Auth;
  sync: CatalogueSync;
  review: SyncReview;
  editor: ContentEditor;
  content: ContentRepository;
  versions: OfficialVersions;
  /** The scheduled sync's cron expression, null when off. */
  schedule: string | null;
  source: SyncReport['source'];
}

export function createCatalogueRouter(deps: CatalogueRoutesDeps): Router {
  const r = express.Router();
  const admin = deps.auth.requireRole('admin');
  const base = '/admin/api/catalogue';

  /** The knowledge base of a tier: live, or the live curated tier over the official draft. */
  const kbOf = async (tier: Tier): Promise<KnowledgeBase> => {
    const live = deps.content.current().kb;
    if (tier === 'live') return live;
    const draft = await deps.editor.officialDraft();
    if (!draft) throw new ContentError(404, 'no_draft', 'Chưa có bản nháp danh mục nào đang chờ xuất bản.');
    return { ...live, catalogue: await deps.versions.get(draft.version) };
  };
  const catalogueOf = (kb: { catalogue?: OfficialCatalogue }) => kb.catalogue;

  r.get(
    `${base}/procedures`,
    route(async (req, res) => {
      const query = CatalogueQuery.parse(req.query);
      const kb = await kbOf(query.tier);
      const body: CatalogueListResponse = { tier: query.tier, ...browseCatalogue(catalogueOf(kb), curatedByCode(kb.procedures), query) };
      res.json(body);
    }),
  );

  r.get(
    `${base}/procedures/:code`,
    route(async (req, res) => {
      const code = NationalCodeParam.parse(req.params.code);
      const { tier } = TierQuery.parse(req.query);
      const kb = await kbOf(tier);
      const catalogue = catalogueOf(kb);
      const record = catalogue?.records.find((x) => x.nationalCode === code);
      if (!catalogue || !record) throw new ContentError(404, 'not_found', `Danh mục không có thủ tục mã ${code}.`);
      const curatedId = curatedByCode(kb.procedures).get(code) ?? null;
      const page = curatedId ? kb.procedures.filter((p) => p.id === curatedId) : [];
      const disagreements = checkContent(page, { ...catalogue, records: [record] }, kb.lexicon).disagreements;
      const body: CatalogueRecordResponse = { tier, record, source: catalogue.source, curatedId, disagreements };
      res.json(body);
    }),
  );

  r.get(
    `${base}/disagreements`,
    route(async (req, res) => {
      const { tier } = TierQuery.parse(req.query);
      const kb = await kbOf(tier);
      const body: DisagreementsResponse = { tier, ...checkContent(kb.procedures, kb.catalogue, kb.lexicon) };
      res.json(body);
    }),
  );

  r.get(
    `${base}/sync`,
    route(async (_req, res) => {
      const reports = await deps.review.list();
      const live = deps.content.current().kb.catalogue;
      const body: SyncStatusResponse = {
        schedule: deps.schedule,
        source: deps.source,
        live: { version: deps.editor.servedOfficialVersion(), records: live?.records.length ?? 0, source: live?.source ?? null },
        draft: await deps.editor.officialDraft(),
        running: reports.find((x) => x.status === 'running') ?? null,
        reports,
      };
      res.json(body);
    }),
  );

  r.post(
    `${base}/sync`,
    admin,
    route(async (req, res) => {
      res.status(202).json({ report: await deps.sync.start('console', who(req)) });
    }),
  );

  r.get(
    `${base}/sync/reports/:id`,
    route(async (req, res) => {
      res.json({ report: await deps.review.get(ReportIdParam.parse(req.params.id)) });
    }),
  );

  r.get(
    `${base}/sync/reports/:id/changes`,
    route(async (req, res) => {
      const id = ReportIdParam.parse(req.params.id);
      const query = ChangesQuery.parse(req.query);
      const changes = await deps.review.changes(id);
      const all = changes[query.kind].filter((c) => matchesWords(`${c.nationalCode} ${c.name} ${c.curatedId ?? ''}`, query.q));
      const body: ChangesResponse = { kind: query.kind, total: all.length, items: all.slice(query.offset, query.offset + query.limit) };
      res.json(body);
    }),
  );

  r.post(
    `${base}/sync/reports/:id/approve`,
    admin,
    route(async (req, res) => {
      const report = await deps.review.approve(ReportIdParam.parse(req.params.id), who(req));
      res.json({ report, draft: await deps.editor.officialDraft() });
    }),
  );

  r.post(
    `${base}/sync/reports/:id/discard`,
    admin,
    route(async (req, res) => {
      res.json({ report: await deps.review.discard(ReportIdParam.parse(req.params.id), who(req)) });
    }),
  );

  r.post(
    `${base}/sync/reports/:id/publish`,
    admin,
    route(async (req, res) => {
      const body: PublishCatalogueResponse = await deps.review.publish(ReportIdParam.parse(req.params.id), who(req));
      res.json(body);
    }),
  );

  return r;
}
