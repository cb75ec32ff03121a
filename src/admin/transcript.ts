import type { ConversationEntry, TranscriptSink } from '../bot/ports.js';
import type { Store } from '../store/ports.js';

/**
 * The last turns of each citizen's conversation with the bot, so staff who take over see what happened
 * before the hand-off. Short-lived (a day), capped, masked before it is stored (the text is only ever shown
 * to staff), and deleted on a data-deletion request.
 */

const key = (userId: string) => `transcript:${userId}`;
/** Entries kept per citizen (a turn is usually two: the message and the reply). */
const MAX_ENTRIES = 100;
const TTL_MS = 24 * 3600 * 1000;
/** Characters kept of one bot reply: staff need the gist, not the whole procedure sheet. */
const BOT_TEXT_CHARS = 400;

export class ConversationTranscript implements TranscriptSink {
  constructor(
    private readonly store: Store,
    /** Masks personal data (ID numbers, phones, addresses) in what the citizen typed. */
    private readonly mask: (text: string) => string,
  ) {}

  async record(userId: string, entries: ConversationEntry[]): Promise<void> {
    for (const e of entries) {
      const text = e.from === 'citizen' ? this.mask(e.text) : Array.from(e.text).slice(0, BOT_TEXT_CHARS).join('');
      await this.store.lpushCapped(key(userId), JSON.stringify({ ...e, text }), MAX_ENTRIES);
    }
    await this.store.expire(key(userId), TTL_MS);
  }

  /** Up to `turns` citizen messages (with the replies that followed them) before `before`, oldest first. */
  async before(userId: string, before: number, turns: number): Promise<ConversationEntry[]> {
    if (turns <= 0) return [];
    const raw = await this.store.lrange(key(userId), 0, MAX_ENTRIES - 1);
    const older = raw.map((r) => JSON.parse(r) as ConversationEntry).filter((e) => e.at <= before);
    return turnsBackward(older, turns).reverse();
  }

  /**
   * The conversation around the message of `at` (for the review list): up to `turns.before` citizen messages
   * before it, and from it on the message, its reply and up to `turns.after` later messages, oldest first.
   */
  async around(userId: string, at: number, turns: { before: number; after: number }): Promise<{ before: ConversationEntry[]; after: ConversationEntry[] }> {
    const raw = await this.store.lrange(key(userId), 0, MAX_ENTRIES - 1);
    const all = raw.map((r) => JSON.parse(r) as ConversationEntry).reverse();
    const before = turnsBackward(all.filter((e) => e.at < at).reverse(), turns.before).reverse();
    const after = takeTurns(all.filter((e) => e.at >= at), turns.after + 1);
    return { before, after };
  }

  async forget(userId: string): Promise<void> {
    await this.store.del(key(userId));
  }
}

/** Entries from the start of `entries` up to (not including) the citizen message after the `turns`-th. */
function takeTurns(entries: ConversationEntry[], turns: number): ConversationEntry[] {
  const out: ConversationEntry[] = [];
  let citizen = 0;
  for (const e of entries) {
    if (e.from === 'citizen' && ++citizen > turns) break;
    out.push(e);
  }
  return out;
}

/**
 * Walking newest first, a reply comes before the message it answers: the reply of the citizen message just
 * past the limit is dropped, so the window never opens on an answer without its question.
 */
function turnsBackward(newestFirst: ConversationEntry[], turns: number): ConversationEntry[] {
  const out = takeTurns(newestFirst, turns);
  const cut = out.length < newestFirst.length;
  while (cut && out.length > 0 && out[out.length - 1]!.from !== 'citizen') out.pop();
  return out;
}
