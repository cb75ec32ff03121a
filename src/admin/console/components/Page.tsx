import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';

/** A page's heading and the browser tab's title. */
export function Page({ title, children, intro }: { title: string; intro?: string; children?: ComponentChildren }) {
  useEffect(() => {
    document.title = `${title} – Quản trị trợ lý`;
  }, [title]);
  return (
    <>
      <h2>{title}</h2>
      {intro ? <p class="intro">{intro}</p> : null}
      {children}
    </>
  );
}

/** Loading and error states of a page's data, then its content. */
export function LoadState({ loading, error, children }: { loading: boolean; error: string | null; children?: ComponentChildren }) {
  if (error) return <p class="errors" role="alert">{error}</p>;
  if (loading) return <p class="muted">Đang tải…</p>;
  return <>{children}</>;
}

/** A table that scrolls sideways on a phone; focusable so a keyboard can scroll it. */
export function TableWrap({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
