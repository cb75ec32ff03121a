import { useEffect, useState } from 'preact/hooks';
import type { ContentKind } from '../../api-types.js';
import { controlLabel, fieldHelp } from '../../content-words.js';
import { formatDate, parseViDate } from '../../format-vi.js';
import { getPath } from '../lib/paths.js';
import { CheckboxField, SelectField, TextAreaField, TextField, type Option } from './inputs.js';

/** An item being edited: its value, a setter by path, and the errors by path. */
export interface FormModel {
  kind: ContentKind;
  item: Record<string, unknown>;
  /** `optional`: an empty value removes the field (the schema then sees it absent rather than ""). */
  set: (path: string, value: unknown, optional?: boolean) => void;
  errors: Record<string, string>;
}

interface Bound {
  form: FormModel;
  path: string;
  /** Label override; by default the glossary's label, with its explanation on the "?" button. */
  label?: string;
  optional?: boolean;
  hint?: string;
}

const labelOf = (b: Bound) => b.label ?? controlLabel(b.path, b.form.kind);
const helpOf = (b: Bound) => fieldHelp(b.path, b.form.kind);

/** A calendar date typed as dd/mm/yyyy and kept as "2026-03-14"; text that is not a date stays as typed (and fails validation). */
export function BDate(props: Bound) {
  const v = getPath(props.form.item, props.path);
  const shown = typeof v === 'string' ? (/^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v) : '';
  const [text, setText] = useState(shown);
  useEffect(() => {
    if ((parseViDate(text) ?? text) !== v) setText(shown);
  }, [v]);
  return (
    <TextField
      path={props.path}
      label={labelOf(props)}
      help={helpOf(props)}
      hint={props.hint ? `dd/mm/yyyy. ${props.hint}` : 'dd/mm/yyyy'}
      required={!props.optional}
      inputMode="numeric"
      placeholder="dd/mm/yyyy"
      value={text}
      error={props.form.errors[props.path]}
      onValue={(s) => {
        setText(s);
        props.form.set(props.path, parseViDate(s) ?? s, props.optional);
      }}
    />
  );
}

export function BText(props: Bound & { type?: 'text' | 'url' | 'time' }) {
  const v = getPath(props.form.item, props.path);
  return (
    <TextField
      path={props.path}
      label={labelOf(props)}
      help={helpOf(props)}
      hint={props.hint}
      required={!props.optional}
      type={props.type}
      value={typeof v === 'string' ? v : ''}
      error={props.form.errors[props.path]}
      onValue={(s) => props.form.set(props.path, s, props.optional)}
    />
  );
}

/** "25.000", "25000" and "25 000" are the same amount; an empty box removes the value; other text stays as typed. */
function parseAmount(s: string): unknown {
  const clean = s.trim().replace(/[.\s]/g, '').replace(',', '.');
  if (clean === '') return undefined;
  return Number.isFinite(Number(clean)) ? Number(clean) : s;
}

/** "14,3545" and "14.3545" are the same decimal (a coordinate); an empty box removes the value; other text stays as typed. */
function parseDecimal(s: string): unknown {
  const clean = s.trim().replace(',', '.');
  if (clean === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(clean) ? Number(clean) : s;
}

/** A number: an amount of money or a count by default; `decimal` for a fraction such as a coordinate. */
export function BNumber(props: Bound & { decimal?: boolean }) {
  const v = getPath(props.form.item, props.path);
  const parse = props.decimal ? parseDecimal : parseAmount;
  const [text, setText] = useState(v === undefined ? '' : String(v));
  useEffect(() => {
    if (parse(text) !== v) setText(v === undefined ? '' : String(v));
  }, [v]);
  return (
    <TextField
      path={props.path}
      label={labelOf(props)}
      help={helpOf(props)}
      hint={props.hint}
      required={!props.optional}
      inputMode={props.decimal ? 'decimal' : 'numeric'}
      value={text}
      error={props.form.errors[props.path]}
      onValue={(s) => {
        setText(s);
        props.form.set(props.path, parse(s), true);
      }}
    />
  );
}

export function BSelect(props: Bound & { options: readonly Option[]; placeholder?: string }) {
  const v = getPath(props.form.item, props.path);
  return (
    <SelectField
      path={props.path}
      label={labelOf(props)}
      help={helpOf(props)}
      hint={props.hint}
      required={!props.optional}
      value={typeof v === 'string' ? v : ''}
      options={props.options}
      placeholder={props.placeholder}
      error={props.form.errors[props.path]}
      onValue={(s) => props.form.set(props.path, s === '' ? undefined : s, props.optional)}
    />
  );
}

/**
 * A list edited as lines of text (steps, phrasings, keywords). Lines of localized text keep their other
 * languages when their Vietnamese is unchanged. The text being typed stays as typed (blank lines included).
 */
export function BLines(props: Bound & { localized?: boolean; rows?: number }) {
  const list = (getPath(props.form.item, props.path) as unknown[] | undefined) ?? [];
  const toLine = (x: unknown) => (props.localized ? String((x as { vi?: string })?.vi ?? '') : String(x ?? ''));
  const joined = list.map(toLine).join('\n');
  const [text, setText] = useState(joined);
  const parse = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);
  useEffect(() => {
    if (parse(text).join('\n') !== parse(joined).join('\n')) setText(joined);
  }, [joined]);
  const errorHere = props.form.errors[props.path] ?? Object.entries(props.form.errors).find(([k]) => k.startsWith(`${props.path}.`))?.[1];
  return (
    <TextAreaField
      path={props.path}
      label={labelOf(props)}
      help={helpOf(props)}
      hint={props.hint ?? 'Mỗi dòng một mục.'}
      required={!props.optional}
      rows={props.rows ?? 4}
      value={text}
      error={errorHere}
      onValue={(s) => {
        setText(s);
        const lines = parse(s);
        const next = props.localized ? lines.map((line) => list.find((o) => toLine(o) === line) ?? { vi: line }) : lines;
        props.form.set(props.path, next);
      }}
    />
  );
}

/** A yes/no field; unchecked removes it (the schema's "absent"). */
export function BCheck(props: Bound) {
  return <CheckboxField label={labelOf(props)} hint={helpOf(props)} checked={getPath(props.form.item, props.path) === true} onValue={(v) => props.form.set(props.path, v ? true : undefined)} />;
}
