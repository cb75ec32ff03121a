import type { Router } from 'express';
import type { Logger } from 'pino';
import type { AnalyticsSink } from '../bot/ports.js';
import type { Config } from '../config.js';
import type { Language, Translate } from '../dialogue/types.js';
import type { ContentRepository } from '../knowledge/repository.js';
import type { SentenceDefaults } from '../knowledge/sentences.js';
import type { Metrics } from '../observability/metrics.js';
import type { Store } from '../store/ports.js';
import type { OfficialVersions } from '../catalogue/official-versions.js';
import { StoreAnalytics } from './analytics.js';
import { AuditLog } from './audit.js';
import { createAuth, type Auth } from './auth.js';
import { ContentEditor } from './content-editor.js';
import type { StaffReplySender, StoreHandoffService } from './handoff.js';
import { createAdminRouter, type AdminRouterDeps } from './router.js';
import { SessionManager } from './sessions.js';
import { EvalCaseStore } from './eval-cases.js';
import { DEFAULT_LOGIN_THROTTLE, LoginThrottle, type ThrottleOptions } from './throttle.js';
import { UserDirectory } from './users.js';

export interface AdminModuleDeps {
  config: Pick<Config, 'simulator' | 'NODE_ENV' | 'PUBLIC_BASE_URL' | 'ADMIN_API_TOKEN' | 'ADMIN_SESSION_TTL_S'>;
  store: Store;
  logger: Logger;
  content: ContentRepository;
  /** The intents/ directory: export writes there, import reads from there. */
  contentDir: string;
  tFor: (lng: Language) => Translate;
  /** The Zalo client: staff replies from the inbox go out through its consultation send. */
  zalo: StaffReplySender;
  handoff: StoreHandoffService;
  metrics?: Metrics;
  /** Inbox extras (issue 11): the conversation before a hand-off, display names, hand-back notice, media playback. */
  inbox?: Pick<AdminRouterDeps, 'transcript' | 'historyTurns' | 'displayNames' | 'handBack' | 'fetchMedia'>;
  /** Tests lower the login throttle (see DEFAULT_LOGIN_THROTTLE). */
  loginThrottle?: ThrottleOptions;
  /** The locale files' system sentences, which admins may override as content. */
  sentenceDefaults?: SentenceDefaults;
  /** The follower registry's check: a test recipient must follow the OA. */
  isFollower: (zaloUserId: string) => Promise<boolean>;
  /** Published versions of the official tier (the catalogue sync); without it versions carry the curated tier only. */
  officialVersions?: OfficialVersions;
}

export interface AdminModule {
  router: Router;
  auth: Auth;
  analytics: AnalyticsSink & StoreAnalytics;
  editor: ContentEditor;
  users: UserDirectory;
  audit: AuditLog;
  /** Seeds the simulator's demo accounts and follows content publishes from every instance. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The admin console: users and sessions, content editing with versions, inbox, analytics, and its static pages. */
export function createAdminModule(deps: AdminModuleDeps): AdminModule {
  const logger = deps.logger.child({ module: 'admin' });
  const secure = deps.config.NODE_ENV === 'production' || (deps.config.PUBLIC_BASE_URL?.startsWith('https:') ?? false);
  const users = new UserDirectory(deps.store);
  const sessions = new SessionManager(deps.store, { ttlMs: deps.config.ADMIN_SESSION_TTL_S * 1000, secure, currentUser: (name) => users.get(name) });
  const auth = createAuth({ adminApiToken: deps.config.ADMIN_API_TOKEN, resolveSession: async (req) => (await sessions.resolve(req))?.user ?? null });
  const audit = new AuditLog(deps.store);
  // The review list shows the conversation around an answer while the transcript still keeps it.
  const analytics = new StoreAnalytics(deps.store, { conversation: deps.inbox?.transcript });
  const editor = new ContentEditor({ store: deps.store, content: deps.content, audit, logger, sentenceDefaults: deps.sentenceDefaults, official: deps.officialVersions });
  const throttle = new LoginThrottle(deps.store, deps.loginThrottle ?? DEFAULT_LOGIN_THROTTLE);
  const router = createAdminRouter({ auth, sessions, users, throttle, audit, editor, content: deps.content, contentDir: deps.contentDir, analytics, handoff: deps.handoff, evalCases: new EvalCaseStore(deps.store), zalo: deps.zalo, tFor: deps.tFor, sentenceDefaults: deps.sentenceDefaults, logger, isFollower: deps.isFollower, ...deps.inbox });

  return {
    router,
    auth,
    analytics,
    editor,
    users,
    audit,
    async start() {
      if (deps.config.simulator) {
        await users.seedSimulatorAccounts();
        logger.info({ users: ['admin', 'staff'] }, 'simulator: console at /admin with the demo accounts (password in the README)');
      }
      await editor.start();
    },
    async stop() {
      await editor.stop();
    },
  };
}
