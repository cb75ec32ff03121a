import { createHash } from 'node:crypto';

/**
 * What the bot may show of a dossier's owner: a masked name, and only after a second factor. The raw ID
 * number, phone and address never leave the adapter; only digests of their last 4 digits are kept.
 */

/** "Nguyễn Văn An" → "Nguyễn V*** A": the family name, then initials; middle names hidden further. */
export function maskOwnerName(fullName: string | undefined | null): string | undefined {
  if (!fullName) return undefined;
  const words = fullName.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const initial = (w: string) => Array.from(w)[0]!.toUpperCase();
  if (words.length === 1) return `${initial(words[0]!)}***`;
  const [family, ...others] = words;
  const last = others.pop()!;
  return [family!, ...others.map((w) => `${initial(w)}***`), initial(last)].join(' ');
}

function digest(code: string, last4: string): string {
  return createHash('sha256').update(`${code}:${last4}`).digest('hex');
}

/** Last 4 digits of a value such as an ID number or phone; null when it has fewer than 4 digits. */
export function lastFourDigits(value: string | undefined | null): string | null {
  const digits = (value ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

/** Digests the adapter keeps for the owner's ID number and phone. */
export function proofDigests(code: string, ...values: (string | undefined | null)[]): string[] {
  const out: string[] = [];
  for (const v of values) {
    const last4 = lastFourDigits(v);
    if (last4) out.push(digest(code, last4));
  }
  return out;
}

/** True when the citizen's proof (last 4 digits, or the full number) matches the owner's ID or phone. */
export function proofMatches(code: string, proof: string, digests: readonly string[]): boolean {
  const last4 = lastFourDigits(proof);
  return last4 !== null && digests.includes(digest(code, last4));
}
