import { isQuiet, quietEndsAt, type QuietHours } from '../announcements/quiet-hours.js';
import type { ZaloErrorKind, ZaloErrorSource } from '../zalo/errors.js';
import type { NoticeChannel } from './types.js';

/**
 * What a failed step means for the chain (reference §3.6, §3.9, §4): try the next channel, run the whole chain
 * again later (transient), wait for the morning (night, daily limit), stop without resending (a timeout may
 * have delivered), or give up on this citizen for now. Pure: a function of the channel, the error and the clock.
 */

/** ZNS is not sent 22:00–06:00 Vietnam time (-133); the chain holds it until 06:00 rather than calling. */
export const ZNS_NIGHT: QuietHours = { start: 22, end: 6 };

export type StepDecision =
  | { decision: 'next'; reason: string }
  | { decision: 'retry'; reason: string }
  | { decision: 'hold'; reason: string; until: number }
  | { decision: 'uncertain'; reason: string }
  | { decision: 'unreachable'; reason: string };

/** The parts of a ZaloApiError the decision reads. */
export interface StepError {
  code: number;
  kind: ZaloErrorKind;
  source: ZaloErrorSource;
}

const DAY_MS = 86_400_000;
const VN_OFFSET_MS = 7 * 3600_000;

export function isZnsNight(now: number): boolean {
  return isQuiet(ZNS_NIGHT, now);
}

/** 06:00 Vietnam time after tonight: when ZNS may be sent again (now itself in daytime). */
export function znsMorning(now: number): number {
  return quietEndsAt(ZNS_NIGHT, now);
}

/** The first 06:00 Vietnam time of the next calendar day: a daily limit (-144) counts per day. */
export function nextDayMorning(now: number): number {
  const local = now + VN_OFFSET_MS;
  const nextMidnight = local - (local % DAY_MS) + DAY_MS - VN_OFFSET_MS;
  return quietEndsAt(ZNS_NIGHT, nextMidnight);
}

/** Consultation: refused because the citizen has not written within 7 days, or for reasons tied to this citizen. */
const CS_REASONS: Record<number, string> = {
  [-230]: 'outside_window',
  [-232]: 'outside_window',
  [-213]: 'not_follower',
  [-217]: 'user_blocked_oa',
  [-218]: 'user_receive_quota',
  [-227]: 'user_inactive',
  [-244]: 'user_restricted_type',
  [-201]: 'invalid_request',
  [-210]: 'invalid_request',
  [-233]: 'invalid_request',
  [-211]: 'oa_out_of_quota',
};

const TEMPLATE_REASONS: Record<number, string> = {
  [-249]: 'template_not_by_uid',
  [-131]: 'template_not_approved',
  [-230]: 'no_recent_interaction',
  [-232]: 'no_recent_interaction',
  [-213]: 'not_follower',
  [-217]: 'user_blocked_oa',
  [-244]: 'user_restricted_type',
  [-211]: 'oa_out_of_quota',
  [-201]: 'invalid_request',
};

/** ZNS answers that mean this citizen cannot be reached by phone at all (the last channel). */
const ZNS_UNREACHABLE: Record<number, string> = {
  [-108]: 'phone_invalid',
  [-118]: 'no_zalo_account',
  [-114]: 'user_cannot_receive',
  [-119]: 'user_cannot_receive',
  [-131]: 'template_not_approved',
  [-201]: 'invalid_request',
};

/** ZNS answers worth retrying later: the OA's quota or balance ran out (ops must top up), a charge failed. */
const ZNS_RETRY: Record<number, string> = {
  [-115]: 'zns_quota_or_balance',
  [-137]: 'zns_charge_failed',
};

function common(err: StepError): StepDecision | null {
  // The Zalo client already retried transient failures and refreshed a rejected token once.
  if (err.source === 'timeout') return { decision: 'uncertain', reason: 'timeout' };
  if (err.kind === 'transient') return { decision: 'retry', reason: 'transient' };
  if (err.kind === 'token') return { decision: 'retry', reason: 'token' };
  return null;
}

export function classifyStepError(channel: NoticeChannel, err: StepError, now: number): StepDecision {
  const shared = common(err);
  if (shared) return shared;
  switch (channel) {
    case 'consultation':
      return { decision: 'next', reason: CS_REASONS[err.code] ?? 'refused' };
    case 'template':
      return { decision: 'next', reason: TEMPLATE_REASONS[err.code] ?? 'refused' };
    case 'zns':
      if (err.code === -133) return { decision: 'hold', reason: 'zns_night', until: znsMorning(now) > now ? znsMorning(now) : nextDayMorning(now) };
      if (err.code === -144) return { decision: 'hold', reason: 'zns_daily_limit', until: nextDayMorning(now) };
      if (ZNS_RETRY[err.code]) return { decision: 'retry', reason: ZNS_RETRY[err.code]! };
      return { decision: 'unreachable', reason: ZNS_UNREACHABLE[err.code] ?? 'refused' };
  }
}
