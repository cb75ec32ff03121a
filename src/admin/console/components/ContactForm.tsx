import type { ContactFact } from '../../../contacts/schema.js';
import { CONTACT_OPTION_WORDS } from '../../contact-words.js';
import { formatDate, vnToday } from '../../format-vi.js';
import { getPath } from '../lib/paths.js';
import { BDate, BLines, BNumber, BSelect, BText, type FormModel } from './bound-fields.js';
import { optionsOf } from './inputs.js';
import { RepeatRows } from './RepeatRows.js';

interface Source {
  facts?: string[];
  title?: string;
  url?: string;
  retrieved?: string;
}
interface Unsourced {
  fact?: string;
  note?: string;
}

const FACT = CONTACT_OPTION_WORDS.fact;
const WEEKDAY = CONTACT_OPTION_WORDS.weekday;

/** A group of checkboxes that edits a list of option values (days of a slot, facts of a source, topics). */
function CheckList({ form, path, legend, words }: { form: FormModel; path: string; legend: string; words: Record<string, string> }) {
  const values = (getPath(form.item, path) as string[] | undefined) ?? [];
  const error = form.errors[path];
  return (
    <fieldset class="checks" data-field={path}>
      <legend>{legend}</legend>
      {Object.entries(words).map(([value, label]) => (
        <label key={value} class="check-inline">
          <input
            type="checkbox"
            checked={values.includes(value)}
            aria-invalid={error ? true : undefined}
            onChange={(e) => form.set(path, e.currentTarget.checked ? Object.keys(words).filter((v) => v === value || values.includes(v)) : values.filter((v) => v !== value))}
          />{' '}
          {label}
        </label>
      ))}
      {error ? <p class="ferr">{error}</p> : null}
    </fieldset>
  );
}

/**
 * Where a fact comes from, under the field that states it: the source that confirms it, or that it has none yet
 * with a button that adds a source already marked for it (and drops the fact from "chưa có nguồn").
 */
function FactSource({ form, fact, stated, showError }: { form: FormModel; fact: ContactFact; stated: boolean; showError?: boolean }) {
  const sources = (form.item.sources as Source[] | undefined) ?? [];
  const unsourced = (form.item.unsourced as Unsourced[] | undefined) ?? [];
  const confirming = sources.filter((s) => s.facts?.includes(fact));
  const error = showError ? form.errors[fact] : undefined;
  const noted = unsourced.find((u) => u.fact === fact);
  function addSource() {
    form.set('sources', [...sources, { facts: [fact], title: '', url: '', retrieved: vnToday() }]);
    if (noted) form.set('unsourced', unsourced.filter((u) => u.fact !== fact));
    setTimeout(() => document.querySelector<HTMLElement>(`[data-path="sources.${sources.length}.title"]`)?.focus(), 0);
  }
  return (
    <div class={`fact-source${stated && confirming.length === 0 ? ' missing' : ''}`} data-fact={fact}>
      {confirming.length ? (
        <p class="ok-text">
          Nguồn: {confirming.map((s) => `${s.title || '(chưa đặt tên)'}${s.retrieved ? `, xem ngày ${formatDate(s.retrieved)}` : ''}`).join('; ')}
        </p>
      ) : stated ? (
        <p>
          <strong>{FACT[fact]} chưa có nguồn.</strong> Trợ lý chỉ nói thông tin có nguồn; hãy thêm nguồn, hoặc để trống thông tin này.
        </p>
      ) : noted ? (
        <p class="muted">Đang ghi là chưa có nguồn{noted.note ? `: ${noted.note.replace(/[.\s]+$/, '')}` : ''}.</p>
      ) : null}
      {error ? <p class="ferr">{error}</p> : null}
      {stated && confirming.length === 0 ? (
        <button type="button" onClick={addSource}>
          Thêm nguồn cho {FACT[fact]}
        </button>
      ) : null}
    </div>
  );
}

/**
 * A contact point: name and kind, the facts a citizen acts on (address, phones, hours, map, position, page), each
 * with where it comes from, and the facts still looked for ("chưa có nguồn").
 */
