/** Reading and writing a field of a content item by its dotted path ("fees.0.amountVnd"), without mutating it. */

type Obj = Record<string, unknown>;

export function getPath(obj: unknown, path: string): unknown {
  let o = obj;
  for (const k of path.split('.')) {
    if (o === null || typeof o !== 'object') return undefined;
    o = (o as Obj)[k];
  }
  return o;
}

/** A copy of `obj` with `path` set to `value` (undefined removes the key); missing objects and lists are created. */
export function setPath<T>(obj: T, path: string, value: unknown): T {
  const [head, ...rest] = path.split('.');
  const key = head!;
  const isIndex = /^\d+$/.test(key);
  const base: unknown = obj ?? (isIndex ? [] : {});
  const copy = (Array.isArray(base) ? [...(base as unknown[])] : { ...(base as Obj) }) as Obj;
  if (rest.length === 0) {
    if (value === undefined) {
      if (Array.isArray(copy)) (copy as unknown as unknown[]).splice(Number(key), 1);
      else delete copy[key];
    } else copy[key] = value;
  } else {
    const child = copy[key] ?? (/^\d+$/.test(rest[0]!) ? [] : {});
    copy[key] = setPath(child, rest.join('.'), value);
  }
  return copy as T;
}

/** Drops objects left empty by cleared optional fields (a fee condition with no text), so the schema sees "absent". */
export function prune<T>(value: T): T {
  if (Array.isArray(value)) return value.map(prune) as T;
  if (value && typeof value === 'object') {
    const out: Obj = {};
    for (const [k, v] of Object.entries(value as Obj)) {
      const p = prune(v);
      if (p && typeof p === 'object' && !Array.isArray(p) && Object.keys(p).length === 0) continue;
      if (p === undefined) continue;
      out[k] = p;
    }
    return out as T;
  }
  return value;
}
