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
    const out: ConversationEntry[] = [];
    let citizen = 0;
    for (const e of older) {
      if (e.from === 'citizen' && ++citizen > turns) break;
      out.push(e);
    }
    return out.reverse();
  }

  async forget(userId: string): Promise<void> {
    await this.store.del(key(userId));
  }
}
