import type { ComponentChildren } from 'preact';
import { getPath } from '../lib/paths.js';
import type { FormModel } from './bound-fields.js';

/** A list of rows (fees, documents, sources): each row's fields, a remove button per row, an add button. */
export function RepeatRows(props: { form: FormModel; path: string; legend: string; addLabel: string; rowName: (i: number) => string; empty: () => unknown; children: (rowPath: string, i: number) => ComponentChildren }) {
  const rows = (getPath(props.form.item, props.path) as unknown[] | undefined) ?? [];
  const sectionError = props.form.errors[props.path];
  return (
    <fieldset class="card repeat-list" data-field={props.path}>
      <legend>{props.legend}</legend>
      {sectionError ? <p class="ferr">{sectionError}</p> : null}
      {rows.map((_, i) => (
        <div class="repeat" key={i} data-field={`${props.path}.${i}`} role="group" aria-label={props.rowName(i)}>
          {props.form.errors[`${props.path}.${i}`] ? <p class="ferr">{props.form.errors[`${props.path}.${i}`]}</p> : null}
          <div class="grid">{props.children(`${props.path}.${i}`, i)}</div>
          <button type="button" class="danger" aria-label={`Xoá dòng: ${props.rowName(i)}`} onClick={() => props.form.set(props.path, rows.filter((_r, j) => j !== i))}>
            Xoá dòng
          </button>
        </div>
      ))}
      <button type="button" onClick={() => props.form.set(props.path, [...rows, props.empty()])}>
        {props.addLabel}
      </button>
    </fieldset>
  );
}
