import { useEffect, useRef, useState } from 'preact/hooks';

/** The rendered width of an element, followed as the window changes (charts lay out for it, not a fixed viewBox). */
export function useWidth<T extends HTMLElement>(fallback = 640): [{ current: T | null }, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setWidth(Math.max(200, Math.floor(el.clientWidth)));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}
