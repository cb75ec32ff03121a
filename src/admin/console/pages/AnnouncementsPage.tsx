import { useEffect, useState } from 'preact/hooks';
import type { ReplyButton } from '../../../dialogue/types.js';
import { AnnouncementBody, type AnnouncementCreated, type AnnouncementReport, type Audience, type TagInfo } from '../../api-types.js';
import { formatDateTime, formatNumber, localInputToIso, parseViDate, parseViTime } from '../../format-vi.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { TextAreaField, TextField } from '../components/inputs.js';
import { LoadState, Page, TableWrap } from '../components/Page.js';
import { SendReviewDialog, type ReviewedAnnouncement } from '../components/SendReviewDialog.js';
import { api, ApiError, explain } from '../lib/api.js';
import { ANN_STATUS, announcementFieldLabel, announcementIssue, audienceWords } from '../lib/announcement-words.js';
import { say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';

interface ButtonRow {
  title: string;
  kind: 'url' | 'phone';
  target: string;
}

interface Compose {
  title: string;
  text: string;
  buttons: ButtonRow[];
  /** No default: staff must choose who receives it. */
  audienceKind: '' | 'all' | 'tags' | 'userIds';
  tags: string[];
  userIds: string;
  /** Empty date and time: send now. Typed as dd/mm/yyyy and hh:mm, Vietnam time. */
  sendDate: string;
  sendTime: string;
}

const EMPTY: Compose = { title: '', text: '', buttons: [], audienceKind: '', tags: [], userIds: '', sendDate: '', sendTime: '' };

function audienceOf(c: Compose): Audience | null {
  if (c.audienceKind === 'all') return { all: true };
  if (c.audienceKind === 'tags') return { tags: c.tags };
  if (c.audienceKind === 'userIds') return { userIds: c.userIds.split(/[\s,;]+/).filter(Boolean) };
  return null;
}

function bodyOf(c: Compose) {
  return {
    title: c.title,
    text: c.text,
    buttons: c.buttons.map((b) => (b.kind === 'url' ? { title: b.title, url: b.target.trim() } : { title: b.title, phone: b.target.trim() })),
    audience: audienceOf(c),
    ...(c.sendDate.trim() || c.sendTime.trim() ? { sendAt: scheduled(c) ?? 'invalid' } : {}),
    draft: true,
  };
}

function scheduled(c: Compose): string | null {
  const date = parseViDate(c.sendDate);
  const time = parseViTime(c.sendTime || '08:00');
  return date && time ? localInputToIso(`${date}T${time}`) : null;
}

/** Compose an announcement (audience chosen explicitly, counted live), review and confirm; follow every send. */
export function AnnouncementsPage() {
  const list = useLoad(() => api<{ announcements: AnnouncementReport[] }>('GET', '/announcements?limit=50'), [], 2000);
  const tags = useLoad(() => api<{ tags: TagInfo[] }>('GET', '/tags'), []);
  const [c, setC] = useState<Compose>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [size, setSize] = useState<{ n: number } | { error: string } | null>(null);
  const [draftId, setDraftId] = useState<string | null>(null);
  const [review, setReview] = useState<ReviewedAnnouncement | null>(null);
  const [cancelling, setCancelling] = useState<AnnouncementReport | null>(null);
  const set = (patch: Partial<Compose>) => setC({ ...c, ...patch });
  const audienceKey = JSON.stringify(audienceOf(c));

  // The audience is counted as it is chosen, so nobody sends to "0 người" by mistake.
  useEffect(() => {
    const audience = audienceOf(c);
    setSize(null);
    if (!audience) return;
    if ('tags' in audience && audience.tags.length === 0) return setSize({ error: 'Chọn ít nhất một nhãn.' });
    if ('userIds' in audience && audience.userIds.length === 0) return setSize({ error: 'Nhập ít nhất một mã người dùng Zalo.' });
    const t = setTimeout(() => {
      api<{ size: number }>('POST', '/announcements/audience-size', { audience })
        .then((r) => setSize({ n: r.size }))
        .catch((err: unknown) => setSize({ error: err instanceof ApiError && err.body.fields ? Object.values(err.body.fields).join(' ') : explain(err) }));
    }, 250);
    return () => clearTimeout(t);
  }, [audienceKey]);

  async function toReview(e: Event) {
    e.preventDefault();
    const body = bodyOf(c);
    const checked = AnnouncementBody.safeParse(body);
    if (!checked.success) {
      const map: Record<string, string> = {};
      for (const i of checked.error.issues) map[String(i.path[0] ?? '')] ??= announcementIssue(i);
      setErrors(map);
      setTimeout(() => document.querySelector<HTMLElement>('.compose [aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setErrors({});
    try {
      const saved = draftId ? await api<AnnouncementCreated>('PUT', `/announcements/${draftId}`, checked.data) : await api<AnnouncementCreated>('POST', '/announcements', checked.data);
      setDraftId(saved.id);
      setReview({ id: saved.id, title: checked.data.title, text: checked.data.text, buttons: checked.data.buttons, audience: checked.data.audience, audienceSize: saved.audienceSize, sendAt: checked.data.sendAt ?? null });
      void list.reload();
    } catch (err) {
      if (err instanceof ApiError && err.body.fields) {
        setErrors(Object.fromEntries(Object.entries(err.body.fields).map(([k, v]) => [k.split('.')[0]!, `${announcementFieldLabel(k.split('.'))}: ${v}`])));
      } else say(explain(err), 'error');
    }
  }

  async function reviewDraft(a: AnnouncementReport) {
    try {
      const full = await api<AnnouncementReport & { text: string; buttons: ReplyButton[] }>('GET', `/announcements/${a.id}`);
      const size = await api<{ size: number }>('POST', '/announcements/audience-size', { audience: full.audience }).catch(() => ({ size: 0 }));
      const buttons = full.buttons.map((b) => (b.kind === 'url' ? { title: b.title, url: b.url } : b.kind === 'phone' ? { title: b.title, phone: b.phone } : { title: b.title, payload: b.payload }));
      setReview({ id: a.id, title: full.title, text: full.text, buttons, audience: full.audience, audienceSize: size.size, sendAt: full.sendAt });
    } catch (err) {
      say(explain(err), 'error');
    }
  }

  const tagList = tags.data?.tags ?? [];
  return (
    <Page title="Thông báo">
      <form class="card compose" onSubmit={(e) => void toReview(e)} noValidate>
        <h3>Soạn thông báo</h3>
        <TextField label="Tiêu đề" required maxLength={100} value={c.title} onValue={(title) => set({ title })} error={errors.title} />
        <TextAreaField label="Nội dung" required maxLength={2000} rows={5} value={c.text} onValue={(text) => set({ text })} error={errors.text} hint={`${formatNumber(c.text.length)}/2.000 ký tự`} />
        <fieldset class="buttons-edit">
          <legend>Nút bấm (không bắt buộc, tối đa 5)</legend>
          {errors.buttons ? <p class="ferr">{errors.buttons}</p> : null}
          {c.buttons.map((b, i) => (
            <div class="grid repeat" key={i} role="group" aria-label={`Nút ${i + 1}`}>
              <TextField label={`Nút ${i + 1} – chữ trên nút`} value={b.title} maxLength={100} onValue={(title) => set({ buttons: c.buttons.map((x, j) => (j === i ? { ...x, title } : x)) })} />
              <div class="field">
                <label for={`btn-kind-${i}`}>Nút {i + 1} – khi bấm</label>
                <select id={`btn-kind-${i}`} value={b.kind} onChange={(e) => set({ buttons: c.buttons.map((x, j) => (j === i ? { ...x, kind: e.currentTarget.value as ButtonRow['kind'] } : x)) })}>
                  <option value="url">Mở trang web</option>
                  <option value="phone">Gọi điện</option>
                </select>
              </div>
              <TextField label={b.kind === 'url' ? `Nút ${i + 1} – địa chỉ trang` : `Nút ${i + 1} – số điện thoại`} value={b.target} type={b.kind === 'url' ? 'url' : 'text'} onValue={(target) => set({ buttons: c.buttons.map((x, j) => (j === i ? { ...x, target } : x)) })} />
              <button type="button" class="danger" onClick={() => set({ buttons: c.buttons.filter((_x, j) => j !== i) })}>
                Xoá nút {i + 1}
              </button>
            </div>
          ))}
          {c.buttons.length < 5 ? (
            <button type="button" onClick={() => set({ buttons: [...c.buttons, { title: '', kind: 'url', target: '' }] })}>
              Thêm nút
            </button>
          ) : null}
        </fieldset>
        <fieldset class={`audience${errors.audience ? ' invalid' : ''}`}>
          <legend>Người nhận</legend>
          {(
            [
              ['all', 'Mọi người quan tâm OA'],
              ['tags', 'Người có nhãn (xã, phường, chủ đề)'],
              ['userIds', 'Danh sách mã người dùng Zalo'],
            ] as const
          ).map(([value, label]) => (
            <label key={value} class="check-inline">
              <input type="radio" name="audience" value={value} checked={c.audienceKind === value} onChange={() => set({ audienceKind: value })} /> {label}
            </label>
          ))}
          {c.audienceKind === 'tags' ? (
            <fieldset class="tag-choices">
              <legend>Chọn nhãn</legend>
              {tagList.length === 0 ? <p class="muted">Chưa có nhãn nào: tạo nhãn ở trang Nhãn người nhận.</p> : null}
              {tagList.map((t) => (
                <label key={t.tag} class="check-inline">
                  <input type="checkbox" checked={c.tags.includes(t.tag)} onChange={(e) => set({ tags: e.currentTarget.checked ? [...c.tags, t.tag] : c.tags.filter((x) => x !== t.tag) })} /> {t.tag} ({formatNumber(t.followers)} người)
                </label>
              ))}
            </fieldset>
          ) : null}
          {c.audienceKind === 'userIds' ? <TextAreaField label="Mã người dùng Zalo" hint="Mỗi dòng một mã, hoặc cách nhau bằng dấu phẩy." rows={3} value={c.userIds} onValue={(userIds) => set({ userIds })} /> : null}
          {errors.audience ? <p class="ferr">{errors.audience}</p> : null}
          <p class="audience-size" aria-live="polite">
            {size === null ? (c.audienceKind ? 'Đang đếm người nhận…' : 'Chưa chọn người nhận.') : 'n' in size ? `Sẽ đến ${formatNumber(size.n)} người.` : <span class="ferr">{size.error}</span>}
          </p>
        </fieldset>
        <fieldset>
          <legend>Hẹn giờ gửi (để trống: gửi ngay)</legend>
          <div class="grid">
            <TextField label="Ngày gửi" placeholder="dd/mm/yyyy" inputMode="numeric" value={c.sendDate} onValue={(sendDate) => set({ sendDate })} error={errors.sendAt} hint="dd/mm/yyyy" />
            <TextField label="Giờ gửi" placeholder="hh:mm" inputMode="numeric" value={c.sendTime} onValue={(sendTime) => set({ sendTime })} hint="Giờ Việt Nam, ví dụ 08:00" />
          </div>
        </fieldset>
        <button class="primary" type="submit">
          Xem lại và gửi…
        </button>
      </form>

      <h3>Đã tạo</h3>
      <LoadState loading={list.loading && !list.data} error={list.error}>
        <TableWrap label="Thông báo đã tạo">
          <table>
            <thead>
              <tr>
                <th scope="col">Tiêu đề</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Người nhận và tiến độ</th>
                <th scope="col">Thời gian</th>
                <th scope="col">Người tạo</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {(list.data?.announcements ?? []).map((a) => {
                const done = a.sent + a.failed + a.skipped + a.cancelled;
                return (
                  <tr key={a.id} data-id={a.id}>
                    <td>{a.title}</td>
                    <td>
                      <span class={`status ${a.status}`} data-status={a.status}>
                        {ANN_STATUS[a.status]}
                      </span>
                    </td>
                    <td>
                      <div>{audienceWords(a.audience, a.total)}</div>
                      {a.total ? <progress max={a.total} value={done} aria-label={`Tiến độ gửi ${a.title}: ${done}/${a.total}`} /> : null}
                      <div class="progress-text">
                        {formatNumber(a.sent)} đã gửi · {formatNumber(a.failed)} lỗi · {formatNumber(a.skipped)} bỏ qua
                        {a.total !== null ? ` / ${formatNumber(a.total)}` : ''}
                      </div>
                    </td>
                    <td>{formatDateTime(a.sendAt ?? a.createdAt)}</td>
                    <td>{a.createdBy}</td>
                    <td>
                      <div class="row">
                        {a.status === 'draft' ? (
                          <button type="button" onClick={() => void reviewDraft(a)}>
                            Xem lại và gửi…
                          </button>
                        ) : null}
                        {a.status === 'scheduled' || a.status === 'sending' || a.status === 'draft' ? (
                          <button type="button" class="danger" onClick={() => setCancelling(a)}>
                            Huỷ…
                          </button>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      </LoadState>
      {review ? (
        <SendReviewDialog
          a={review}
          onClose={() => setReview(null)}
          onSent={() => {
            if (review.id === draftId) {
              setC(EMPTY);
              setDraftId(null);
            }
            void list.reload();
          }}
        />
      ) : null}
      {cancelling ? (
        <ConfirmDialog
          title="Huỷ thông báo"
          confirmLabel="Huỷ thông báo"
          danger
          onClose={() => setCancelling(null)}
          onConfirm={async () => {
            await api('POST', `/announcements/${cancelling.id}/cancel`, {});
            say(`Đã huỷ “${cancelling.title}”. Những người đã nhận vẫn giữ tin nhắn.`);
            if (cancelling.id === draftId) setDraftId(null);
            await list.reload();
          }}
        >
          <p>
            Huỷ “{cancelling.title}”? {cancelling.status === 'sending' ? `Đã gửi cho ${formatNumber(cancelling.sent)} người; những người còn lại sẽ không nhận.` : 'Chưa ai nhận thông báo này.'}
          </p>
        </ConfirmDialog>
      ) : null}
    </Page>
  );
}
