import type { i18n } from 'i18next';
import { checkOverride, type SentenceDefaults, type SentenceOverride } from '../knowledge/sentences.js';
import { LANGUAGES } from './i18n.js';

type Flat = Map<string, string>;

function flatten(node: unknown, prefix: string, out: Flat): Flat {
  if (typeof node === 'string') out.set(prefix, node);
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

export interface AppliedOverrides {
  applied: string[];
  /** Overrides left out (the default stays), with why: a key that no longer exists, a lost placeholder. */
  rejected: { id: string; errors: { field: string; message: string }[] }[];
}

/**
 * Applies the admins' sentence overrides to the i18next instance every reply is rendered with, over the
 * locale files' defaults (kept aside so a removed override restores its default). Called at start and on
 * every content change, so a published override is live on every instance.
 */
export class SentenceOverrides implements SentenceDefaults {
  private readonly defaults = new Map<string, Flat>();
  private current = new Map<string, SentenceOverride>();

  constructor(private readonly i18n: i18n) {
    for (const lng of LANGUAGES) this.defaults.set(lng, flatten(i18n.getResourceBundle(lng, 'translation'), '', new Map()));
  }

  get(key: string): { vi?: string; en?: string } | undefined {
    const vi = this.defaults.get('vi')!.get(key);
    const en = this.defaults.get('en')!.get(key);
    return vi === undefined && en === undefined ? undefined : { vi, en };
  }

  keys(): string[] {
    return [...new Set(LANGUAGES.flatMap((lng) => [...this.defaults.get(lng)!.keys()]))].sort();
  }

  apply(overrides: readonly SentenceOverride[] | undefined): AppliedOverrides {
    const next = new Map<string, SentenceOverride>();
    const rejected: AppliedOverrides['rejected'] = [];
    for (const o of overrides ?? []) {
      const errors = checkOverride(o, this);
      if (errors.length) rejected.push({ id: o.id, errors });
      else next.set(o.id, o);
    }
    // Restore what is no longer overridden, then write the overrides.
    for (const id of this.current.keys()) if (!next.has(id)) this.restore(id);
    for (const o of next.values()) {
      for (const lng of LANGUAGES) {
        const text = o.text[lng];
        if (text !== undefined) this.i18n.addResource(lng, 'translation', o.id, text, { silent: true });
        else this.restoreOne(lng, o.id);
      }
    }
    this.current = next;
    return { applied: [...next.keys()], rejected };
  }

  private restore(id: string): void {
    for (const lng of LANGUAGES) this.restoreOne(lng, id);
  }

  private restoreOne(lng: (typeof LANGUAGES)[number], id: string): void {
    const text = this.defaults.get(lng)!.get(id);
    if (text !== undefined) this.i18n.addResource(lng, 'translation', id, text, { silent: true });
  }
}

/** The live content as the overrides need it (structural: i18n does not depend on the knowledge module). */
interface LiveSentences {
  current(): { kb: { sentences?: SentenceOverride[] } };
  onChange(listener: (snapshot: { kb: { sentences?: SentenceOverride[] } }) => void): unknown;
}

/** Applies the live content's sentence overrides now and after every content change (any instance's publish). */
export function followSentenceOverrides(i18n: i18n, content: LiveSentences, log: { info(o: object, m: string): void; error(o: object, m: string): void }): SentenceOverrides {
  const sentences = new SentenceOverrides(i18n);
  const apply = (overrides: readonly SentenceOverride[] | undefined): void => {
    const { applied, rejected } = sentences.apply(overrides);
    for (const r of rejected) log.error({ sentence: r.id, errors: r.errors }, 'sentence override left out: the default stays');
    if (applied.length) log.info({ sentences: applied.length }, 'sentence overrides applied');
  };
  apply(content.current().kb.sentences);
  content.onChange((snapshot) => apply(snapshot.kb.sentences));
  return sentences;
}
