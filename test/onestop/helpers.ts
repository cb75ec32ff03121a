import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig, type Config } from '../../src/config.js';
import { createI18n, translatorFor } from '../../src/i18n/i18n.js';
import { projectRoot } from '../../src/paths.js';
import { newSession, type Language, type Reply, type Translate } from '../../src/dialogue/types.js';
import type { TurnContext } from '../../src/bot/ports.js';
import type { DossierNotice, NoticePort, NoticeReceipt } from '../../src/notify/types.js';

export const BASE = 'https://api.onestop.test';
export const SSO = 'https://sso.onestop.test';
export const TOKEN_PATH = '/auth/realms/digo/protocol/openid-connect/token';
export const SEARCH_PATH = '/pa/dossier/search';
export const CODE = '000.00.53.H48-251120-0001';

export const silent = pino({ level: 'silent' });

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    LOG_LEVEL: 'silent',
    ONESTOP_BASE_URL: BASE,
    ONESTOP_SSO_URL: SSO,
    ONESTOP_CLIENT_ID: 'bot',
    ONESTOP_CLIENT_SECRET: 's3cret',
    ONESTOP_TIMEOUT_MS: '300',
    ...env,
  });
}

let tForPromise: Promise<(lng: Language) => Translate> | null = null;
export function loadTFor(): Promise<(lng: Language) => Translate> {
  tForPromise ??= createI18n(join(projectRoot(), 'locales')).then(translatorFor);
  return tForPromise;
}

export function turn(tFor: (lng: Language) => Translate, userId = 'u1', lng: Language = 'vi'): TurnContext {
  return { userId, session: newSession(userId, lng), language: lng, t: tFor(lng), now: Date.now() };
}

/** An iGate dossier as the search returns it. */
export function igateDossier(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '64f0c0ffee',
    code: CODE,
    procedure: { code: '1.001193.000.00.00.H48', translate: [{ languageId: 228, name: 'Đăng ký khai sinh' }] },
    dossierStatus: { id: 2, name: 'Đang xử lý' },
    applicant: { data: { fullname: 'Nguyễn Văn An', ownerFullname: 'Nguyễn Văn An', identityNumber: '051090001234', phoneNumber: '0905111234', address: 'Thôn 1, xã Bình Sơn' } },
    agency: { id: 'a53', code: '000.00.53.H48', name: 'UBND xã Bình Sơn' },
    applyMethod: { id: 1, name: 'Trực tiếp' },
    appliedDate: '2025-11-20T08:30:00.000+0700',
    acceptedDate: '2025-11-20T09:00:00.000+0700',
    appointmentDate: '2099-12-01T17:00:00.000+0700',
    ...over,
  };
}

export const page = (...content: unknown[]) => ({ content, numberOfElements: content.length, first: true, last: true, size: 10 });

export class RecordingSender {
  sent: { userId: string; reply: Reply }[] = [];
  async sendReply(userId: string, reply: Reply): Promise<{ messageIds: string[] }> {
    this.sent.push({ userId, reply });
    return { messageIds: [String(this.sent.length)] };
  }
}

/** A notice port that records what the watcher hands over and answers each notice as sent. */
export class RecordingNotices implements NoticePort {
  delivered: DossierNotice[] = [];
  async deliver(notice: DossierNotice): Promise<NoticeReceipt> {
    this.delivered.push(notice);
    return { id: notice.id, state: 'sent', channel: 'consultation', steps: [] };
  }
}

export const openWindow = {
  canReply: async () => ({ allowed: true }),
  recordReply: async () => undefined,
};
