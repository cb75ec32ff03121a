/** One changed leaf between two versions, addressed by a dotted path such as "fees.0.amountVnd". */
export interface DiffEntry {
  path: string;
  before?: unknown;
  after?: unknown;
}

const MAX_ENTRIES = 300;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Leaf-level differences, enough for a reviewer to see what a save changed. */
export function diffContent(before: unknown, after: unknown): DiffEntry[] {
  const out: DiffEntry[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (out.length >= MAX_ENTRIES) return;
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], path ? `${path}.${i}` : String(i));
      return;
    }
    if (isObject(a) && isObject(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[k], b[k], path ? `${path}.${k}` : k);
      return;
    }
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    const entry: DiffEntry = { path: path || '(root)' };
    if (a !== undefined) entry.before = a;
    if (b !== undefined) entry.after = b;
    out.push(entry);
  };
  walk(before, after, '');
  return out;
}
