import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { explain } from './api.js';

export interface Loaded<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => Promise<void>;
}

/**
 * Loads a page's data and reloads on demand; `everyMs` polls (progress of a send, a new message in the inbox)
 * without flashing "Đang tải…" again. A stale answer (the page moved on) is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[], everyMs?: number): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++generation.current;
    try {
      const value = await load();
      if (mine !== generation.current) return;
      setData(value);
      setError(null);
    } catch (err) {
      if (mine === generation.current) setError(explain(err));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, deps);
  useEffect(() => {
    setLoading(true);
    void reload();
    if (!everyMs) return () => void generation.current++;
    const timer = setInterval(() => void reload(), everyMs);
    return () => {
      clearInterval(timer);
      generation.current++;
    };
  }, [reload, everyMs]);
  return { data, error, loading, reload };
}