export function ContactForm({ form, isNew }: { form: FormModel; isNew: boolean }) {
  const item = form.item;
  const has = (path: string) => {
    const v = getPath(item, path);
    return v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
  };
  const sources = (item.sources as Source[] | undefined) ?? [];
  const sourcedFacts = new Set(sources.flatMap((s) => s.facts ?? []));
  const hours = (item.hours as unknown[] | undefined) ?? [];
  const addSlot = (days: string[]) => form.set('hours', [...hours, { days, from: '', to: '' }]);
  return (
    <>
      <div class="card source-rule">
        <p>
          <strong>Mỗi thông tin người dân dựa vào phải có nguồn</strong>: địa chỉ, số điện thoại, đường dây nóng, giờ làm việc, toạ độ, đường dẫn bản đồ và trang web. Nguồn là một trang hoặc văn bản
          công khai, ghi kèm ngày anh/chị xem. Thông tin chưa tìm được nguồn thì để trống và ghi vào “Thông tin chưa có nguồn”: trợ lý sẽ nói là chưa có thông tin, không đoán.
        </p>
      </div>

      <fieldset class="card">
        <legend>Thông tin chung</legend>
        <div class="grid">
          {isNew ? <BText form={form} path="id" /> : null}
          <BSelect form={form} path="kind" options={optionsOf(CONTACT_OPTION_WORDS.kind)} />
          <BText form={form} path="name.vi" />
          <BText form={form} path="name.en" optional />
        </div>
        <CheckList form={form} path="topics" legend="Dùng cho" words={CONTACT_OPTION_WORDS.topic} />
        <BLines form={form} path="aliases" label="Tên gọi khác" optional rows={3} hint="Mỗi dòng một tên, có dấu hoặc không dấu." />
      </fieldset>

      <fieldset class="card">
        <legend>Địa chỉ và liên lạc</legend>
        <div class="grid">
          <BText form={form} path="address.vi" optional />
          <BText form={form} path="address.en" optional />
        </div>
        <FactSource form={form} fact="address" stated={has('address.vi')} showError />
        <div class="grid">
          <div>
            <BText form={form} path="phone" optional hint="Chỉ gồm chữ số, ví dụ 02553822xxx." />
            <FactSource form={form} fact="phone" stated={has('phone')} />
          </div>
          <div>
            <BText form={form} path="hotline" optional hint="Ví dụ 1800xxxx." />
            <FactSource form={form} fact="hotline" stated={has('hotline')} />
          </div>
          <div>
            <BText form={form} path="url" type="url" optional />
            <FactSource form={form} fact="url" stated={has('url')} />
          </div>
        </div>
      </fieldset>

      <RepeatRows
        form={form}
        path="hours"
        legend="Giờ làm việc"
        addLabel="Thêm buổi làm việc khác"
        rowName={(i) => {
          const days = (getPath(item, `hours.${i}.days`) as string[] | undefined) ?? [];
          return days.length ? `giờ làm việc ${days.map((d) => WEEKDAY[d as keyof typeof WEEKDAY] ?? d).join(', ')}` : `giờ làm việc ${i + 1}`;
        }}
        empty={() => ({ days: [], from: '', to: '' })}
      >
        {(p) => (
          <>
            <CheckList form={form} path={`${p}.days`} legend="Các ngày" words={WEEKDAY} />
            <BText form={form} path={`${p}.from`} type="time" />
            <BText form={form} path={`${p}.to`} type="time" />
          </>
        )}
      </RepeatRows>
      <div class="card">
        <div class="row">
          <button type="button" onClick={() => addSlot(['mon', 'tue', 'wed', 'thu', 'fri'])}>
            Thêm buổi từ Thứ Hai đến Thứ Sáu
          </button>
          <button type="button" onClick={() => addSlot(['sat'])}>
            Thêm buổi sáng thứ Bảy
          </button>
        </div>
        <p class="hint">Một buổi sáng và một buổi chiều là hai dòng. Giờ nhập theo nguồn; nơi không làm việc thứ Bảy thì không thêm dòng thứ Bảy.</p>
        <BText form={form} path="hoursNote.vi" optional />
        <FactSource form={form} fact="hours" stated={hours.length > 0} />
      </div>

      <fieldset class="card" data-field="coordinates">
        <legend>Bản đồ và vị trí</legend>
        <div class="grid">
          <div>
            <BText form={form} path="mapUrl" type="url" optional />
            <FactSource form={form} fact="mapUrl" stated={has('mapUrl')} />
          </div>
          <BNumber form={form} path="coordinates.lat" decimal optional hint="Ví dụ 14,3545" />
          <BNumber form={form} path="coordinates.lng" decimal optional hint="Ví dụ 108,0076" />
        </div>
        <FactSource form={form} fact="coordinates" stated={has('coordinates.lat') || has('coordinates.lng')} showError />
      </fieldset>

      <RepeatRows
        form={form}
        path="sources"
        legend="Nguồn"
        addLabel="Thêm nguồn"
        rowName={(i) => `nguồn ${sources[i]?.title ? `“${sources[i]!.title}”` : i + 1}`}
        empty={() => ({ facts: [], title: '', url: '', retrieved: vnToday() })}
      >
        {(p) => (
          <>
            <BText form={form} path={`${p}.title`} />
            <BText form={form} path={`${p}.url`} type="url" />
            <BDate form={form} path={`${p}.retrieved`} />
            <CheckList form={form} path={`${p}.facts`} legend="Thông tin nguồn này xác nhận" words={FACT} />
          </>
        )}
      </RepeatRows>

      <RepeatRows
        form={form}
        path="unsourced"
        legend="Thông tin chưa có nguồn"
        addLabel="Thêm thông tin chưa có nguồn"
        rowName={(i) => `chưa có nguồn ${FACT[getPath(item, `unsourced.${i}.fact`) as ContactFact] ?? i + 1}`}
        empty={() => ({ fact: '', note: '' })}
      >
        {(p) => (
          <>
            <BSelect form={form} path={`${p}.fact`} options={optionsOf(FACT)} placeholder="Chọn thông tin" />
            <BText form={form} path={`${p}.note`} />
            {sourcedFacts.has(String(getPath(item, `${p}.fact`))) ? <p class="hint">Thông tin này đã có nguồn ở mục “Nguồn”: có thể xoá dòng này.</p> : null}
          </>
        )}
      </RepeatRows>
    </>
  );
}

/** A new contact point's starting point: a commune desk with nothing stated (every fact waits for its source). */
export const contactTemplate = (): Record<string, unknown> => ({ id: '', kind: 'commune', name: { vi: '' }, aliases: [], topics: ['one_stop'], sources: [], unsourced: [] });
