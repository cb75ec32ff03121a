import { useEffect, useState } from 'preact/hooks';
import { ContactPoint } from '../../../contacts/schema.js';
import { Procedure, SystemIntent } from '../../../knowledge/schema.js';
import type { ContentKind, ContentVersion, ContentView, PublishResult } from '../../api-types.js';
import { controlLabel, describeIssue, diffInWords, issueWords } from '../../content-words.js';
import { diffContent } from '../../diff.js';
import { formatDateTime, vnToday } from '../../format-vi.js';
import { ActionBar } from '../components/ActionBar.js';
import type { FormModel } from '../components/bound-fields.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { ContactForm, contactTemplate } from '../components/ContactForm.js';
import { DiffList } from '../components/DiffList.js';
import { DraftPreview } from '../components/DraftPreview.js';
import { IntentForm, intentTemplate } from '../components/IntentForm.js';
import { LoadState, Page } from '../components/Page.js';
import { ProcedureForm, procedureTemplate } from '../components/ProcedureForm.js';
import { api, ApiError, explain } from '../lib/api.js';
import { KINDS, kindOf } from '../lib/content-kinds.js';
import { loadProcedureNames } from '../lib/names.js';
import { prune, setPath } from '../lib/paths.js';
import { navigate, say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';
import type { PageProps } from '../registry.js';

type Item = Record<string, unknown>;
type Dialog = null | 'publish' | 'discard' | 'delete';

const clone = <T,>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The schema every kind is validated with in the browser (the server checks the same one). */
const SCHEMAS = { procedure: Procedure, intent: SystemIntent, contact: ContactPoint } as const;

function template(kind: ContentKind): Record<string, unknown> {
  return kind === 'procedure' ? procedureTemplate(vnToday()) : kind === 'intent' ? intentTemplate() : contactTemplate();
}

/** Edits one procedure, intent or contact point: a form validated by the content schema, a sticky bar, and confirmed publishing. */
export function ContentEditorPage({ params }: PageProps) {
  const kind = kindOf(params.kind);
  const { plural, noun, add, list: listPath } = KINDS[kind];
  const id = params.id;
  const isNew = id === undefined;
  const view = useLoad(() => (isNew ? Promise.resolve(null) : api<ContentView>('GET', `/${plural}/${encodeURIComponent(id)}`)), [plural, id]);
  const [item, setItem] = useState<Item | null>(null);
  const [savedJson, setSavedJson] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<{ field: string; message: string }[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!isNew && !view.data) return;
    const v = view.data;
    const base = (v?.draft ? v.draft.data : v?.published) ?? template(kind);
    setItem(clone(base as Item));
    setSavedJson(JSON.stringify(prune(base)));
  }, [view.data, isNew, kind]);

  const v = view.data;
  const draft: ContentVersion | null = v?.draft ?? null;
  const deleting = !!draft && draft.data === null;
  const dirty = item !== null && JSON.stringify(prune(item)) !== savedJson;
  const name = (x: unknown) => String((x as { name?: { vi?: string } } | null)?.name?.vi ?? '');
  const title = isNew ? add : `${noun}: ${name(v?.published ?? draft?.data) || id}`;

  const form: FormModel = {
    kind,
    item: item ?? {},
    errors,
    set(path, value, optional) {
      setItem((cur) => {
        let next = setPath(cur ?? {}, path, optional && value === '' ? undefined : value);
        // Only a fixed amount has a sum: choosing another kind of fee drops it, so no stray amount is kept.
        const fee = /^fees\.(\d+)\.kind$/.exec(path);
        if (fee && value !== 'amount') next = setPath(next, `fees.${fee[1]}.amountVnd`, undefined);
        return next;
      });
      if (errors[path]) setErrors(({ [path]: _gone, ...rest }) => rest);
    },
  };

  function showErrors(list: { field: string; message: string; short?: string }[]) {
    const map: Record<string, string> = {};
    for (const e of list) map[e.field] ??= e.short ?? e.message;
    setErrors(map);
    setSummary(list.map(({ field, message }) => ({ field, message })));
    setTimeout(() => (document.querySelector<HTMLElement>('[aria-invalid="true"]') ?? document.getElementById('form-errors'))?.focus(), 0);
  }

  /** Validates in the browser with the content schema (Vietnamese messages), then saves a draft version. */
  async function save(): Promise<boolean> {
    if (!item) return false;
    const data = prune(item);
    const parsed = SCHEMAS[kind].safeParse(data);
    if (!parsed.success) {
      showErrors(parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(root)', message: describeIssue(i, data, kind), short: issueWords(i, kind) })));
      return false;
    }
    const targetId = isNew ? String(data.id ?? '') : id;
    setBusy(true);
    try {
      // A new item must not overwrite an existing one that happens to have the same id.
      if (isNew && (await api('GET', `/${plural}/${encodeURIComponent(targetId)}`).then(() => true, (e: unknown) => !(e instanceof ApiError && e.status === 404)))) {
        showErrors([{ field: 'id', message: `${controlLabel('id', kind)}: đã có mục “${targetId}”; hãy mở mục đó để sửa.`, short: 'đã có mục mang mã này' }]);
        return false;
      }
      const saved = await api<ContentVersion>('PUT', `/${plural}/${encodeURIComponent(targetId)}`, data);
      showErrors([]);
      say(`Đã lưu bản nháp phiên bản ${saved.version} (${saved.diff.length} thay đổi). Người dân chưa thấy bản nháp cho đến khi xuất bản.`);
      if (kind === 'procedure') void loadProcedureNames(true);
      if (isNew) navigate(`/content/${kind}/${targetId}`, true);
      else await view.reload();
      return true;
    } catch (err) {
      if (err instanceof ApiError && err.status === 422 && err.body.errors) showErrors(err.body.errors);
      else say(explain(err), 'error');
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function askPublish() {
    if (dirty && !(await save())) return;
    setDialog('publish');
  }

  const publishLines = () => {
    const after = draft?.data ?? null;
    const before = v?.published ?? null;
    return after ? diffInWords(diffContent(before ?? {}, after), before, after, kind) : [];
  };

  return (
    <Page title={title}>
      <p>
        <a href={`#${listPath}`}>← Danh sách</a>
        {!isNew ? (
          <>
            {' · '}
            <a href={`#/content/${kind}/${id}/versions`}>Các phiên bản và khôi phục</a>
          </>
        ) : null}
        {' · '}
        <a href="#/glossary">Giải thích các trường</a>
      </p>
      <LoadState loading={!isNew && view.loading && !view.data} error={view.error}>
        {deleting ? <p class="errors">Bản nháp hiện tại xoá mục này. Xuất bản để xoá khỏi trợ lý, hoặc bỏ bản nháp.</p> : null}
        {summary.length ? (
          <div class="errors" id="form-errors" tabIndex={-1} role="alert">
            <strong>Chưa lưu được: vui lòng sửa {summary.length} chỗ sau.</strong>
            <ul>
              {summary.map((e) => (
                <li key={e.field}>{e.message}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {item ? (
          <div class="cols">
            <form class="editor" onSubmit={(e) => e.preventDefault()} noValidate aria-label={title}>
              {kind === 'procedure' ? <ProcedureForm form={form} isNew={isNew} /> : kind === 'intent' ? <IntentForm form={form} isNew={isNew} /> : <ContactForm form={form} isNew={isNew} />}
            </form>
            <div>
              <DraftPreview />
            </div>
          </div>
        ) : null}
        <ActionBar
          label="Thao tác với bản nháp"
          status={
            <span data-state={dirty ? 'unsaved' : draft ? 'draft' : 'published'}>
              {isNew
                ? 'Mục mới, chưa lưu.'
                : dirty
                  ? 'Có thay đổi chưa lưu.'
                  : draft
                    ? `${deleting ? 'Bản nháp xoá mục này' : `Bản nháp phiên bản ${draft.version}`} (${draft.by}, ${formatDateTime(draft.at)}), chưa xuất bản.`
                    : v?.publishedVersion
                      ? `Đang dùng phiên bản ${v.publishedVersion}, không có bản nháp.`
                      : 'Đang dùng nội dung từ tệp, không có bản nháp.'}
            </span>
          }
        >
          <button type="button" class="primary" disabled={busy || (!dirty && !isNew)} onClick={() => void save()}>
            Lưu bản nháp
          </button>
          {!isNew ? (
            <button type="button" disabled={busy || (!draft && !dirty)} onClick={() => void askPublish()}>
              Xuất bản…
            </button>
          ) : null}
          {!isNew && draft ? (
            <button type="button" disabled={busy} onClick={() => setDialog('discard')}>
              Bỏ bản nháp…
            </button>
          ) : null}
          {!isNew && !deleting ? (
            <button type="button" class="danger" disabled={busy} onClick={() => setDialog('delete')}>
              Xoá…
            </button>
          ) : null}
        </ActionBar>
      </LoadState>

      {dialog === 'publish' ? (
        <ConfirmDialog
          title={deleting ? 'Xuất bản việc xoá' : 'Xuất bản bản nháp'}
          confirmLabel={deleting ? 'Xoá khỏi trợ lý' : 'Xuất bản'}
          danger={deleting}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const res = await api<PublishResult>('POST', `/${plural}/${encodeURIComponent(id!)}/publish`, {});
            say(`Đã xuất bản. Trợ lý dùng nội dung ${res.version} từ bây giờ.`);
            await view.reload();
          }}
        >
          {deleting ? (
            <p>Người dân sẽ không còn nhận được câu trả lời về “{name(v?.published) || id}”.</p>
          ) : (
            <>
              <p>Người dân nhận ngay câu trả lời theo nội dung mới. So với nội dung đang dùng:</p>
              <DiffList lines={publishLines()} max={30} />
            </>
          )}
        </ConfirmDialog>
      ) : null}
      {dialog === 'discard' ? (
        <ConfirmDialog
          title="Bỏ bản nháp"
          confirmLabel="Bỏ bản nháp"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api('POST', `/${plural}/${encodeURIComponent(id!)}/discard`, {});
            say('Đã bỏ bản nháp; nội dung đang dùng giữ nguyên.');
            if (v?.published) await view.reload();
            else navigate(listPath, true);
          }}
        >
          <p>Các thay đổi chưa xuất bản sẽ mất. Nội dung người dân đang nhận không đổi.</p>
        </ConfirmDialog>
      ) : null}
      {dialog === 'delete' ? (
        <ConfirmDialog
          title="Xoá mục này"
          confirmLabel="Tạo bản nháp xoá"
          danger
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            await api('DELETE', `/${plural}/${encodeURIComponent(id!)}`);
            say('Đã tạo bản nháp xoá. Xuất bản để xoá khỏi trợ lý.');
            await view.reload();
          }}
        >
          <p>Việc xoá chỉ có hiệu lực khi xuất bản; trước đó có thể bỏ bản nháp xoá.</p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
