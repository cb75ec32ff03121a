import { ASPECTS, type Aspect } from '../knowledge/schema.js';
import type { Language, SatisfactionLevel } from './types.js';

/**
 * Button payloads (see types.ts): a tap arrives as ordinary text, so every payload starts with '#'
 * and a fixed verb; typed text that merely starts with '#' is not mistaken for one.
 */
export type MenuKind = 'help' | 'handoff' | 'greeting' | 'dossier_status' | 'procedures' | 'contacts' | 'complaint';

export type Payload =
  | { kind: 'procedure'; procedureId: string; aspect: Aspect }
  | { kind: 'intent'; intent: MenuKind }
  | { kind: 'language'; language: Language }
  | { kind: 'feedback'; helpful: boolean; procedureId: string | null }
  | { kind: 'dossier'; verb: 'lookup' | 'follow' | 'unfollow'; code: string | null }
  | { kind: 'complaint'; verb: 'add' }
  | { kind: 'satisfaction'; answer: SatisfactionLevel | 'skip'; code: string };

const SATISFACTION_BY_DIGIT: Record<string, SatisfactionLevel> = { '3': 'very_satisfied', '2': 'satisfied', '1': 'unsatisfied' };
const DIGIT_OF_SATISFACTION: Record<SatisfactionLevel, string> = { very_satisfied: '3', satisfied: '2', unsatisfied: '1' };

const MENU_KINDS: readonly MenuKind[] = ['help', 'handoff', 'greeting', 'dossier_status', 'procedures', 'contacts', 'complaint'];

function isAspect(value: string): value is Aspect {
  return (ASPECTS as readonly string[]).includes(value);
}

export function parsePayload(text: string): Payload | null {
  const s = text.trim();
  if (!s.startsWith('#')) return null;
  let m = /^#p:([a-z0-9-]+)(?::([a-z]+))?$/.exec(s);
  if (m) {
    const aspect = m[2] && isAspect(m[2]) ? m[2] : 'overview';
    return { kind: 'procedure', procedureId: m[1]!, aspect };
  }
  m = /^#i:([a-z_]+)$/.exec(s);
  if (m && (MENU_KINDS as readonly string[]).includes(m[1]!)) return { kind: 'intent', intent: m[1] as MenuKind };
  m = /^#lang:(vi|en)$/.exec(s);
  if (m) return { kind: 'language', language: m[1] as Language };
  m = /^#fb:(up|down)(?::([a-z0-9-]*))?$/.exec(s);
  if (m) return { kind: 'feedback', helpful: m[1] === 'up', procedureId: m[2] ? m[2] : null };
  m = /^#d:(lookup|follow|unfollow)(?::(\S*))?$/.exec(s);
  if (m) {
    const verb = m[1] as 'lookup' | 'follow' | 'unfollow';
    const code = m[2] ? m[2].toUpperCase() : null;
    // A lookup or a follow without a code means nothing; unfollow without one means "all".
    if (!code && verb !== 'unfollow') return null;
    return { kind: 'dossier', verb, code };
  }
  if (s === '#c:add') return { kind: 'complaint', verb: 'add' };
  m = /^#sat:([123]|skip):(\S+)$/.exec(s);
  if (m) return { kind: 'satisfaction', answer: m[1] === 'skip' ? 'skip' : SATISFACTION_BY_DIGIT[m[1]!]!, code: m[2]!.toUpperCase() };
  return null;
}

export const payload = {
  procedure: (procedureId: string, aspect: Aspect): string => `#p:${procedureId}:${aspect}`,
  intent: (kind: MenuKind): string => `#i:${kind}`,
  language: (lng: Language): string => `#lang:${lng}`,
  feedback: (helpful: boolean, procedureId: string): string => `#fb:${helpful ? 'up' : 'down'}:${procedureId}`,
  dossier: (verb: 'lookup' | 'follow' | 'unfollow', code: string): string => `#d:${verb}:${code}`,
  complaintAdd: (): string => '#c:add',
  satisfaction: (answer: SatisfactionLevel | 'skip', code: string): string => `#sat:${answer === 'skip' ? 'skip' : DIGIT_OF_SATISFACTION[answer]}:${code}`,
};
