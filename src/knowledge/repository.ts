import { buildMatcher } from '../nlu/matcher.js';
import type { Matcher } from '../nlu/types.js';
import type { ContentError, LoadResult } from './loader.js';
import type { KnowledgeBase } from './schema.js';

/** The content one message is answered with: a knowledge base and the matcher built for it. */
export interface LiveSnapshot {
  kb: KnowledgeBase;
  matcher: Matcher;
  version: string;
}

export type ReloadOutcome = { ok: true; version: string; changed: boolean } | { ok: false; errors: ContentError[] };

export type ContentListener = (snapshot: LiveSnapshot) => void;

/**
 * Holds the live content in memory. A new version is fully built (matcher included) before it replaces the
 * old one in a single assignment, so a message in flight always sees one complete version; a failed load or
 * build leaves the last good content live.
 */
export class ContentRepository {
  private snapshot: LiveSnapshot;
  private readonly listeners = new Set<ContentListener>();

  constructor(kb: KnowledgeBase, private readonly build: (kb: KnowledgeBase) => Matcher = (k) => buildMatcher(k)) {
    this.snapshot = { kb, matcher: this.build(kb), version: kb.version };
  }

  current(): LiveSnapshot {
    return this.snapshot;
  }

  /** Builds the matcher for `kb`, then swaps. Throws (and keeps the old content) if the build fails. */
  replace(kb: KnowledgeBase): LiveSnapshot {
    const next: LiveSnapshot = { kb, matcher: this.build(kb), version: kb.version };
    this.snapshot = next;
    for (const l of this.listeners) l(next);
    return next;
  }

  /** Loads with `load`; on errors (or an exception) the current content stays live and the errors come back. */
  async tryReload(load: () => Promise<LoadResult>): Promise<ReloadOutcome> {
    let result: LoadResult;
    try {
      result = await load();
    } catch (err) {
      return { ok: false, errors: [{ file: '(load)', line: 0, field: '(root)', message: (err as Error).message }] };
    }
    if ('errors' in result) return { ok: false, errors: result.errors };
    if (result.kb.version === this.snapshot.version) return { ok: true, version: this.snapshot.version, changed: false };
    try {
      this.replace(result.kb);
    } catch (err) {
      return { ok: false, errors: [{ file: '(matcher)', line: 0, field: '(root)', message: (err as Error).message }] };
    }
    return { ok: true, version: result.kb.version, changed: true };
  }

  /** Called after every swap (e.g. to log the version or clear caches). Returns an unsubscribe function. */
  onChange(listener: ContentListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
