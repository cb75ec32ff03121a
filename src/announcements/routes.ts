import express, { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  AnnouncementBody,
  AudienceSizeBody,
  FollowerTagsBody,
  SendBody,
  TagAssignBody,
  TagCreateBody,
  TagImportBody,
  TestSendBody,
  ZaloUserId,
  type AnnouncementButton,
} from '../admin/api-types.js';
import type { AuditLog } from '../admin/audit.js';
import type { Auth } from '../admin/auth.js';
import type { UserDirectory } from '../admin/users.js';
import type { ReplyButton } from '../dialogue/types.js';
import type { AnnouncementDelivery } from './delivery.js';
import type { StoreFollowerRegistry } from './followers.js';
import type { AnnouncementRepository } from './repository.js';
import type { AnnouncementChannel, Audience } from './types.js';

/** The staff API of announcements, followers and tags (admins and staff; ADMIN_API_TOKEN works as admin). */

const USER_ID = ZaloUserId;
type ButtonBody = z.infer<typeof AnnouncementButton>;

const MAX_SCHEDULE_AHEAD_MS = 366 * 24 * 3600 * 1000;

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.length > 0 ? issue.path.join('.') : '(body)';
    out[path] ??= issue.message.replace(/^Invalid input: /, '');
  }
  return out;
}

function parse<T extends z.ZodType>(schema: T, req: Request, res: Response): z.infer<T> | undefined {
  const result = schema.safeParse(req.body ?? {});
  if (result.success) return result.data;
  res.status(400).json({ error: 'invalid_request', fields: fieldErrors(result.error) });
  return undefined;
}

function toButton(b: ButtonBody): ReplyButton {
  if ('url' in b) return { kind: 'url', title: b.title, url: b.url };
  if ('phone' in b) return { kind: 'phone', title: b.title, phone: b.phone };
  return { kind: 'query', title: b.title, payload: b.payload };
}

export interface AnnouncementRoutesDeps {
  auth: Auth;
  repo: AnnouncementRepository;
  delivery: AnnouncementDelivery;
  followers: StoreFollowerRegistry;
  channel: AnnouncementChannel;
  logger: Logger;
  now: () => number;
  /** Starts a follower sync in the background (once across instances). */
  syncFollowers: () => Promise<unknown>;
  /** Every state change is recorded: who, what, when, before and after. */
  audit: AuditLog;
  /** Console accounts: test sends go only to the Zalo ids staff registered as their own. */
  users: Pick<UserDirectory, 'get' | 'testRecipients'>;
}

/** What an audit entry keeps of an announcement (not its audience list, which may hold 10 000 ids). */
function auditView(a: { status: string; title: string; sendAt?: number; audience: Audience }) {
  const audience = 'all' in a.audience ? 'all' : 'tags' in a.audience ? { tags: a.audience.tags } : { userIds: a.audience.userIds.length };
  return { status: a.status, title: a.title, sendAt: a.sendAt ? new Date(a.sendAt).toISOString() : null, audience };
}

