import { OPTION_WORDS } from '../../content-words.js';
import { formatDate } from '../../format-vi.js';
import { getPath } from '../lib/paths.js';
import { BCheck, BDate, BLines, BNumber, BSelect, BText, type FormModel } from './bound-fields.js';
import { optionsOf } from './inputs.js';
import { RepeatRows } from './RepeatRows.js';

const vi = (v: unknown) => String((v as { vi?: string } | undefined)?.vi ?? '');

/** Every field of a procedure, grouped as a clerk reads a procedure sheet. */
export function ProcedureForm({ form, isNew }: { form: FormModel; isNew: boolean }) {
  const item = form.item;
  const channels = (getPath(item, 'submission.channels') as string[] | undefined) ?? [];
  const verifiedBy = getPath(item, 'verifiedBy');
  return (
    <>
      <fieldset class="card">
        <legend>Thông tin chung</legend>
        <div class="grid">
          {isNew ? <BText form={form} path="id" /> : null}
          <BText form={form} path="name.vi" />
          <BText form={form} path="name.en" optional />
          <BText form={form} path="shortName.vi" optional />
          <BText form={form} path="field.vi" />
          <BSelect form={form} path="level" options={optionsOf(OPTION_WORDS.level)} />
          <BText form={form} path="body.vi" />
          <BText form={form} path="nationalCode" optional />
        </div>
        <BText form={form} path="summary.vi" />
      </fieldset>

      <RepeatRows
        form={form}
        path="fees"
        legend="Phí, lệ phí"
        addLabel="Thêm khoản phí"
        rowName={(i) => vi(getPath(item, `fees.${i}.label`)) || `khoản phí ${i + 1}`}
        empty={() => ({ label: { vi: '' }, kind: 'unknown', certainty: 'unverified' })}
      >
        {(p) => (
          <>
            <BText form={form} path={`${p}.label.vi`} />
            <BSelect form={form} path={`${p}.kind`} options={optionsOf(OPTION_WORDS.feeKind)} />
            {getPath(item, `${p}.kind`) === 'amount' ? <BNumber form={form} path={`${p}.amountVnd`} hint="Bằng đồng, ví dụ 25.000" /> : null}
            <BText form={form} path={`${p}.condition.vi`} optional />
            <BText form={form} path={`${p}.legalBasis`} optional />
            <BSelect form={form} path={`${p}.certainty`} options={optionsOf(OPTION_WORDS.certainty)} />
          </>
        )}
      </RepeatRows>

      <fieldset class="card">
        <legend>Thời hạn giải quyết</legend>
        <div class="grid">
          <BNumber form={form} path="duration.workingDays" />
          <BText form={form} path="duration.text.vi" />
          <BSelect form={form} path="duration.certainty" options={optionsOf(OPTION_WORDS.certainty)} />
          <BText form={form} path="duration.condition.vi" optional />
          <BText form={form} path="duration.legalBasis" optional />
        </div>
      </fieldset>

      <RepeatRows form={form} path="documents" legend="Thành phần hồ sơ" addLabel="Thêm giấy tờ" rowName={(i) => vi(getPath(item, `documents.${i}.name`)) || `giấy tờ ${i + 1}`} empty={() => ({ name: { vi: '' } })}>
        {(p) => (
          <>
            <BText form={form} path={`${p}.name.vi`} />
            <BText form={form} path={`${p}.form`} optional />
            <BSelect form={form} path={`${p}.copy`} options={optionsOf(OPTION_WORDS.copy)} placeholder="Không ghi" optional />
            <BNumber form={form} path={`${p}.quantity`} optional />
            <BText form={form} path={`${p}.note.vi`} optional />
            <BCheck form={form} path={`${p}.conditional`} />
          </>
        )}
      </RepeatRows>

      <fieldset class="card">
        <legend>Nộp hồ sơ</legend>
        <BLines form={form} path="submission.places" localized label="Nơi nộp hồ sơ" />
        <fieldset class="checks" data-field="submission.channels">
          <legend>Cách nộp</legend>
          {Object.entries(OPTION_WORDS.channel).map(([value, label]) => (
            <label key={value} class="check-inline">
              <input
                type="checkbox"
                checked={channels.includes(value)}
                onChange={(e) => form.set('submission.channels', e.currentTarget.checked ? [...channels, value] : channels.filter((c) => c !== value))}
              />{' '}
              {label}
            </label>
          ))}
          {form.errors['submission.channels'] ? <p class="ferr">{form.errors['submission.channels']}</p> : null}
        </fieldset>
        <div class="grid">
          <BSelect form={form} path="online.availability" options={optionsOf(OPTION_WORDS.online)} />
          <BText form={form} path="online.url" type="url" optional />
          <BText form={form} path="online.note.vi" optional />
        </div>
      </fieldset>

      <fieldset class="card">
        <legend>Cách làm và kết quả</legend>
        <BLines form={form} path="steps" localized label="Các bước thực hiện" rows={5} />
        <BText form={form} path="result.vi" />
        <BText form={form} path="conditions.vi" optional />
        <BLines form={form} path="legalBasis" label="Căn cứ pháp lý" rows={3} />
        <BLines form={form} path="related" label="Thủ tục liên quan (mã)" optional rows={2} />
      </fieldset>

      <fieldset class="card">
        <legend>Nguồn và xác minh</legend>
        <div class="grid">
          <BText form={form} path="officialUrl" type="url" />
          <BDate form={form} path="verifiedAt" hint="Tự cập nhật thành hôm nay khi anh/chị sửa một thông tin (phí, thời hạn, giấy tờ…)." />
        </div>
        {typeof verifiedBy === 'string' ? (
          <p class="muted">
            Xác minh lần cuối: {formatDate(String(getPath(item, 'verifiedAt') ?? ''))}, bởi {verifiedBy}.
          </p>
        ) : null}
        <RepeatRows form={form} path="sources" legend="Nguồn" addLabel="Thêm nguồn" rowName={(i) => `nguồn ${i + 1}`} empty={() => ({ title: '' })}>
          {(p) => (
            <>
              <BText form={form} path={`${p}.title`} label="Tên nguồn" />
              <BText form={form} path={`${p}.url`} type="url" optional />
            </>
          )}
        </RepeatRows>
      </fieldset>

      <fieldset class="card">
        <legend>Cách người dân hỏi</legend>
        <BLines form={form} path="phrasings" label="Câu hỏi mẫu (ít nhất 10)" rows={8} />
        <BLines form={form} path="keywords" label="Từ khoá" optional rows={3} />
      </fieldset>
    </>
  );
}

/** A new procedure's starting point: every required field present and empty, nothing pre-filled as fact. */
export function procedureTemplate(today: string): Record<string, unknown> {
  return {
    id: '',
    name: { vi: '' },
    field: { vi: '' },
    level: 'commune',
    body: { vi: '' },
    summary: { vi: '' },
    submission: { places: [], channels: ['in_person'] },
    online: { availability: 'none' },
    documents: [{ name: { vi: '' } }],
    fees: [{ label: { vi: 'Lệ phí' }, kind: 'unknown', certainty: 'unverified' }],
    duration: { text: { vi: '' }, certainty: 'unverified' },
    steps: [],
    result: { vi: '' },
    legalBasis: [],
    related: [],
    officialUrl: 'https://dichvucong.gov.vn',
    verifiedAt: today,
    sources: [{ title: '' }],
    phrasings: [],
    keywords: [],
  };
}
