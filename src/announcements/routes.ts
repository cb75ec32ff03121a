import express, { Router, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { AuditLog } from '../admin/audit.js';
import type { Auth } from '../admin/auth.js';
import type { UserDirectory } from '../admin/users.js';
import type { ReplyButton } from '../dialogue/types.js';
import type { AnnouncementDelivery } from './delivery.js';
import { TAG_PATTERN, type StoreFollowerRegistry } from './followers.js';
import type { AnnouncementRepository } from './repository.js';
import type { AnnouncementChannel, Audience } from './types.js';

/** The staff API of announcements and followers (admins and staff; ADMIN_API_TOKEN works as admin). */

const USER_ID = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a Zalo user id (letters, digits, "_" or "-")');
const TAG = z.string().trim().regex(TAG_PATTERN, 'a tag of letters, digits, spaces or "_.:/-", at most 50 characters');
const TITLE = z.string().trim().min(1, 'required').max(100, 'at most 100 characters');

const buttonSchema = z.union(
  [
    z.object({ title: TITLE, url: z.url({ protocol: /^https?$/, message: 'an http(s) URL' }) }).strict(),
    z.object({ title: TITLE, phone: z.string().regex(/^\+?[0-9][0-9 .-]{5,19}$/, 'a phone number') }).strict(),
    z.object({ title: TITLE, payload: z.string().min(1).max(1000, 'at most 1000 characters') }).strict(),
  ],
  { message: 'a button is {title, url}, {title, phone} or {title, payload}' },
);

const audienceSchema = z.union(
  [
    z.object({ all: z.literal(true) }).strict(),
    z.object({ tags: z.array(TAG).min(1, 'at least one tag').max(50, 'at most 50 tags') }).strict(),
    z.object({ userIds: z.array(USER_ID).min(1, 'at least one user id').max(10_000, 'at most 10 000 user ids') }).strict(),
  ],
  { message: 'one of {all: true}, {tags: [...]} or {userIds: [...]}' },
);

const createSchema = z
  .object({
    title: TITLE,
    text: z.string().trim().min(1, 'required').max(2000, 'at most 2000 characters'),
    buttons: z.array(buttonSchema).max(5, 'at most 5 buttons').default([]),
    image: z.url({ protocol: /^https$/, message: 'an https URL' }).optional(),
    audience: audienceSchema,
    sendAt: z.iso.datetime({ offset: true, message: 'an ISO 8601 time such as 2025-03-14T08:00:00+07:00' }).optional(),
    dryRun: z.boolean().optional(),
    draft: z.boolean().optional(),
  })
  .strict();

const sendSchema = z.object({ sendAt: z.iso.datetime({ offset: true, message: 'an ISO 8601 time' }).optional() }).strict();
/** Without userIds, the caller's own registered test recipient; with them, each must be a registered one. */
const testSchema = z.object({ userIds: z.array(USER_ID).min(1, 'at least one test recipient').max(10, 'at most 10 test recipients').optional() }).strict();
const tagsSchema = z.object({ tags: z.array(TAG).max(50, 'at most 50 tags') }).strict();

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

function toButton(b: z.infer<typeof buttonSchema>): ReplyButton {
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
      const body = parse(createSchema, req, res);
      if (!body) return;
      const sendAt = sendAtOf(body.sendAt, res);
      if (sendAt === false) return;
      const audience = body.audience as Audience;
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

  r.post(`${base}/:id/send`, staff, async (req, res, next) => {
    try {
      const body = parse(sendSchema, req, res);
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
      const body = parse(testSchema, req, res);
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
      const body = parse(tagsSchema, req, res);
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

  return r;
}