export function createAnnouncementsRouter(deps: AnnouncementRoutesDeps): Router {
  const r = Router();
  const staff = deps.auth.requireRole('admin', 'staff');
  const log = deps.logger.child({ module: 'announcements-api' });
  const who = (req: Request) => req.user?.username ?? 'unknown';
  const base = '/admin/api/announcements';
  r.use([base, '/admin/api/followers'], express.json({ limit: '64kb' }));
  // A tag import carries a CSV of up to 50 000 rows.
  r.use('/admin/api/tags', express.json({ limit: '2mb' }));

  /** An audience naming a tag nobody created would silently reach no one: refuse it, naming the tag. */
  async function unknownTagErrors(audience: Audience, res: Response): Promise<boolean> {
    if (!('tags' in audience)) return false;
    const unknown = await deps.followers.unknownTags(audience.tags);
    if (unknown.length === 0) return false;
    const fields: Record<string, string> = {};
    for (const tag of unknown) fields[`audience.tags.${audience.tags.indexOf(tag)}`] = `Nhãn "${tag}" chưa có: kiểm tra chính tả hoặc tạo nhãn ở trang Nhãn người nhận.`;
    res.status(400).json({ error: 'invalid_request', fields });
    return true;
  }

  function sendAtOf(iso: string | undefined, res: Response): number | undefined | false {
    if (!iso) return undefined;
    const at = Date.parse(iso);
    if (at - deps.now() > MAX_SCHEDULE_AHEAD_MS) {
      res.status(400).json({ error: 'invalid_request', fields: { sendAt: 'at most one year ahead' } });
      return false;
    }
    return at <= deps.now() ? undefined : at;
  }

  r.post(base, staff, async (req, res, next) => {
    try {
      const body = parse(AnnouncementBody, req, res);
      if (!body) return;
      const sendAt = sendAtOf(body.sendAt, res);
      if (sendAt === false) return;
      const audience: Audience = body.audience;
      if (await unknownTagErrors(audience, res)) return;
      const audienceSize = (await deps.followers.resolve(audience)).length;
      const status = body.dryRun ? 'dry_run' : body.draft ? 'draft' : 'scheduled';
      const a = await deps.repo.create(
        { title: body.title, text: body.text, buttons: body.buttons.map(toButton), imageUrl: body.image, audience, sendAt, status, createdBy: req.user?.username ?? 'unknown' },
        deps.now(),
      );
      await deps.audit.record({ who: who(req), action: 'announcement.create', target: a.id, before: null, after: { ...auditView(a), audienceSize } });
      if (body.dryRun) {
        // Kept as a record (who counted what, when) but never scheduled.
        await deps.repo.update(a.id, { total: String(audienceSize) });
        return void res.status(201).json({ id: a.id, status: a.status, audienceSize });
      }
      if (!body.draft) await deps.delivery.schedule(a);
      log.info({ announcement: a.id, by: a.createdBy, audienceSize, draft: !!body.draft, sendAt: sendAt ? new Date(sendAt).toISOString() : 'now' }, 'announcement created');
      res.status(201).json({ id: a.id, status: a.status, audienceSize });
    } catch (err) {
      next(err);
    }
  });

  r.post(`${base}/audience-size`, staff, async (req, res, next) => {
    try {
      const body = parse(AudienceSizeBody, req, res);
      if (!body) return;
      if (await unknownTagErrors(body.audience, res)) return;
      res.json({ size: (await deps.followers.resolve(body.audience)).length });
    } catch (err) {
      next(err);
    }
  });

  r.get(base, staff, async (req, res, next) => {
    try {
      const limit = Math.min(200, Math.max(1, Number(req.query.limit ?? 50) || 50));
      const list = await deps.repo.list(limit);
      const reports = await Promise.all(list.map((a) => deps.repo.report(a.id)));
      res.json({ announcements: reports.filter((x) => x !== null) });
    } catch (err) {
      next(err);
    }
  });

  r.get(`${base}/:id`, staff, async (req, res, next) => {
    try {
      const report = await deps.repo.report(String(req.params.id));
      if (!report) return void res.status(404).json({ error: 'not_found' });
      const a = (await deps.repo.get(report.id))!;
      res.json({ ...report, text: a.text, buttons: a.buttons, image: a.imageUrl ?? null });
    } catch (err) {
      next(err);
    }
  });

  // A draft is edited in place until it is sent (the console's review step saves the form as a draft first).
  r.put(`${base}/:id`, staff, async (req, res, next) => {
    try {
      const body = parse(AnnouncementBody, req, res);
      if (!body) return;
      const a = await deps.repo.get(String(req.params.id));
      if (!a) return void res.status(404).json({ error: 'not_found' });
      if (a.status !== 'draft') return void res.status(409).json({ error: 'conflict', message: `only a draft can be edited; this one is ${a.status}` });
      const sendAt = sendAtOf(body.sendAt, res);
      if (sendAt === false) return;
      if (await unknownTagErrors(body.audience, res)) return;
      const after = { ...a, title: body.title, text: body.text, audience: body.audience, sendAt: sendAt ?? undefined };
      await deps.repo.update(a.id, {
        title: body.title,
        text: body.text,
        buttons: JSON.stringify(body.buttons.map(toButton)),
        imageUrl: body.image ?? '',
        audience: JSON.stringify(body.audience),
        sendAt: sendAt === undefined ? '' : String(sendAt),
      });
      await deps.audit.record({ who: who(req), action: 'announcement.edit', target: a.id, before: auditView(a), after: auditView(after) });
      res.json({ id: a.id, status: a.status, audienceSize: (await deps.followers.resolve(body.audience)).length });
    } catch (err) {
      next(err);
    }
  });

  r.post(`${base}/:id/cancel`, staff, async (req, res, next) => {
    try {
      const a = await deps.repo.get(String(req.params.id));
      if (!a) return void res.status(404).json({ error: 'not_found' });
      if (a.status === 'done' || a.status === 'cancelled' || a.status === 'dry_run') return void res.status(409).json({ error: 'conflict', message: `announcement is already ${a.status}` });
      await deps.delivery.cancel(a.id);
      await deps.audit.record({ who: who(req), action: 'announcement.cancel', target: a.id, before: { status: a.status }, after: { status: 'cancelled' } });
      log.info({ announcement: a.id, by: req.user?.username }, 'announcement cancelled');
      res.json({ id: a.id, status: 'cancelled' });
    } catch (err) {
      next(err);
    }
  });

  r.post(`${base}/:id/reconcile`, staff, async (req, res, next) => {
    try {
      const report = await deps.repo.report(String(req.params.id));
      if (!report) return void res.status(404).json({ error: 'not_found' });
      if (report.status !== 'done') return void res.status(409).json({ error: 'conflict', message: `only a finished announcement is reconciled; this one is ${report.status}` });
      if (report.uncertain === 0) return void res.json({ id: report.id, uncertain: 0, queued: false });
      await deps.delivery.scheduleReconcile(report.id, 1, true);
      log.info({ announcement: report.id, by: req.user?.username, uncertain: report.uncertain }, 'announcement reconciliation asked for');
      res.status(202).json({ id: report.id, uncertain: report.uncertain, queued: true });
    } catch (err) {
      next(err);
    }
  });

  r.post(`${base}/:id/send`, staff, async (req, res, next) => {
    try {
      const body = parse(SendBody, req, res);
      if (!body) return;
      const a = await deps.repo.get(String(req.params.id));
      if (!a) return void res.status(404).json({ error: 'not_found' });
      if (a.status !== 'draft') return void res.status(409).json({ error: 'conflict', message: `only a draft can be sent; this one is ${a.status}` });
      const sendAt = body.sendAt !== undefined ? sendAtOf(body.sendAt, res) : a.sendAt !== undefined && a.sendAt > deps.now() ? a.sendAt : undefined;
      if (sendAt === false) return;
      await deps.repo.update(a.id, { status: 'scheduled', ...(sendAt !== undefined ? { sendAt: String(sendAt) } : {}) });
      await deps.delivery.schedule({ ...a, status: 'scheduled', sendAt });
      await deps.audit.record({ who: who(req), action: 'announcement.schedule', target: a.id, before: auditView(a), after: auditView({ ...a, status: 'scheduled', sendAt }) });
      res.json({ id: a.id, status: 'scheduled', sendAt: sendAt ? new Date(sendAt).toISOString() : null });
    } catch (err) {
      next(err);
    }
  });

  r.post(`${base}/:id/test`, staff, async (req, res, next) => {
    try {
      const body = parse(TestSendBody, req, res);
      if (!body) return;
      const a = await deps.repo.get(String(req.params.id));
      if (!a) return void res.status(404).json({ error: 'not_found' });
      // A test send is a real message to a real account: only to the Zalo ids staff registered as their own
      // (12 of 12 "test" sends once reached one citizen), and within quiet hours and the daily cap.
      let targets = body.userIds;
      if (!targets) {
        const own = req.user?.via === 'session' ? (await deps.users.get(req.user.username))?.testRecipientId : undefined;
        if (!own) return void res.status(422).json({ error: 'no_test_recipient', message: 'Chưa đăng ký tài khoản Zalo nhận tin thử; hãy đăng ký Zalo của chính mình trước.' });
        targets = [own];
      }
      const registered = new Set((await deps.users.testRecipients()).map((r) => r.userId));
      const unregistered = targets.filter((id) => !registered.has(id));
      if (unregistered.length > 0) {
        return void res.status(422).json({ error: 'not_a_test_recipient', userIds: unregistered, message: 'Tin thử chỉ gửi được đến tài khoản Zalo mà cán bộ đã đăng ký là của mình.' });
      }
      const quietUntil = deps.delivery.quietUntil(deps.now());
      if (quietUntil !== null) return void res.status(409).json({ error: 'quiet_hours', until: new Date(quietUntil).toISOString(), message: 'Đang trong giờ yên lặng; tin thử được gửi sau giờ này.' });
      const results = [];
      for (const userId of targets) {
        if (!(await deps.delivery.takeDailyCap(userId, deps.now()))) {
          results.push({ userId, ok: false, error: 'daily_cap' });
          continue;
        }
        try {
          const { messageId, channel } = await deps.channel.send(userId, { ...a, id: a.id });
          results.push({ userId, ok: true, messageId, channel });
        } catch (err) {
          const e = err as Error & { label?: string; reason?: string };
          results.push({ userId, ok: false, error: e.label ?? e.reason ?? 'error' });
        }
      }
      await deps.audit.record({ who: who(req), action: 'announcement.test', target: a.id, after: { results: results.map((r) => ({ userId: r.userId, ok: r.ok, ...('error' in r ? { error: r.error } : {}) })) } });
      res.json({ id: a.id, results });
    } catch (err) {
      next(err);
    }
  });

  r.post('/admin/api/followers/sync', staff, async (req, res, next) => {
    try {
      // A run left "running" by a crash is resumed by this one; a run active elsewhere makes this a no-op.
      const state = await deps.followers.syncState();
      deps.syncFollowers().catch((err: Error) => log.warn({ err: err.message }, 'follower sync failed'));
      await deps.audit.record({ who: who(req), action: 'followers.sync', before: state, after: { started: true } });
      res.status(202).json({ started: true, previous: state });
    } catch (err) {
      next(err);
    }
  });

  r.get('/admin/api/followers/sync', staff, async (_req, res, next) => {
    try {
      res.json(await deps.followers.syncState());
    } catch (err) {
      next(err);
    }
  });

  r.get('/admin/api/followers', staff, async (_req, res, next) => {
    try {
      res.json({ count: await deps.followers.count(), tags: await deps.followers.tagCounts() });
    } catch (err) {
      next(err);
    }
  });

  r.get('/admin/api/followers/:userId', staff, async (req, res, next) => {
    try {
      const id = USER_ID.safeParse(req.params.userId);
      if (!id.success) return void res.status(400).json({ error: 'invalid_request', fields: { userId: id.error.issues[0]!.message } });
      res.json(await deps.followers.info(id.data));
    } catch (err) {
      next(err);
    }
  });

  r.put('/admin/api/followers/:userId/tags', staff, async (req, res, next) => {
    try {
      const id = USER_ID.safeParse(req.params.userId);
      if (!id.success) return void res.status(400).json({ error: 'invalid_request', fields: { userId: id.error.issues[0]!.message } });
      const body = parse(FollowerTagsBody, req, res);
      if (!body) return;
      const before = await deps.followers.tagsOf(id.data);
      await deps.followers.setTags(id.data, body.tags);
      const info = await deps.followers.info(id.data);
      await deps.audit.record({ who: who(req), action: 'follower.tags', target: id.data, before: { tags: before }, after: { tags: info.tags } });
      res.json(info);
    } catch (err) {
      next(err);
    }
  });

  // Tags: the audience's vocabulary (communes, topics), managed in the console.
  r.get('/admin/api/tags', staff, async (_req, res, next) => {
    try {
      res.json({ tags: await deps.followers.tagList() });
    } catch (err) {
      next(err);
    }
  });

  r.post('/admin/api/tags', staff, async (req, res, next) => {
    try {
      const body = parse(TagCreateBody, req, res);
      if (!body) return;
      const created = await deps.followers.createTag(body.tag);
      if (created) await deps.audit.record({ who: who(req), action: 'tag.create', target: body.tag, before: null, after: { tag: body.tag } });
      res.status(created ? 201 : 200).json({ tag: body.tag, created });
    } catch (err) {
      next(err);
    }
  });

  r.post('/admin/api/tags/assign', staff, async (req, res, next) => {
    try {
      const body = parse(TagAssignBody, req, res);
      if (!body) return;
      if ((await deps.followers.unknownTags([body.tag])).length) return void res.status(400).json({ error: 'invalid_request', fields: { tag: `Nhãn "${body.tag}" chưa có: tạo nhãn trước.` } });
      const added = await deps.followers.assignTag(body.tag, body.userIds);
      await deps.audit.record({ who: who(req), action: 'tag.assign', target: body.tag, after: { users: new Set(body.userIds).size, added } });
      log.info({ tag: body.tag, added, by: req.user?.username }, 'tag assigned');
      res.json({ tag: body.tag, added, users: new Set(body.userIds).size });
    } catch (err) {
      next(err);
    }
  });

  r.post('/admin/api/tags/import', staff, async (req, res, next) => {
    try {
      const body = parse(TagImportBody, req, res);
      if (!body) return;
      const report = await deps.followers.importCsv(body.csv, body.apply);
      if (report.applied) await deps.audit.record({ who: who(req), action: 'tag.import', after: { assignments: report.assignments, users: report.users, newTags: report.newTags, perTag: report.perTag } });
      if (report.applied) log.info({ assignments: report.assignments, newTags: report.newTags.length, by: req.user?.username }, 'tags imported');
      res.status(body.apply && report.errors.length > 0 ? 422 : 200).json(report);
    } catch (err) {
      next(err);
    }
  });

  return r;
}
