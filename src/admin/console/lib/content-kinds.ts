import type { ContentKind } from '../../api-types.js';

/** The kinds of content the console edits with one draft → publish → versions flow, and their words and addresses. */
export interface KindInfo {
  /** The API's collection: /admin/api/<plural>/:id. */
  plural: string;
  /** "Thủ tục", "Ý định", "Điểm liên hệ" (a page title starts with it). */
  noun: string;
  /** The label of the button that creates one. */
  add: string;
  /** The console address of its list. */
  list: string;
}

/** Kinds edited item by item in the content editor; system sentences have their own page (SentencesPage). */
export type EditorKind = Exclude<ContentKind, 'sentence'>;

export const KINDS: Record<EditorKind, KindInfo> = {
  procedure: { plural: 'procedures', noun: 'Thủ tục', add: 'Thêm thủ tục', list: '/content' },
  intent: { plural: 'intents', noun: 'Ý định', add: 'Thêm ý định', list: '/content/intents' },
  contact: { plural: 'contacts', noun: 'Điểm liên hệ', add: 'Thêm điểm liên hệ', list: '/content/contacts' },
};

/** The kind an address names (`/content/:kind/...`); procedures when it names none. */
export function kindOf(param: string | undefined): EditorKind {
  return param === 'intent' || param === 'contact' ? param : 'procedure';
}
