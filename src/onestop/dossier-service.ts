import type { Logger } from 'pino';
import type { DossierAction, DossierService, TurnContext } from '../bot/ports.js';
import type { Reply, Translate } from '../dialogue/types.js';
import type { Store } from '../store/ports.js';
import { checkDossierCode, DOSSIER_CODE_EXAMPLE } from './codes.js';
import type { FollowRegistry } from './follows.js';
import { dossierButtons, renderDossierStatus, statusLabel } from './render.js';
import { FINAL_STATUSES, OnestopUnavailableError, type DossierLookupResult, type OnestopPort } from './types.js';

/**
 * The dossier part of a conversation: look-up, follow, unfollow. Every answer is one Reply; the only
 * state it changes besides the store is the session's "waiting for the second factor" mark.
 */

export interface DossierServiceOptions {
  port: OnestopPort;
  follows: FollowRegistry;
  store: Store;
  logger: Logger;
  provincePrefixes: readonly string[];
  /** Per Zalo user and hour. */
  lookupsPerHour: number;
  /** Per dossier code and hour, whoever asks. */
  lookupsPerCodePerHour: number;
  /** All users together, per minute. */
  lookupsGlobalPerMinute: number;
  /** Unknown codes per hour that raise the enumeration alert. */
  unknownCodesAlertPerHour: number;
  maxFollows: number;
  portalUrl?: string;
  onLookup?: (outcome: LookupOutcome) => void;
  /** Called once per hour when the unknown codes reach the alert threshold. */
  onAlert?: (alert: 'dossier_code_enumeration') => void;
}

export type LookupOutcome = 'found' | 'not_found' | 'unavailable' | 'malformed' | 'rate_limited' | 'code_rate_limited' | 'busy';

const HOUR_MS = 3600_000;
const MINUTE_MS = 60_000;

export class OnestopDossierService implements DossierService {
  private readonly log: Logger;

  constructor(private readonly opts: DossierServiceOptions) {
    this.log = opts.logger.child({ module: 'dossier' });
  }

  async handle(action: DossierAction, ctx: TurnContext): Promise<Reply> {
    switch (action.type) {
      case 'lookup_dossier':
        return this.lookup(action.code, action.proof, ctx);
      case 'follow_dossier':
        return this.follow(action.code, ctx);
      case 'unfollow_dossier':
        return this.unfollow(action.code, ctx);
    }
  }

  /** Adds one to a fixed-window counter; true while it is within `max`. */
  private async within(key: string, windowMs: number, max: number, now: number): Promise<boolean> {
    const window = Math.floor(now / windowMs);
    return (await this.opts.store.incrBy(`${key}:${window}`, 1, windowMs + MINUTE_MS)) <= max;
  }

  /**
   * Counts one look-up against the user's, the code's and everyone's allowance, in that order, and names the
   * first one used up. Per user alone let five Zalo accounts read 55 sequential dossiers in 3 s.
   */
  private async lookupRefusal(userId: string, code: string, t: Translate, now: number): Promise<Reply | null> {
    const o = this.opts;
    if (!(await this.within(`dossier:rl:${userId}`, HOUR_MS, o.lookupsPerHour, now))) return this.refused('rate_limited', t('dossier.rateLimited'), t);
    if (!(await this.within(`dossier:rl:code:${code}`, HOUR_MS, o.lookupsPerCodePerHour, now))) return this.refused('code_rate_limited', t('dossier.codeRateLimited', { code }), t);
    if (!(await this.within('dossier:rl:all', MINUTE_MS, o.lookupsGlobalPerMinute, now))) return this.refused('busy', t('dossier.busy'), t);
    return null;
  }

  private refused(outcome: LookupOutcome, text: string, t: Translate): Reply {
    this.opts.onLookup?.(outcome);
    return { text, buttons: this.portalButton(t) };
  }

  /** Many unknown codes in an hour is someone walking the sequence numbers: an alert, once per hour. */
  private async countUnknownCode(now: number): Promise<void> {
    const hour = Math.floor(now / HOUR_MS);
    const count = await this.opts.store.incrBy(`dossier:unknown:${hour}`, 1, HOUR_MS + MINUTE_MS);
    if (count !== this.opts.unknownCodesAlertPerHour) return;
    this.opts.onAlert?.('dossier_code_enumeration');
    this.log.warn({ alert: 'dossier_code_enumeration', unknownCodes: count, windowStart: new Date(hour * HOUR_MS).toISOString() }, 'many unknown dossier codes tried this hour: someone may be guessing codes');
  }

  private codeProblem(raw: string, t: Translate): { code: string } | { reply: Reply } {
    const check = checkDossierCode(raw, this.opts.provincePrefixes);
    if (check.ok) return { code: check.parts.code };
    this.opts.onLookup?.('malformed');
    const key = check.reason === 'malformed' ? 'dossier.malformed' : 'dossier.otherProvince';
    return { reply: { text: t(key, { code: check.code || raw, example: DOSSIER_CODE_EXAMPLE }), buttons: this.portalButton(t) } };
  }

  private portalButton(t: Translate): Reply['buttons'] {
    return this.opts.portalUrl ? [{ kind: 'url', title: t('dossier.button.portal'), url: this.opts.portalUrl }] : [];
  }

