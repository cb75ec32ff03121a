/**
 * Where the two tiers meet: which facts of a curated page an answer may state, and which must come from the
 * official record. Only facts that can be compared without reading prose are compared: the fee (sums in đồng,
 * or free) and the processing time (working days). A curated fact the record contradicts, or a curated fact
 * that is not certain while the record states one, gives way to the record; documents, steps, places and the
 * result are curated text the record cannot be matched against word for word, so they stay curated.
 */
import type { ChannelTerms, OfficialRecord } from './official.js';
import type { Aspect, Procedure } from './schema.js';

export type FactComparison = 'agrees' | 'contradicts' | 'curated_uncertain' | 'not_comparable';

/** Sums in đồng the record states for some channel (0 for free); empty when it states none. */
export function officialFeeFacts(channels: readonly ChannelTerms[]): Set<number> {
  const out = new Set<number>();
  for (const c of channels) {
    if (c.fee.kind === 'free') out.add(0);
    else if (c.fee.kind === 'charged') for (const m of c.fee.amounts) if (m.currency === 'VND') out.add(m.amount);
  }
  return out;
}

/** Working days the record states for some channel; empty when it states none in working days. */
export function officialWorkingDays(channels: readonly ChannelTerms[]): Set<number> {
  const out = new Set<number>();
  for (const c of channels) if (c.time.kind === 'known' && c.time.unit === 'working_day') out.add(c.time.amount);
  return out;
}

export function compareFee(curated: Procedure, record: OfficialRecord): FactComparison {
  const official = officialFeeFacts(record.channels);
  if (official.size === 0) return 'not_comparable';
  const stated = curated.fees.filter((f) => f.certainty === 'confirmed' && (f.kind === 'free' || f.kind === 'amount'));
  if (stated.length === 0) return 'curated_uncertain';
  const sums = stated.map((f) => (f.kind === 'free' ? 0 : f.amountVnd!));
  // Curated pages also list conditional sums (a late fee, an extra copy): one shared sum is agreement.
  return sums.some((s) => official.has(s)) ? 'agrees' : 'contradicts';
}

export function compareDuration(curated: Procedure, record: OfficialRecord): FactComparison {
  const official = officialWorkingDays(record.channels);
  if (official.size === 0) return 'not_comparable';
  const d = curated.duration;
  if (d.certainty !== 'confirmed' || d.workingDays === undefined) return 'curated_uncertain';
  return official.has(d.workingDays) ? 'agrees' : 'contradicts';
}

/** The aspects of a curated page whose facts an answer takes from the official record instead. */
export function officialAspects(curated: Procedure, record: OfficialRecord | undefined): ReadonlySet<Aspect> {
  const out = new Set<Aspect>();
  if (!record) return out;
  const yields = (c: FactComparison) => c === 'contradicts' || c === 'curated_uncertain';
  if (yields(compareFee(curated, record))) out.add('fee');
  if (yields(compareDuration(curated, record))) out.add('duration');
  return out;
}
