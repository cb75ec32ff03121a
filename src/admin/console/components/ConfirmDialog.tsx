import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { explain } from '../lib/api.js';

/**
 * A modal summary that asks for confirmation before anything that reaches citizens or cannot be undone
 * (publish, send, rollback, delete). Native <dialog>: focus moves into it, Escape cancels, the page behind is inert.
 */
export function ConfirmDialog(props: {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  /** Returning false keeps the dialog open (the form inside shows why). */
  onConfirm: () => Promise<void | false> | void | false;
  onClose: () => void;
  danger?: boolean;
  /** Extra actions beside confirm and cancel (e.g. "Gửi thử cho tôi"). */
  extra?: ComponentChildren;
  confirmDisabled?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      if ((await props.onConfirm()) === false) return void setBusy(false);
      props.onClose();
    } catch (err) {
      setError(explain(err));
      setBusy(false);
    }
  }
  return (
    <dialog
      ref={ref}
      class="confirm"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) props.onClose();
      }}
    >
      <h2 id="confirm-title">{props.title}</h2>
      <div class="confirm-body">{props.children}</div>
      {error ? (
        <p class="errors" role="alert">
          {error}
        </p>
      ) : null}
      <div class="row confirm-actions">
        <button type="button" class={props.danger ? 'danger-solid' : 'primary'} disabled={busy || props.confirmDisabled} onClick={() => void confirm()}>
          {busy ? 'Đang thực hiện…' : props.confirmLabel}
        </button>
        {props.extra}
        <button type="button" disabled={busy} onClick={props.onClose}>
          Quay lại
        </button>
      </div>
    </dialog>
  );
}
