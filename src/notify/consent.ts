import type { Logger } from 'pino';
import type { NoticeConsent, TurnContext } from '../bot/ports.js';
import type { Reply, Translate } from '../dialogue/types.js';
import { maskId } from '../observability/logger.js';
import type { Store } from '../store/ports.js';
import type { NoticeRecord, NoticeRepository } from './notices.js';
import type { PhoneVault } from './phones.js';
import type { TemplateStore } from './templates.js';

/**
 * What the citizen hears about notices, and their phone number. After a follow the bot says how it will
 * notify them (which channels are configured) and, when ZNS can be used, offers Zalo's "share your phone"
 * card once. A phone arriving with user_submit_info is kept encrypted for notices; it is deleted when the
 * citizen follows no dossier any more (at once when they unfollow, after the final notice settles when the
 * dossier ends) and, with everything else of theirs, on user_withdraw.
 */

export interface ConsentDeps {
  store: Store;
  phones: PhoneVault;
  templates: TemplateStore;
  repo: NoticeRepository;
  follows: { codesOf(userId: string): Promise<string[]>; unfollowAll(userId: string): Promise<string[]> };
  logger: Logger;
  /** ZALO_REQUEST_INFO_IMAGE_URL (the same card complaints use). */
  consentImageUrl?: string;
  /** The satisfaction survey's data of a user, deleted on withdrawal. */
  forgetSurvey?: (userId: string) => Promise<void>;
}

const offeredKey = (userId: string) => `notify:offered:${userId}`;
/** The explanation and the phone offer are given once a month at most. */
const OFFER_TTL_MS = 30 * 86_400_000;

export type NoticePlan = 'template_zns' | 'template' | 'zns' | 'none';

export class NoticeConsentService implements NoticeConsent {
  private readonly log: Logger;

  constructor(private readonly deps: ConsentDeps) {
    this.log = deps.logger.child({ module: 'notify-consent' });
  }

  /** Which channels can reach a citizen after the 7-day window, as configured now. */
  async plan(): Promise<{ plan: NoticePlan; zns: boolean }> {
    const template = (await this.deps.templates.active('template')) !== null;
    const zns = this.deps.phones.enabled && (await this.deps.templates.active('zns')) !== null;
    return { plan: template && zns ? 'template_zns' : template ? 'template' : zns ? 'zns' : 'none', zns };
  }

  async afterFollow(code: string, ctx: TurnContext): Promise<Reply[]> {
    if (!(await this.deps.follows.codesOf(ctx.userId)).includes(code)) return [];
    if (!(await this.deps.store.setIfAbsent(offeredKey(ctx.userId), String(ctx.now), OFFER_TTL_MS))) return [];
    const { plan, zns } = await this.plan();
    const how = ctx.t(`notify.follow.${plan}`);
    if (!zns || (await this.deps.phones.consent(ctx.userId))) return [{ text: how, buttons: [] }];
    return [{ text: '', buttons: [], requestUserInfo: { title: ctx.t('notify.consent.title'), subtitle: `${how} ${ctx.t('notify.consent.subtitle')}`, imageUrl: this.deps.consentImageUrl } }];
  }

  async submittedInfo(userId: string, info: { phone?: string }, at: number, t: Translate): Promise<Reply | null> {
    if (!info.phone) return null;
    const offered = await this.deps.store.exists(offeredKey(userId));
    if (!offered && (await this.deps.follows.codesOf(userId)).length === 0) return null;
    if (!this.deps.phones.enabled) return { text: t('notify.consent.unavailable'), buttons: [] };
    const masked = await this.deps.phones.save(userId, info.phone, at);
    if (!masked) return { text: t('notify.consent.invalid'), buttons: [] };
    this.log.info({ user: maskId(userId) }, 'phone kept for dossier notices');
    return { text: t('notify.consent.saved', { phone: masked }), buttons: [] };
  }

  /** The citizen follows nothing now: the phone has no purpose left. */
  async noneFollowed(userId: string): Promise<void> {
    if (await this.deps.phones.forget(userId)) this.log.info({ user: maskId(userId) }, 'phone deleted: no dossier followed');
  }

  /** A final notice settled: if that was the last followed dossier, the phone goes now. */
  async settled(record: NoticeRecord): Promise<void> {
    if (!record.final) return;
    if ((await this.deps.follows.codesOf(record.userId)).length === 0) await this.noneFollowed(record.userId);
  }

  async forget(userId: string): Promise<void> {
    await this.deps.follows.unfollowAll(userId);
    await this.deps.phones.forget(userId);
    await this.deps.store.del(offeredKey(userId));
    for (const id of await this.deps.repo.idsOfUser(userId)) await this.deps.repo.remove(id);
    await this.deps.forgetSurvey?.(userId);
    this.log.info({ user: maskId(userId) }, 'user withdrew: phone, follows and notices deleted');
  }
}
