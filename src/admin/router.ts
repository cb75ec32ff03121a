import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Language, Translate } from '../dialogue/types.js';
import type { ContentRepository } from '../knowledge/repository.js';
import { projectRoot } from '../paths.js';
import { ZaloApiError } from '../zalo/errors.js';
import type { StoreAnalytics } from './analytics.js';
import type { AuditLog } from './audit.js';
import type { Auth, Role } from './auth.js';
import { ContentError, type ContentEditor, type ContentKind } from './content-editor.js';
import { exportContent, importContent, toYaml } from './content-files.js';
import { HandoffNotActiveError, type StaffReplySender, type StoreHandoffService } from './handoff.js';
import { testConversation, testMessage } from './nlu-test.js';
import { ConversationBody, DismissBody, EvalCaseBody, ItemId, LoginBody, PhrasingBody, RoleBody, RollbackBody, TestRecipientBody, TextBody, UserBody, type InboxConversation, type InboxItem, type MeResponse, type ReleaseResponse } from './api-types.js';
import type { EvalCaseStore } from './eval-cases.js';
import { CSRF_HEADER, sameToken, type SessionManager } from './sessions.js';
import type { LoginThrottle } from './throttle.js';
import { passwordProblem } from './passwords.js';
import { UserDirectory, UserError } from './users.js';
import { Procedure } from '../knowledge/schema.js';
import { SentenceKey, type SentenceDefaults } from '../knowledge/sentences.js';
import type { ConversationEntry } from '../bot/ports.js';
import type { DisplayNames } from './display-names.js';
import type { ConversationTranscript } from './transcript.js';
import { MediaFetchError, type FetchedMedia } from '../media/safe-fetch.js';
import { maskPersonalData } from '../nlu/personal-data.js';