  private unavailable(code: string, t: Translate, following: boolean): Reply {
    this.opts.onLookup?.('unavailable');
    return {
      text: t(following ? 'dossier.unavailableFollowing' : 'dossier.unavailable', { code }),
      buttons: dossierButtons(code, t, { portalUrl: this.opts.portalUrl, following }),
    };
  }

  private async lookup(raw: string, proof: string | undefined, ctx: TurnContext): Promise<Reply> {
    const { t } = ctx;
    const checked = this.codeProblem(raw, t);
    if ('reply' in checked) return checked.reply;
    const code = checked.code;
    const refusal = await this.lookupRefusal(ctx.userId, code, t, ctx.now);
    if (refusal) return refusal;
    const following = await this.isFollowing(ctx.userId, code);
    let result: DossierLookupResult | null;
    try {
      // Proven once ("3456" after the first look-up), the owner is not asked again when asking again ("bao giờ xong").
      const proven = proof === undefined && (await this.opts.follows.ownerProven(ctx.userId, code));
      result = await this.opts.port.lookupDossier(code, proof, proven ? { ownerProven: true } : {});
    } catch (err) {
      if (err instanceof OnestopUnavailableError) return this.unavailable(code, t, following);
      throw err;
    }
    if (!result) {
      this.opts.onLookup?.('not_found');
      await this.countUnknownCode(ctx.now);
      return { text: t('dossier.notFound', { code }), buttons: this.portalButton(t) };
    }
    this.opts.onLookup?.('found');
    if (result.ownerVerified === true) await this.opts.follows.recordOwnership(ctx.userId, code);
    // Asking for the second factor: the dialogue reads the next message as the proof for this code.
    if (result.ownerVerified === false && !result.proofRejected) {
      ctx.session.awaiting = 'dossier_proof';
      ctx.session.pendingDossierCode = code;
    } else if (ctx.session.pendingDossierCode === code) {
      delete ctx.session.awaiting;
      delete ctx.session.pendingDossierCode;
    }
    return renderDossierStatus(result, t, { portalUrl: this.opts.portalUrl, following });
  }

  private async isFollowing(userId: string, code: string): Promise<boolean> {
    return (await this.opts.follows.codesOf(userId)).includes(code);
  }

  private async follow(raw: string, ctx: TurnContext): Promise<Reply> {
    const { t } = ctx;
    const checked = this.codeProblem(raw, t);
    if ('reply' in checked) return checked.reply;
    const code = checked.code;
    const unfollowButton = dossierButtons(code, t, { following: true, portalUrl: this.opts.portalUrl });
    if (await this.isFollowing(ctx.userId, code)) return { text: t('dossier.follow.already', { code }), buttons: unfollowButton };
    const current = await this.opts.follows.codesOf(ctx.userId);
    if (current.length >= this.opts.maxFollows) return { text: t('dossier.follow.limit', { max: this.opts.maxFollows }), buttons: [] };
    const refusal = await this.lookupRefusal(ctx.userId, code, t, ctx.now);
    if (refusal) return refusal;

    let result: DossierLookupResult | null = null;
    let unavailable = false;
    try {
      result = await this.opts.port.lookupDossier(code);
      if (!result) {
        await this.countUnknownCode(ctx.now);
        return { text: t('dossier.notFound', { code }), buttons: this.portalButton(t) };
      }
    } catch (err) {
      if (!(err instanceof OnestopUnavailableError)) throw err;
      // The citizen was offered to follow precisely because the system is down: follow with no known status.
      unavailable = true;
    }
    if (result && FINAL_STATUSES.has(result.status)) {
      return { text: t('dossier.follow.final', { code, status: statusLabel(result, t) }), buttons: this.portalButton(t) };
    }
    const outcome = await this.opts.follows.follow(ctx.userId, code, ctx.language, result?.status ?? '', ctx.now);
    if (outcome === 'limit') return { text: t('dossier.follow.limit', { max: this.opts.maxFollows }), buttons: [] };
    if (outcome === 'already') return { text: t('dossier.follow.already', { code }), buttons: unfollowButton };
    this.log.info({ unavailable }, 'dossier followed');
    const lines = [t('dossier.follow.done', { code })];
    if (result) lines.push(t('dossier.line.status', { status: statusLabel(result, t) }));
    return { text: lines.join('\n'), buttons: unfollowButton };
  }

  private async unfollow(raw: string | null, ctx: TurnContext): Promise<Reply> {
    const { t } = ctx;
    if (raw === null || raw.trim() === '') {
      const codes = await this.opts.follows.unfollowAll(ctx.userId);
      return { text: codes.length > 0 ? t('dossier.unfollow.all', { count: codes.length, codes: codes.join(', ') }) : t('dossier.unfollow.none'), buttons: [] };
    }
    const checked = this.codeProblem(raw, t);
    if ('reply' in checked) return checked.reply;
    const removed = await this.opts.follows.unfollow(ctx.userId, checked.code);
    return { text: t(removed ? 'dossier.unfollow.done' : 'dossier.unfollow.notFollowing', { code: checked.code }), buttons: [] };
  }
}
