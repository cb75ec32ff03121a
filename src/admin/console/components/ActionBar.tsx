import type { ComponentChildren } from 'preact';

/** The bar that stays at the bottom of the screen while a long form scrolls: the draft's state and its actions. */
export function ActionBar({ status, children, label = 'Thao tác' }: { status: ComponentChildren; children: ComponentChildren; label?: string }) {
  return (
    <div class="actionbar" role="region" aria-label={label}>
      <div class="actionbar-status" aria-live="polite">
        {status}
      </div>
      <div class="row">{children}</div>
    </div>
  );
}
