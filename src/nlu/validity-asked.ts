import { caseSpaced } from './stated-case.js';
import type { UnderstandContext, Understanding } from './types.js';

/**
 * How long the paper just talked about stays valid, asked ("giấy đó dùng được bao lâu, có hết hạn không", "xài được
 * mấy năm, hết hạn phải làm lại hả"): that procedure's result. "Hết hạn" is also what extending a temporary residence
 * is for; with no residence named and none talked about, it is the paper's own expiry. Folded, spaced.
 */
const EXPIRY_ASKED = / (?:het han|(?:dung|xai|co gia tri|gia tri) (?:duoc |dc )?(?:bao lau|may nam|may thang|trong bao lau)) /;
const RESIDENCE = / (?:tam tru|thuong tru|cu tru|ho khau|tam vang) /;
/** The procedure that "hết hạn" alone reads as. */
const EXTENSION_ID = 'gia-han-tam-tru';
const RESIDENCE_IDS: ReadonlySet<string> = new Set(['dang-ky-tam-tru', 'gia-han-tam-tru', 'xoa-dang-ky-tam-tru']);

export function validityAsked(u: Understanding, context: UnderstandContext, nationalCodes: ReadonlyMap<string, string | null>): Understanding | null {
  const last = context.lastProcedureId;
  if (!last || !nationalCodes.has(last) || RESIDENCE_IDS.has(last) || u.intent !== 'procedure' || (context.pendingCandidates?.length ?? 0) > 0) return null;
  // Only a reading the expiry led astray: the extension answered or offered first.
  if (u.procedureId !== EXTENSION_ID) return null;
  const spaced = caseSpaced(u.text);
  if (!EXPIRY_ASKED.test(spaced) || RESIDENCE.test(spaced)) return null;
  return { ...u, decision: 'answer', procedureId: last, nationalCode: nationalCodes.get(last) ?? null, aspect: 'result', alternatives: [], followUp: true, narrow: true };
}
