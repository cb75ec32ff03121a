import type { ComplaintStore } from '../complaints/complaint-store.js';
import type { Language, Translate } from '../dialogue/types.js';
import type { ComplaintSink } from './satisfaction.js';

/**
 * The satisfaction survey's "not satisfied" comments as complaints in the complaints queue (issue 11): filed once
 * per citizen and dossier, in the citizen's words with what the dossier was, so staff can answer them there.
 */
export function complaintQueueSink(store: Pick<ComplaintStore, 'file'>, tFor: (lng: Language) => Translate): ComplaintSink {
  return {
    async submit(c) {
      const t = tFor(c.language);
      const about = [c.procedureName, c.agency].filter(Boolean).join(', ');
      const text = t('notify.satisfaction.complaint', { code: c.code, about: about ? ` (${about})` : '', comment: c.comment });
      const filed = await store.file({ identity: `satisfaction:${c.userId}:${c.code}`, userId: c.userId, text, language: c.language, at: c.at });
      return { ref: filed.ref };
    },
  };
}
