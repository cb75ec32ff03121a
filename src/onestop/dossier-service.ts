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
  lookupsPerHour: number;
  maxFollows: number;
  portalUrl?: string;
  onLookup?: (outcome: 'found' | 'not_found' | 'unavailable' | 'malformed' | 'rate_limited') => void;
}

const HOUR_MS = 3600_000;

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

  /** Counts one look-up for the user; false when the hourly allowance is used up. */
  private async allowLookup(userId: string, now: number): Promise<boolean> {
    const window = Math.floor(now / HOUR_MS);
    const count = await this.opts.store.incrBy(`dossier:rl:${userId}:${window}`, 1, HOUR_MS + 60_000);
    return count <= this.opts.lookupsPerHour;
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

  private rateLimited(t: Translate): Reply {
    this.opts.onLookup?.('rate_limited');
    return { text: t('dossier.rateLimited'), buttons: this.portalButton(t) };
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
    if (!(await this.allowLookup(ctx.userId, ctx.now))) return this.rateLimited(t);
    const following = await this.isFollowing(ctx.userId, code);
    let result: DossierLookupResult | null;
    try {
      result = await this.opts.port.lookupDossier(code, proof);
    } catch (err) {
      if (err instanceof OnestopUnavailableError) return this.unavailable(code, t, following);
      throw err;
    }
    if (!result) {
      this.opts.onLookup?.('not_found');
      return { text: t('dossier.notFound', { code }), buttons: this.portalButton(t) };
    }
    this.opts.onLookup?.('found');
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
    if (!(await this.allowLookup(ctx.userId, ctx.now))) return this.rateLimited(t);

    let result: DossierLookupResult | null = null;
    let unavailable = false;
    try {
      result = await this.opts.port.lookupDossier(code);
      if (!result) return { text: t('dossier.notFound', { code }), buttons: this.portalButton(t) };
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