export interface AdminRouterDeps {
  auth: Auth;
  sessions: SessionManager;
  users: UserDirectory;
  throttle: LoginThrottle;
  audit: AuditLog;
  editor: ContentEditor;
  content: ContentRepository;
  contentDir: string;
  analytics: StoreAnalytics;
  handoff: StoreHandoffService;
  evalCases: EvalCaseStore;
  zalo: StaffReplySender;
  tFor: (lng: Language) => Translate;
  /** The locale files' system sentences, which admins may override. */
  sentenceDefaults?: SentenceDefaults;
  logger: Logger;
  /** Where the built console is (default dist/console). */
  consoleDir?: string;
  /** Whether a Zalo user id follows the OA (the follower registry): only a follower can be a test recipient. */
  isFollower: (zaloUserId: string) => Promise<boolean>;
  /** The bot conversation before a hand-off, shown above it (INBOX_HISTORY_TURNS turns). */
  transcript?: Pick<ConversationTranscript, 'before' | 'around'>;
  historyTurns?: number;
  displayNames?: Pick<DisplayNames, 'nameOf'>;
  /** Tells the citizen the bot is back; true when the message went out. */
  handBack?: (userId: string) => Promise<boolean>;
  /** Downloads a citizen's voice message or photo for the inbox (allow-listed hosts only). */
  fetchMedia?: (url: string) => Promise<FetchedMedia>;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Handler = (req: Request, res: Response) => Promise<unknown>;

/** Maps the domain's errors to statuses; anything else goes to the app's last-resort handler. */
export function route(fn: Handler): RequestHandler {
  return (req, res, next) => {
    fn(req, res).catch((err: unknown) => {
      if (err instanceof ContentError) return void res.status(err.status).json({ error: err.code, message: err.message, errors: err.errors });
      if (err instanceof UserError) return void res.status(422).json({ error: 'invalid', message: err.message, errors: [{ field: err.field, message: err.message }] });
      if (err instanceof HandoffNotActiveError) return void res.status(409).json({ error: 'handoff_closed', message: 'Cuộc trò chuyện này đã trả lại cho trợ lý tự động hoặc đã hết hạn.' });
      if (err instanceof ZaloApiError) {
        const message = err.kind === 'window' ? 'Người dân đã quá thời hạn nhận tin tư vấn của Zalo; không gửi được.' : 'Zalo chưa nhận tin nhắn; vui lòng thử lại.';
        return void res.status(502).json({ error: 'zalo', code: err.code, kind: err.kind, message });
      }
      if (err instanceof z.ZodError) return void res.status(400).json({ error: 'bad_request', errors: err.issues.map((i) => ({ field: i.path.join('.') || '(root)', message: i.message })) });
      next(err);
    });
  };
}

export const who = (req: Request) => req.user?.username ?? 'unknown';


export function createAdminRouter(deps: AdminRouterDeps): Router {
  const r = express.Router();
  const { auth, editor } = deps;
  const admin = auth.requireRole('admin');
  const anyone = auth.requireRole('admin', 'staff');
  const api = '/admin/api';

  // The announcements API (mounted after this router) parses its own bodies with its own limit.
  const json = express.json({ limit: '1mb' });
  r.use(api, (req, res, next) => (/^\/(announcements|followers|tags)(\/|$)/.test(req.path) ? next() : json(req, res, next)));
  r.use(api, (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  // Logging in needs no session; everything after this point does.
  r.post(
    `${api}/login`,
    route(async (req, res) => {
      const body = LoginBody.parse(req.body);
      const username = body.username.toLowerCase();
      // A browser that logged in to this account before is throttled only by its own failures.
      const device = deps.sessions.deviceToken(req);
      const attempt = { username, ip: req.ip ?? 'unknown', device: device && (await deps.throttle.deviceUser(device)) === username ? device : null };
      const wait = await deps.throttle.waitFor(attempt);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        res.setHeader('Retry-After', String(seconds));
        return void res.status(429).json({ error: 'too_many_attempts', retryAfterS: seconds, message: `Đăng nhập sai nhiều lần. Vui lòng thử lại sau ${seconds} giây.` });
      }
      const user = await deps.users.authenticate(username, body.password);
      if (!user) {
        await deps.throttle.fail(attempt);
        await deps.audit.record({ who: username.slice(0, 40), action: 'login.failed', detail: { ip: attempt.ip, knownDevice: attempt.device !== null } });
        return void res.status(401).json({ error: 'invalid_credentials', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
      }
      await deps.throttle.succeed(attempt);
      if (!attempt.device) deps.sessions.rememberDevice(res, await deps.throttle.rememberDevice(user.username), deps.throttle.deviceTtlMs);
      const { csrf } = await deps.sessions.create(res, user);
      await deps.audit.record({ who: user.username, action: 'login' });
      res.json({ user: UserDirectory.toPublic(user), csrfToken: csrf });
    }),
  );

  // CSRF: a cookie session must echo its token on every state change; bearer automation is exempt.
  r.use(api, (req, res, next) => {
    if (!UNSAFE.has(req.method) || req.get('authorization')?.startsWith('Bearer ')) return next();
    deps.sessions.resolve(req).then((session) => {
      if (!session) return next();
      const sent = req.get(CSRF_HEADER) ?? '';
      if (!sent || !sameToken(sent, session.csrf)) return void res.status(403).json({ error: 'csrf', message: 'Phiên làm việc không hợp lệ; vui lòng tải lại trang.' });
      next();
    }, next);
  });
  r.use(api, anyone);

  r.get(
    `${api}/me`,
    route(async (req, res) => {
      const session = req.user?.via === 'session' ? await deps.sessions.resolve(req) : null;
      const account = req.user?.via === 'session' ? await deps.users.get(req.user.username) : null;
      res.json({ user: req.user!, csrfToken: session?.csrf ?? null, testRecipientId: account?.testRecipientId ?? null } satisfies MeResponse);
    }),
  );
  r.post(
    `${api}/logout`,
    route(async (req, res) => {
      await deps.sessions.destroy(req, res);
      await deps.audit.record({ who: who(req), action: 'logout' });
      res.json({ ok: true });
    }),
  );

  // Content: procedures, system intents and system sentences (overrides of the locale files) share one set of routes.
  const kinds: [ContentKind, string][] = [
    ['procedure', 'procedures'],
    ['intent', 'intents'],
    ['contact', 'contacts'],
    ['sentence', 'sentences'],
  ];
  r.get(
    `${api}/sentences/defaults`,
    route(async (_req, res) => {
      // Every sentence an admin may override, with the locale files' text and whether an override is live.
      const live = new Map((deps.content.current().kb.sentences ?? []).map((o) => [o.id, o]));
      const defaults = deps.sentenceDefaults;
      res.json({ items: (defaults?.keys() ?? []).map((id) => ({ id, default: defaults!.get(id), override: live.get(id)?.text ?? null })) });
    }),
  );
  for (const [kind, path] of kinds) {
    const base = `${api}/${path}`;
    // Sentence overrides are addressed by their locale key ("dialogue.nothingToChoose").
    const idOf = (req: Request): string => (kind === 'sentence' ? SentenceKey : ItemId).parse(req.params.id);
    r.get(
      base,
      route(async (req, res) => {
        res.json({ items: await editor.list(kind, String(req.query.q ?? '')) });
      }),
    );
    r.get(
      `${base}/:id`,
      route(async (req, res) => {
        res.json(await editor.view(kind, idOf(req)));
      }),
    );
    r.put(
      `${base}/:id`,
      admin,
      route(async (req, res) => {
        res.json(await editor.save(kind, idOf(req), req.body, who(req)));
      }),
    );
    r.delete(
      `${base}/:id`,
      admin,
      route(async (req, res) => {
        res.json(await editor.remove(kind, idOf(req), who(req)));
      }),
    );
    r.post(
      `${base}/:id/publish`,
      admin,
      route(async (req, res) => {
        res.json(await editor.publish(who(req), [{ kind, id: idOf(req) }]));
      }),
    );
    r.post(
      `${base}/:id/discard`,
      admin,
      route(async (req, res) => {
        await editor.discardDraft(kind, idOf(req), who(req));
        res.json({ ok: true });
      }),
    );
    r.get(
      `${base}/:id/versions`,
      route(async (req, res) => {
        res.json({ versions: await editor.versions(kind, idOf(req)) });
      }),
    );
    r.get(
      `${base}/:id/versions/:version`,
      route(async (req, res) => {
        res.json(await editor.version(kind, idOf(req), RollbackBody.parse({ version: req.params.version }).version));
      }),
    );
    r.post(
      `${base}/:id/rollback`,
      admin,
      route(async (req, res) => {
        const { version } = RollbackBody.parse(req.body);
        res.json(await editor.rollback(kind, idOf(req), version, who(req)));
      }),
    );
  }

  r.get(
    `${api}/content/publish-preview`,
    route(async (_req, res) => {
      res.json(await editor.publishPreview());
    }),
  );
  r.post(
    `${api}/content/publish`,
    admin,
    route(async (req, res) => {
      res.json(await editor.publish(who(req)));
    }),
  );
  r.get(
    `${api}/content/export`,
    admin,
    route(async (_req, res) => {
      const kb = deps.content.current().kb;
      const files: Record<string, string> = {};
      for (const p of kb.procedures) files[`procedures/${p.id}.yaml`] = toYaml(p);
      for (const i of kb.intents) files[`system/${i.id}.yaml`] = toYaml(i);
      for (const c of kb.contacts ?? []) files[`contacts/${c.id}.yaml`] = toYaml(c);
      res.json({ version: kb.version, files });
    }),
  );
  r.post(
    `${api}/content/export`,
    admin,
    route(async (req, res) => {
      const kb = deps.content.current().kb;
      // A catalogue published from a sync goes back to intents/ too; the shipped one is already there.
      const result = await exportContent(kb, deps.contentDir, editor.servedOfficialVersion() ? kb.catalogue : undefined);
      await deps.audit.record({ who: who(req), action: 'content.export', detail: { version: kb.version, ...result } });
      res.json({ version: kb.version, ...result });
    }),
  );
  r.post(
    `${api}/content/import`,
    admin,
    route(async (req, res) => {
      const result = await importContent(editor, deps.content.current().kb, deps.contentDir, who(req));
      if (!result.ok) return void res.status(422).json({ error: 'invalid', errors: result.errors });
      await deps.audit.record({ who: who(req), action: 'content.import', detail: { drafts: result.drafts.length, unchanged: result.unchanged } });
      res.json({ drafts: result.drafts.map((d) => ({ kind: d.kind, id: d.id, version: d.version })), unchanged: result.unchanged });
    }),
  );

  r.post(
    `${api}/nlu/test`,
    route(async (req, res) => {
      const body = TextBody.parse(req.body);
      const source = body.draft ? await editor.preview() : deps.content.current();
      res.json(testMessage({ text: body.text, kb: source.kb, matcher: source.matcher, tFor: deps.tFor, content: body.draft ? 'draft' : 'published' }));
    }),
  );
  r.post(
    `${api}/nlu/conversation`,
    route(async (req, res) => {
      const body = ConversationBody.parse(req.body);
      const source = body.draft ? await editor.preview() : deps.content.current();
      res.json({ turns: testConversation({ turns: body.turns, kb: source.kb, matcher: source.matcher, tFor: deps.tFor, content: body.draft ? 'draft' : 'published' }) });
    }),
  );

  // Evaluation cases saved from the test console (anyone who can test may save; admins delete).
  r.get(
    `${api}/eval-cases`,
    route(async (_req, res) => {
      res.json({ cases: await deps.evalCases.list() });
    }),
  );
  r.post(
    `${api}/eval-cases`,
    route(async (req, res) => {
      const saved = await deps.evalCases.create(EvalCaseBody.parse(req.body), who(req), deps.content.current().kb.version);
      if (!saved) return void res.status(409).json({ error: 'full', message: 'Đã đủ số ca kiểm thử tối đa; vui lòng xoá bớt ca cũ.' });
      await deps.audit.record({ who: who(req), action: 'eval-case.create', target: saved.id, detail: { turns: saved.turns.length } });
      res.status(201).json(saved);
    }),
  );
  r.delete(
    `${api}/eval-cases/:id`,
    admin,
    route(async (req, res) => {
      const id = z.string().regex(/^c[a-z0-9]{1,40}$/).parse(req.params.id);
      const removed = await deps.evalCases.remove(id);
      if (removed) await deps.audit.record({ who: who(req), action: 'eval-case.delete', target: id });
      res.status(removed ? 200 : 404).json({ ok: removed });
    }),
  );

  r.get(
    `${api}/analytics`,
    route(async (req, res) => {
      const days = Math.min(120, Math.max(1, Number(req.query.days ?? 30) || 30));
      res.json(await deps.analytics.summary(days));
    }),
  );
  r.get(
    `${api}/unanswered`,
    route(async (_req, res) => {
      // `review`: answers given by carrying the previous procedure over or by a small margin, with the conversation around them.
      res.json({ groups: await deps.analytics.unanswered(), review: await deps.analytics.review.list() });
    }),
  );
  r.post(
    `${api}/unanswered/phrasing`,
    admin,
    route(async (req, res) => {
      const body = PhrasingBody.parse(req.body);
      const current = await editor.working('procedure', ItemId.parse(body.procedureId));
      if (!current) throw new ContentError(404, 'not_found', `no procedure "${body.procedureId}"`);
      const procedure = Procedure.parse(current);
      const exists = procedure.phrasings.some((p) => p.toLowerCase() === body.text.toLowerCase());
      const saved = exists ? null : await editor.save('procedure', procedure.id, { ...procedure, phrasings: [...procedure.phrasings, body.text] }, who(req));
      await deps.analytics.resolve(body.groupKey ?? body.text);
      await deps.audit.record({ who: who(req), action: 'unanswered.resolve', target: maskPersonalData(body.groupKey ?? body.text).slice(0, 80), after: { procedureId: procedure.id, draftVersion: saved?.version ?? null } });
      res.json({ draft: saved, alreadyPresent: exists });
    }),
  );
  r.post(
    `${api}/unanswered/dismiss`,
    admin,
    route(async (req, res) => {
      const { key } = DismissBody.parse(req.body);
      await deps.analytics.resolve(key);
      await deps.audit.record({ who: who(req), action: 'unanswered.dismiss', target: maskPersonalData(key).slice(0, 80) });
      res.json({ ok: true });
    }),
  );

  r.post(
    `${api}/unanswered/review/dismiss`,
    admin,
    route(async (req, res) => {
      const { id } = z.object({ id: z.uuid() }).parse(req.body);
      await deps.analytics.review.dismiss(id);
      await deps.audit.record({ who: who(req), action: 'review.dismiss', target: id });
      res.json({ ok: true });
    }),
  );

  // Hand-off inbox (staff and admins).
  const userIdParam = (req: Request) => z.string().regex(/^\d{1,32}$/).parse(req.params.userId);
  const nameOf = async (userId: string) => (deps.displayNames ? deps.displayNames.nameOf(userId) : null);
  // A voice message or photo plays through this origin (the console's CSP allows no other), from Zalo's URL.
  const withPlayUrl =
    (userId: string) =>
    <M extends { attachment?: ConversationEntry['attachment'] }>(m: M): M =>
      m.attachment?.url && deps.fetchMedia
        ? { ...m, attachment: { ...m.attachment, playUrl: `${api}/handoffs/${userId}/media?url=${encodeURIComponent(m.attachment.url)}` } }
        : m;
  const conversation = async (userId: string) => {
    const state = await deps.handoff.get(userId);
    const messages = await deps.handoff.messages(userId, 200);
    const earlier = state && deps.transcript ? await deps.transcript.before(userId, state.since, deps.historyTurns ?? 10) : [];
    // The message that asked for a human opens the hand-off thread (same time stamp): it is not repeated above it.
    const opened = new Set(messages.filter((m) => m.from === 'citizen').map((m) => m.at));
    const before = earlier.filter((e) => !(e.from === 'citizen' && opened.has(e.at)));
    return { state, messages, before };
  };
  r.get(
    `${api}/handoffs`,
    route(async (_req, res) => {
      const states = await deps.handoff.list();
      const items: InboxItem[] = await Promise.all(states.map(async (s) => ({ ...s, displayName: await nameOf(s.userId), last: await deps.handoff.preview(s.userId) })));
      res.json({ items });
    }),
  );
  r.get(
    `${api}/handoffs/:userId/messages`,
    route(async (req, res) => {
      const userId = userIdParam(req);
      const { state, messages, before } = await conversation(userId);
      const play = withPlayUrl(userId);
      res.json({ state, displayName: await nameOf(userId), before: before.map(play), messages: messages.map(play) } satisfies InboxConversation);
    }),
  );
  r.get(
    `${api}/handoffs/:userId/media`,
    route(async (req, res) => {
      const userId = userIdParam(req);
      const url = z.url().max(2000).parse(req.query.url);
      const { messages, before } = await conversation(userId);
      // Only media this citizen sent: the route is not a proxy for any URL.
      if (!deps.fetchMedia || ![...messages, ...before].some((m) => m.attachment?.url === url)) return void res.status(404).json({ error: 'not_found' });
      try {
        const media = await deps.fetchMedia(url);
        res.setHeader('Content-Type', media.contentType.split(';')[0]!);
        res.setHeader('X-Content-Type-Options', 'nosniff');
        res.send(media.bytes);
      } catch (err) {
        if (!(err instanceof MediaFetchError)) throw err;
        res.status(502).json({ error: 'media', reason: err.reason, message: 'Không tải được tệp từ Zalo (đường dẫn có thể đã hết hạn).' });
      }
    }),
  );
  r.post(
    `${api}/handoffs/:userId/reply`,
    route(async (req, res) => {
      const userId = userIdParam(req);
      const { text } = TextBody.parse(req.body);
      const message = await deps.handoff.staffReply(userId, text, who(req), deps.zalo);
      await deps.audit.record({ who: who(req), action: 'handoff.reply', target: userId });
      res.json({ message });
    }),
  );
  r.post(
    `${api}/handoffs/:userId/release`,
    route(async (req, res) => {
      const userId = userIdParam(req);
      await deps.handoff.release(userId);
      const notified = deps.handBack ? await deps.handBack(userId) : false;
      await deps.audit.record({ who: who(req), action: 'handoff.release', target: userId, detail: { notified } });
      res.json({ ok: true, notified } satisfies ReleaseResponse);
    }),
  );

  // Users and the audit log (admins).
  r.get(
    `${api}/users`,
    admin,
    route(async (_req, res) => {
      res.json({ users: await deps.users.list() });
    }),
  );
  r.post(
    `${api}/users`,
    admin,
    route(async (req, res) => {
      const body = UserBody.parse(req.body);
      // The policy applies to every password set here, whatever the directory allows its own callers.
      const problem = passwordProblem(body.password, body.username.trim());
      if (problem) throw new UserError('password', problem);
      const user = await deps.users.create({ username: body.username, password: body.password, role: body.role as Role, createdBy: who(req) });
      await deps.audit.record({ who: who(req), action: 'user.create', target: user.username, before: null, after: { role: user.role } });
      res.status(201).json({ user });
    }),
  );
  // Usernames are stored in lower case: compare them that way everywhere ("ADMIN" is "admin").
  const usernameParam = (req: Request) => String(req.params.username).trim().toLowerCase();
  const isSelf = (req: Request, username: string) => req.user?.via === 'session' && req.user.username.toLowerCase() === username;
  r.delete(
    `${api}/users/:username`,
    admin,
    route(async (req, res) => {
      const username = usernameParam(req);
      if (isSelf(req, username)) return void res.status(409).json({ error: 'self', message: 'Không thể tự xoá tài khoản đang dùng.' });
      const existing = await deps.users.get(username);
      const removed = existing ? await deps.users.remove(username) : false;
      if (removed) await deps.audit.record({ who: who(req), action: 'user.delete', target: username, before: { role: existing!.role, testRecipientId: existing!.testRecipientId ?? null }, after: null });
      res.status(removed ? 200 : 404).json({ ok: removed });
    }),
  );
  r.patch(
    `${api}/users/:username`,
    admin,
    route(async (req, res) => {
      const username = usernameParam(req);
      const { role } = RoleBody.parse(req.body);
      if (isSelf(req, username)) return void res.status(409).json({ error: 'self', message: 'Không thể tự đổi vai trò của tài khoản đang dùng.' });
      const changed = await deps.users.setRole(username, role as Role);
      if (!changed) return void res.status(404).json({ error: 'not_found' });
      await deps.audit.record({ who: who(req), action: 'user.role', target: username, before: { role: changed.before }, after: { role } });
      res.json({ user: changed.user });
    }),
  );
  // A staff member registers their own Zalo id as the recipient of announcement test sends; an admin may
  // set anyone's. It must follow the OA (a test send is a real message to a real account).
  r.put(
    `${api}/users/:username/test-recipient`,
    route(async (req, res) => {
      const username = usernameParam(req);
      if (req.user?.role !== 'admin' && !isSelf(req, username)) return void res.status(403).json({ error: 'forbidden', message: 'Chỉ tự đăng ký được Zalo của chính mình.' });
      const { userId } = TestRecipientBody.parse(req.body);
      if (userId !== null && !(await deps.isFollower(userId))) {
        throw new UserError('testRecipientId', 'Tài khoản Zalo này chưa quan tâm (theo dõi) OA; hãy quan tâm OA rồi đăng ký lại.');
      }
      const changed = await deps.users.setTestRecipient(username, userId);
      if (!changed) return void res.status(404).json({ error: 'not_found' });
      await deps.audit.record({ who: who(req), action: 'user.test_recipient', target: username, before: { testRecipientId: changed.before }, after: { testRecipientId: userId } });
      res.json({ user: changed.user });
    }),
  );
  r.get(
    `${api}/audit`,
    admin,
    route(async (req, res) => {
      const limit = Math.min(1000, Math.max(1, Number(req.query.limit ?? 200) || 200));
      res.json({ entries: await deps.audit.list(limit) });
    }),
  );

  // The console itself: static files built by esbuild (npm run build), no data in them (the API above serves the
  // data, behind login).
  const publicDir = deps.consoleDir ?? join(projectRoot(), 'dist', 'console');
  // Routing is not strict about a trailing slash, so look at the raw URL to avoid a redirect loop.
  r.get('/admin', (req, res, next) => (req.originalUrl.split('?')[0] === '/admin' ? res.redirect(302, '/admin/') : next()));
  r.use(
    '/admin',
    (req, res, next) => {
      if (req.path.startsWith('/api/')) return next();
      res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Referrer-Policy', 'same-origin');
      next();
    },
    express.static(publicDir, { index: 'index.html', fallthrough: true, maxAge: 0 }),
    (req: Request, res: Response, next: () => void) => {
      if (req.path !== '/' || existsSync(join(publicDir, 'index.html'))) return next();
      res.status(503).type('text/plain').send('The admin console is not built: run `npm run build` (npm start does it).');
    },
  );
  return r;
}
