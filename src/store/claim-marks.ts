/**
 * Once-only sends: one mark per thing to send (an announcement to a user, one part of a reply), claimed in the
 * store just before the send and settled with its outcome just after. A process that dies between the two
 * leaves the claim behind, so whoever comes next knows the send may have happened and asks the platform
 * before sending again, instead of sending blindly. Announcements (`announcements/ledger.ts`) and replies
 * (`bot/reply-delivery.ts`) share these marks, their encoding and the scripts that change them atomically.
 *
 * Mark values: absent (never claimed), `p:<time>[:<owner>]` (claimed, outcome unknown), `r:` (released: certainly
 * not sent, may be claimed again), anything else is settled (the caller's outcome, e.g. `s:<message id>`).
 */

export type Claim =
  | { state: 'fresh' }
  | { state: 'retry' }
  /** Claimed at `since` by `owner` (an instance id, when the claimer gave one) and never settled. */
  | { state: 'pending'; since: number; owner?: string }
  | { state: 'settled'; value: string };

export const PENDING_PREFIX = 'p:';
export const RELEASED = 'r:';

/** The claim stamp written after `p:`: the claim time and, optionally, who claimed. */
export function claimStamp(now: number, owner?: string): string {
  return owner ? `${now}:${owner}` : String(now);
}

/** What a claim script answered for one field ('fresh', 'retry' or the value it found), as a Claim. */
export function parseClaim(prev: string | null): Claim {
  if (prev === null || prev === 'fresh') return { state: 'fresh' };
  if (prev === 'retry' || prev === RELEASED) return { state: 'retry' };
  if (prev.startsWith(PENDING_PREFIX)) {
    const [since, owner] = prev.slice(PENDING_PREFIX.length).split(':');
    return owner ? { state: 'pending', since: Number(since), owner } : { state: 'pending', since: Number(since) };
  }
  return { state: 'settled', value: prev };
}

/** True for a value a settle may replace (no outcome recorded yet). */
export function isOpen(value: string | null): boolean {
  return value === null || value.startsWith(PENDING_PREFIX) || value === RELEASED;
}

// KEYS[1] the marks hash; ARGV[1] the claim stamp, ARGV[2] TTL ms, ARGV[3..] the fields. Per field: absent or
// released becomes pending ('fresh' / 'retry' is answered), anything else is answered as it is.
export const CLAIM_LUA = `local out = {}
for i = 3, #ARGV do
  local prev = redis.call('HGET', KEYS[1], ARGV[i])
  if not prev then
    redis.call('HSET', KEYS[1], ARGV[i], 'p:' .. ARGV[1])
    out[#out + 1] = 'fresh'
  elseif string.sub(prev, 1, 2) == 'r:' then
    redis.call('HSET', KEYS[1], ARGV[i], 'p:' .. ARGV[1])
    out[#out + 1] = 'retry'
  else
    out[#out + 1] = prev
  end
end
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return out`;

// KEYS[1] the marks hash; ARGV[1] the field. Pending becomes released; anything else stays.
export const RELEASE_LUA = `local prev = redis.call('HGET', KEYS[1], ARGV[1])
if prev and string.sub(prev, 1, 2) == 'p:' then redis.call('HSET', KEYS[1], ARGV[1], 'r:') end
return 0`;

// KEYS[1] the marks hash; ARGV[1] the field, ARGV[2] the outcome, ARGV[3] TTL ms. Records the outcome unless one is recorded.
export const SETTLE_LUA = `local prev = redis.call('HGET', KEYS[1], ARGV[1])
if prev and string.sub(prev, 1, 2) ~= 'p:' and string.sub(prev, 1, 2) ~= 'r:' then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[3]) end
return 1`;
