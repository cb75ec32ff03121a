import type { Logger } from 'pino';
import type { ComplaintAction, ComplaintService, TurnContext } from '../bot/ports.js';
import { complaintChannels } from '../contacts/find.js';
import type { ContactPoint } from '../contacts/schema.js';
import type { Reply } from '../dialogue/types.js';
import { normalisePhone } from './complaint.js';
import type { ComplaintStore } from './complaint-store.js';
import { renderComplaintAdded, renderComplaintFiled, renderContactSaved } from './render.js';

export interface ComplaintDeskOptions {
  store: ComplaintStore;
  /** The live contacts content: the official channels named in every acknowledgement. */
  contacts: () => readonly ContactPoint[];
  /** Send Zalo's request_user_info card after the acknowledgement (COMPLAINT_REQUEST_PHONE). */
  requestPhone: boolean;
  cardImageUrl?: string;
  logger: Logger;
}

/** The bot's side of complaints: files what the dialogue collected, then says so. */
export class ComplaintDesk implements ComplaintService {
  private readonly log: Logger;

  constructor(private readonly opts: ComplaintDeskOptions) {
    this.log = opts.logger.child({ module: 'complaints' });
  }

  async file(action: ComplaintAction, ctx: TurnContext): Promise<Reply[]> {
    const identity = ctx.identity ?? `${ctx.userId}:${ctx.now}`;
    const input = { identity, userId: ctx.userId, text: action.text, at: ctx.now };
    if (action.append && ctx.session.complaintRef) {
      const added = await this.opts.store.append(ctx.session.complaintRef, input);
      if (added) {
        this.log.info({ ref: added.ref, parts: added.parts.length }, 'complaint added to');
        return [renderComplaintAdded(added.ref, ctx.language, ctx.t)];
      }
    }
    const complaint = await this.opts.store.file({ ...input, language: ctx.language });
    ctx.session.complaintRef = complaint.ref;
    this.log.info({ ref: complaint.ref }, 'complaint filed');
    const card = this.opts.requestPhone ? { ...(this.opts.cardImageUrl ? { imageUrl: this.opts.cardImageUrl } : {}) } : null;
    return renderComplaintFiled(complaint.ref, complaintChannels(this.opts.contacts()), ctx.language, ctx.t, card);
  }

  async forget(userId: string): Promise<void> {
    const n = await this.opts.store.forgetUser(userId);
    if (n > 0) this.log.info({ complaints: n }, 'complaints anonymised after a data-deletion request');
  }

  async attachContact(userId: string, info: { phone?: string; name?: string }, ctx: Pick<TurnContext, 'language' | 't' | 'now'>): Promise<Reply | null> {
    const phone = normalisePhone(info.phone);
    if (!phone && !info.name) return null;
    const complaint = await this.opts.store.attachContact(userId, { ...(phone ? { phone } : {}), ...(info.name ? { name: info.name.slice(0, 100) } : {}) }, ctx.now);
    if (!complaint) return null;
    this.log.info({ ref: complaint.ref }, 'complaint: citizen shared a phone');
    return renderContactSaved(complaint.ref, ctx.language, ctx.t);
  }
}
