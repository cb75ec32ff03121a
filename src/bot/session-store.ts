import type { Store } from '../store/ports.js';
import { newSession, type Language, type Session } from '../dialogue/types.js';

const LANGUAGE_TTL_MS = 365 * 24 * 3600 * 1000;

/**
 * Conversation state per user: the session expires after a period of silence, while the user's
 * chosen language is remembered separately for a year.
 */
export class SessionStore {
  constructor(
    private readonly store: Store,
    private readonly ttlMs: number,
  ) {}

  async load(userId: string): Promise<Session> {
    const [raw, lang] = await this.store.mget([`session:${userId}`, `lang:${userId}`]);
    let session: Session | null = null;
    if (raw) {
      try {
        session = JSON.parse(raw) as Session;
      } catch {
        session = null;
      }
    }
    if (!session) session = newSession(userId);
    if (lang === 'vi' || lang === 'en') {
      session.language = lang as Language;
      session.languageChosen = true;
    }
    return session;
  }

  async save(session: Session): Promise<void> {
    session.updatedAt = Date.now();
    await this.store.set(`session:${session.userId}`, JSON.stringify(session), { ttlMs: this.ttlMs });
    if (session.languageChosen) await this.store.set(`lang:${session.userId}`, session.language, { ttlMs: LANGUAGE_TTL_MS });
  }

  async forget(userId: string): Promise<void> {
    await this.store.del(`session:${userId}`, `lang:${userId}`);
  }
}
