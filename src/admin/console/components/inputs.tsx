import type { ComponentChildren } from 'preact';
import { useId, useState } from 'preact/hooks';

interface Common {
  label: string;
  /** The field's path in the item (data-field), so errors and tests find it. */
  path?: string;
  error?: string | undefined;
  /** A short explanation shown on demand (the glossary's words for this field). */
  help?: string | undefined;
  /** Always-visible hint under the control. */
  hint?: string;
  required?: boolean;
  class?: string;
}

function useIds() {
  const id = useId();
  return { id, err: `${id}-err`, hint: `${id}-hint`, help: `${id}-help` };
}

/** Label, control, hint, help on demand and error, wired with for/id and aria-describedby. */
function Wrap({ common, ids, children }: { common: Common; ids: ReturnType<typeof useIds>; children: ComponentChildren }) {
  const [open, setOpen] = useState(false);
  return (
    <div class={`field${common.error ? ' invalid' : ''}${common.class ? ` ${common.class}` : ''}`} data-field={common.path}>
      <div class="label-row">
        <label for={ids.id}>
          {common.label}
          {common.required ? <span class="req" aria-hidden="true"> *</span> : null}
        </label>
        {common.help ? (
          <button type="button" class="help-toggle" aria-expanded={open} aria-controls={ids.help} aria-label={`Giải thích: ${common.label}`} onClick={() => setOpen(!open)}>
            ?
          </button>
        ) : null}
      </div>
      {common.help ? (
        <p id={ids.help} class="help" hidden={!open}>
          {common.help}
        </p>
      ) : null}
      {children}
      {common.hint ? (
        <p id={ids.hint} class="hint">
          {common.hint}
        </p>
      ) : null}
      {common.error ? (
        <p id={ids.err} class="ferr">
          {common.error}
        </p>
      ) : null}
    </div>
  );
}

function described(common: Common, ids: ReturnType<typeof useIds>): string | undefined {
  const list = [common.error ? ids.err : '', common.hint ? ids.hint : '', common.help ? ids.help : ''].filter(Boolean);
  return list.length ? list.join(' ') : undefined;
}

export function TextField(
  props: Common & {
    value: string | number | undefined;
    onValue: (v: string) => void;
    type?: 'text' | 'url' | 'password' | 'search' | 'time';
    autoComplete?: string;
    placeholder?: string;
    maxLength?: number;
    inputMode?: 'numeric' | 'decimal' | 'text';
  },
) {
  const ids = useIds();
  return (
    <Wrap common={props} ids={ids}>
      <input
        id={ids.id}
        type={(props.type ?? 'text') as 'text'}
        value={props.value ?? ''}
        inputMode={props.inputMode}
        autoComplete={props.autoComplete}
        placeholder={props.placeholder}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described(props, ids)}
        data-path={props.path}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
    </Wrap>
  );
}

export function TextAreaField(props: Common & { value: string; onValue: (v: string) => void; rows?: number; maxLength?: number }) {
  const ids = useIds();
  return (
    <Wrap common={props} ids={ids}>
      <textarea
        id={ids.id}
        rows={props.rows ?? 4}
        value={props.value}
        maxLength={props.maxLength}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described(props, ids)}
        data-path={props.path}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
    </Wrap>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: Common & { value: string; options: readonly Option[]; onValue: (v: string) => void; placeholder?: string }) {
  const ids = useIds();
  return (
    <Wrap common={props} ids={ids}>
      <select
        id={ids.id}
        value={props.value}
        required={props.required}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={described(props, ids)}
        data-path={props.path}
        onChange={(e) => props.onValue(e.currentTarget.value)}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Wrap>
  );
}

export function CheckboxField(props: { label: string; checked: boolean; onValue: (v: boolean) => void; hint?: string }) {
  const id = useId();
  return (
    <div class="field check">
      <input id={id} type="checkbox" checked={props.checked} onChange={(e) => props.onValue(e.currentTarget.checked)} aria-describedby={props.hint ? `${id}-hint` : undefined} />
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p id={`${id}-hint`} class="hint">
          {props.hint}
        </p>
      ) : null}
    </div>
  );
}

/** Options from a word table ({ amount: 'Số tiền cố định', … }). */
export function optionsOf(words: Record<string, string>): Option[] {
  return Object.entries(words).map(([value, label]) => ({ value, label }));
}

