import type { Logger } from 'pino';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Config } from '../config.js';
import type { DossierService } from '../bot/ports.js';
import type { Language, Translate } from '../dialogue/types.js';
import type { Store } from '../store/ports.js';
import { parseProvincePrefixes } from './codes.js';
import { OnestopDossierService } from './dossier-service.js';
import { FollowRegistry } from './follows.js';
import { OnestopHttp } from './http.js';
import { IgateAdapter } from './igate-adapter.js';
import { NationalAdapter } from './national-adapter.js';
import { CachedOnestopPort } from './port.js';
import { OnestopUnavailableError, type DossierRecord, type OnestopAdapter } from './types.js';
import { DossierWatcher, type PassReport } from './watcher.js';
import type { NoticePort } from '../notify/types.js';

export interface DossierModuleDeps {
  config: Config;
  store: Store;
  logger: Logger;
  tFor: (lng: Language) => Translate;
  /** notify/: the channel chain every status-change notice goes through. */
  notices: NoticePort;
  metrics?: { registry: Registry };
  /** Override ONESTOP_BASE_URL / ONESTOP_SSO_URL / credentials (simulator mode points them at the demo server). */
  onestopBaseUrl?: string;
  ssoUrl?: string;
  clientId?: string;
  clientSecret?: string;
  /** Test knobs. */
  breaker?: { failureThreshold?: number; cooldownMs?: number };
  /** Clock of the watcher and the port (tests and the watcher benchmark run on a fake one). */
  now?: () => number;
  /** Watcher tuning (tests, benchmark): seconds between passes, look-ups in flight. */
  watch?: { tickS?: number; concurrency?: number };
}

export interface DossierModule {
  service: DossierService;
  watcher: { start(): void; stop(): Promise<void>; tick(): Promise<number>; pass(): Promise<PassReport> };
  port: CachedOnestopPort;
  follows: FollowRegistry;
  /** Followed dossiers per watch set and the calls per minute they ask for, against the budget (for /readyz). */
  watchDemand(): Promise<{ hot: number; cold: number; callsPerMinNeeded: number; callsPerMinBudget: number }>;
}

/** When no one-stop system is configured every look-up answers "unavailable" (and offers a follow). */
class UnconfiguredAdapter implements OnestopAdapter {
  readonly name = 'none';
  async fetchDossier(): Promise<DossierRecord | null> {
    throw new OnestopUnavailableError('not_configured', 'no one-stop system configured (ONESTOP_BASE_URL unset)');
  }
}

const BREAKER_VALUE = { closed: 0, half_open: 1, open: 2 } as const;

/** Builds the dossier feature: one-stop adapter, cached port, conversation service and the watcher. */
export function createDossierModule(deps: DossierModuleDeps): DossierModule {
  const { config, store, logger } = deps;
  const baseUrl = deps.onestopBaseUrl ?? config.ONESTOP_BASE_URL;
  const portalUrl = config.ONESTOP_PORTAL_URL;
  let adapter: OnestopAdapter;
  if (!baseUrl) {
    logger.warn('ONESTOP_BASE_URL is unset: dossier look-ups will answer "unavailable"');
    adapter = new UnconfiguredAdapter();
  } else {
    const http = new OnestopHttp({
      baseUrl,
      ssoUrl: deps.ssoUrl ?? config.ONESTOP_SSO_URL,
      clientId: deps.clientId ?? config.ONESTOP_CLIENT_ID,
      clientSecret: deps.clientSecret ?? config.ONESTOP_CLIENT_SECRET,
      timeoutMs: config.ONESTOP_TIMEOUT_MS,
      logger,
    });
    adapter = config.ONESTOP_ADAPTER === 'national' ? new NationalAdapter(http, { portalUrl }) : new IgateAdapter(http, portalUrl);
  }

  const registers = deps.metrics ? [deps.metrics.registry] : [];
  const lookups = new Counter({ name: 'dossier_lookups_total', help: 'Dossier look-ups asked by citizens, by outcome', labelNames: ['outcome'] as const, registers });
  const onestopCalls = new Counter({ name: 'onestop_calls_total', help: 'One-stop port calls, by outcome', labelNames: ['outcome'] as const, registers });
  const notices = new Counter({ name: 'dossier_notices_total', help: 'Status-change notices handed to the channel chain, by state after the first run', labelNames: ['outcome'] as const, registers });
  const alerts = new Counter({ name: 'dossier_alerts_total', help: 'Dossier look-up alerts raised (dossier_code_enumeration: many unknown codes in an hour)', labelNames: ['alert'] as const, registers });
  const breakerGauge = new Gauge({ name: 'onestop_breaker_state', help: 'One-stop circuit breaker: 0 closed, 1 half-open, 2 open', registers });

  const port = new CachedOnestopPort({
    adapter,
    store,
    logger,
    failureThreshold: deps.breaker?.failureThreshold,
    cooldownMs: deps.breaker?.cooldownMs,
    onBreakerChange: (state) => breakerGauge.set(BREAKER_VALUE[state]),
    onCall: (outcome) => onestopCalls.inc({ outcome }),
    now: deps.now,
  });
  const follows = new FollowRegistry(store, config.DOSSIER_MAX_FOLLOWS);
  const service = new OnestopDossierService({
    port,
    follows,
    store,
    logger,
    provincePrefixes: config.provincePrefixes ?? parseProvincePrefixes(config.DOSSIER_PROVINCE_PREFIXES),
    lookupsPerHour: config.DOSSIER_LOOKUPS_PER_HOUR,
    lookupsPerCodePerHour: config.DOSSIER_LOOKUPS_PER_CODE_PER_HOUR,
    lookupsGlobalPerMinute: config.DOSSIER_LOOKUPS_GLOBAL_PER_MIN,
    unknownCodesAlertPerHour: config.DOSSIER_UNKNOWN_CODES_ALERT_PER_HOUR,
    maxFollows: config.DOSSIER_MAX_FOLLOWS,
    portalUrl,
    onLookup: (outcome) => lookups.inc({ outcome }),
    onAlert: (alert) => alerts.inc({ alert }),
  });
  const watcher = new DossierWatcher({
    port,
    follows,
    store,
    notices: deps.notices,
    tFor: deps.tFor,
    logger,
    intervalS: config.DOSSIER_WATCH_INTERVAL_S,
    hotIntervalS: config.DOSSIER_WATCH_HOT_INTERVAL_S,
    callsPerMinute: config.DOSSIER_WATCH_CALLS_PER_MIN,
    recentMs: config.DOSSIER_WATCH_RECENT_H * 3600_000,
    dueAheadMs: config.DOSSIER_WATCH_DUE_AHEAD_H * 3600_000,
    tickS: deps.watch?.tickS,
    concurrency: deps.watch?.concurrency,
    portalUrl,
    now: deps.now,
    onNotice: (outcome) => notices.inc({ outcome }),
  });
  async function watchDemand() {
    const { hot, cold } = await follows.watchSizes();
    const hotS = Math.min(config.DOSSIER_WATCH_HOT_INTERVAL_S, config.DOSSIER_WATCH_INTERVAL_S);
    const needed = Math.ceil((hot * 60) / hotS + (cold * 60) / config.DOSSIER_WATCH_INTERVAL_S);
    return { hot, cold, callsPerMinNeeded: needed, callsPerMinBudget: config.DOSSIER_WATCH_CALLS_PER_MIN };
  }
  return { service, watcher, port, follows, watchDemand };
}
