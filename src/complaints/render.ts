import type { ContactPoint } from '../contacts/schema.js';
import { finishReply, pick } from '../dialogue/limits.js';
import { payload } from '../dialogue/payload.js';
import type { Language, Reply, ReplyButton, Translate } from '../dialogue/types.js';

/** What the bot says in the complaint conversation; every sentence comes from locales (complaints.*). */

const menuButton = (t: Translate): ReplyButton => ({ kind: 'query', title: t('common.button.menu'), payload: payload.intent('help') });

export function renderAskComplaint(_lang: Language, t: Translate): Reply {
  return finishReply(t('complaints.askContent'), [menuButton(t)]);
}

export function renderAskMore(ref: string, _lang: Language, t: Translate): Reply {
  return finishReply(t('complaints.askMore', { ref }), [menuButton(t)]);
}

export function renderComplaintCancelled(_lang: Language, t: Translate): Reply {
  return finishReply(t('complaints.cancelled'), [menuButton(t), { kind: 'query', title: t('common.button.handoff'), payload: payload.intent('handoff') }]);
}

/** "Cổng DVC quốc gia: https://…" / "Đường dây nóng: 1800…" lines and buttons for the official channels. */
export function channelLinesAndButtons(channels: readonly ContactPoint[], lang: Language, t: Translate): { lines: string[]; buttons: ReplyButton[] } {
  const lines: string[] = [];
  const buttons: ReplyButton[] = [];
  for (const c of channels) {
    const name = pick(c.name, lang, () => undefined);
    const number = c.hotline ?? c.phone;
    if (c.url) {
      lines.push(t('complaints.channelUrl', { name, url: c.url }));
      buttons.push({ kind: 'url', title: t('complaints.button.portal'), url: c.url });
    }
    if (number) {
      lines.push(t('complaints.channelPhone', { name, phone: number }));
      buttons.push({ kind: 'phone', title: t('contacts.button.call', { phone: number }), phone: number });
    }
  }
  return { lines, buttons };
}

/** The acknowledgement, sent only after the complaint is stored: its reference, what happens next, the official channels. */
export function renderComplaintFiled(ref: string, channels: readonly ContactPoint[], lang: Language, t: Translate, consentCard: { imageUrl?: string } | null): Reply[] {
  const { lines, buttons } = channelLinesAndButtons(channels, lang, t);
  const text = [t('complaints.filed', { ref }), ...(lines.length ? [t('complaints.channelsIntro'), ...lines] : []), consentCard ? t('complaints.phoneAsk') : '']
    .filter(Boolean)
    .join('\n');
  const reply = finishReply(text, [{ kind: 'query', title: t('complaints.button.add'), payload: payload.complaintAdd() }, ...buttons.slice(0, 2), menuButton(t)]);
  if (!consentCard) return [reply];
  const card: Reply = {
    text: '',
    buttons: [],
    requestUserInfo: { title: t('complaints.card.title'), subtitle: t('complaints.card.subtitle', { ref }), ...(consentCard.imageUrl ? { imageUrl: consentCard.imageUrl } : {}) },
  };
  return [reply, card];
}

export function renderComplaintAdded(ref: string, _lang: Language, t: Translate): Reply {
  return finishReply(t('complaints.added', { ref }), [{ kind: 'query', title: t('complaints.button.add'), payload: payload.complaintAdd() }, menuButton(t)]);
}

export function renderContactSaved(ref: string, _lang: Language, t: Translate): Reply {
  return finishReply(t('complaints.contactSaved', { ref }), [menuButton(t)]);
}

/** Staff's answer as the citizen reads it. */
export function renderStaffAnswer(ref: string, text: string, t: Translate): Reply {
  return finishReply(t('complaints.answer', { ref, text }), [menuButton(t)]);
}
