import type { KnowledgeBase } from '../knowledge/schema.js';
import { foldDiacritics } from './normalise.js';
import { caseSpaced } from './stated-case.js';
import type { UnderstandContext, Understanding } from './types.js';

/**
 * How long the paper just talked about stays valid, asked ("giấy đó dùng được bao lâu, có hết hạn không", "xài được
 * mấy năm, hết hạn phải làm lại hả"): that procedure's result. "Hết hạn" is also what extending a temporary residence
 * is for; with no residence named and none talked about, it is the paper's own expiry. Folded, spaced.
 */
const EXPIRY_ASKED = / (?:het han|(?:dung|xai|co gia tri|gia tri) (?:duoc |dc )?(?:bao lau|may nam|may thang|trong bao lau)) /;
const RESIDENCE = / (?:tam tru|thuong tru|cu tru|ho khau|tam vang) /;

/** The temporary residence's procedures, found by their names: the extension ("Gia hạn tạm trú") and all of them. */
export interface TemporaryResidence {
  extension: string;
  family: ReadonlySet<string>;
}

export function temporaryResidence(kb: KnowledgeBase): TemporaryResidence | null {
  const named = kb.procedures.map((p) => ({ id: p.id, name: foldDiacritics(p.name.vi.toLowerCase()) })).filter((p) => / tam tru\b/.test(` ${p.name}`));
  const extension = named.find((p) => p.name.startsWith('gia han tam tru'));
  return extension ? { extension: extension.id, family: new Set(named.map((p) => p.id)) } : null;
}

export function validityAsked(u: Understanding, context: UnderstandContext, nationalCodes: ReadonlyMap<string, string | null>, residence: TemporaryResidence | null): Understanding | null {
  const last = context.lastProcedureId;
  if (!residence || !last || !nationalCodes.has(last) || residence.family.has(last) || u.intent !== 'procedure' || (context.pendingCandidates?.length ?? 0) > 0) return null;
  // Only a reading the expiry led astray: the extension answered or offered first.
  if (u.procedureId !== residence.extension) return null;
  const spaced = caseSpaced(u.text);
  if (!EXPIRY_ASKED.test(spaced) || RESIDENCE.test(spaced)) return null;
  return { ...u, decision: 'answer', procedureId: last, nationalCode: nationalCodes.get(last) ?? null, aspect: 'result', alternatives: [], followUp: true, narrow: true };
}
