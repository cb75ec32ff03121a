import { useState } from 'preact/hooks';
import {
  COMPLAINT_ANSWER_MAX_CHARS,
  COMPLAINT_STATUSES,
  ComplaintAnswerBody,
  WITHDRAWN_USER_ID,
  type Complaint,
  type ComplaintAnswerPreview,
  type ComplaintChangeResponse,
  type ComplaintDetailResponse,
  type ComplaintPhoneResponse,
  type ComplaintStatus,
} from '../../api-types.js';
import type { Reply } from '../../../dialogue/types.js';
import { formatDateTime, formatNumber } from '../../format-vi.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { SelectField, TextAreaField } from '../components/inputs.js';
import { LoadState, Page } from '../components/Page.js';
import { ReplyBubbles } from '../components/ReplyBubbles.js';
import { api, explain } from '../lib/api.js';
import { answerIssue, COMPLAINT_STATUS_WORDS, complaintEventWords } from '../lib/complaint-words.js';
import { say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';
import type { PageProps } from '../registry.js';

/** One complaint: what the citizen wrote, who they are (as far as they shared it), its history; change its status, answer it. */
export function ComplaintPage({ params }: PageProps) {
  const ref = params.ref!;
  const data = useLoad(() => api<ComplaintDetailResponse>('GET', `/complaints/${encodeURIComponent(ref)}`), [ref]);
  const c = data.data?.complaint;
  return (
    <Page title={`Phản ánh ${ref}`}>
      <p>
        <a href="#/complaints">← Danh sách phản ánh</a>
      </p>
      <LoadState loading={data.loading && !data.data} error={data.error}>
        {c && data.data ? (
          <div class="cols">
            <div>
              <section class="card" aria-labelledby="complaint-text">
                <h3 id="complaint-text">Nội dung</h3>
                {c.parts.map((p, i) => (
                  <div key={i} class="complaint-part">
                    <p class="muted">{i === 0 ? `Gửi lúc ${formatDateTime(p.at)}` : `Bổ sung lúc ${formatDateTime(p.at)}`}</p>
                    <p class="complaint-text">{p.text}</p>
                  </div>
                ))}
              </section>
              <AnswerForm complaint={c} onChanged={() => void data.reload()} />
            </div>
            <div>
              <Citizen complaint={c} displayName={data.data.displayName} />
              <StatusCard key={c.status} complaint={c} onChanged={() => void data.reload()} />
              <section class="card" aria-labelledby="complaint-history">
                <h3 id="complaint-history">Lịch sử</h3>
                <ol class="history">
                  {c.history.map((e, i) => (
                    <li key={i} data-action={e.action}>
                      <span class="muted">{formatDateTime(e.at)}</span> {complaintEventWords(e)}
                    </li>
                  ))}
                </ol>
              </section>
            </div>
          </div>
        ) : null}
      </LoadState>
    </Page>
  );
}

/** Who filed it: the Zalo display name, the name and phone they chose to share; the phone masked until asked for. */
function Citizen({ complaint: c, displayName }: { complaint: Complaint; displayName: string | null }) {
  // The API sends the phone masked; the full number is asked for (and audited) only when staff need to call.
  const [full, setFull] = useState<string | null>(null);
  const [revealError, setRevealError] = useState<string | null>(null);
  const phone = c.contact?.phone;
  const reveal = async () => {
    if (full) return setFull(null);
    try {
      setRevealError(null);
      setFull((await api<ComplaintPhoneResponse>('POST', `/complaints/${encodeURIComponent(c.ref)}/phone`)).phone);
    } catch (err) {
      setRevealError(explain(err));
    }
  };
  const withdrawn = c.userId === WITHDRAWN_USER_ID;
  return (
    <section class="card" aria-labelledby="complaint-citizen">
      <h3 id="complaint-citizen">Người gửi</h3>
      <dl class="kv">
        <dt>Tên Zalo</dt>
        <dd data-k="display-name">{displayName ?? (withdrawn ? 'Đã xoá theo yêu cầu của người dân' : 'Zalo không cho biết')}</dd>
        {c.contact?.name ? (
          <>
            <dt>Tên đã chia sẻ</dt>
            <dd>{c.contact.name}</dd>
          </>
        ) : null}
        <dt>Số điện thoại</dt>
        <dd data-k="phone">
          {phone ? (
            <span class="row">
              <span aria-live="polite">{full ?? <span aria-label={`Đã ẩn, kết thúc bằng ${phone.slice(-2)}`}>{phone}</span>}</span>
              <button type="button" class="small-button" aria-pressed={full !== null} onClick={() => void reveal()}>
                {full ? 'Ẩn số' : 'Hiện số'}
              </button>
              {revealError ? <span role="alert">{revealError}</span> : null}
            </span>
          ) : (
            'Người dân chưa chia sẻ'
          )}
        </dd>
        <dt>Ngôn ngữ</dt>
        <dd>{c.language === 'en' ? 'Tiếng Anh' : 'Tiếng Việt'}</dd>
      </dl>
      {phone ? <p class="hint">Số điện thoại người dân chia sẻ (có đồng ý) chỉ dùng để liên hệ về phản ánh này.</p> : null}
    </section>
  );
}

/** The status, changed only after a confirmation that says the citizen is not messaged by it. */
function StatusCard({ complaint: c, onChanged }: { complaint: Complaint; onChanged: () => void }) {
  const [next, setNext] = useState<ComplaintStatus>(c.status);
  const [confirming, setConfirming] = useState(false);
  return (
    <section class="card" aria-labelledby="complaint-status">
      <h3 id="complaint-status">Trạng thái</h3>
      <p>
        Hiện tại:{' '}
        <span class={`status ${c.status}`} data-status={c.status}>
          {COMPLAINT_STATUS_WORDS[c.status]}
        </span>
      </p>
      <div class="row">
        <SelectField
          class="grow"
          label="Trạng thái mới"
          value={next}
          options={COMPLAINT_STATUSES.map((s) => ({ value: s, label: COMPLAINT_STATUS_WORDS[s] }))}
          onValue={(v) => setNext(v as ComplaintStatus)}
        />
        <button type="button" disabled={next === c.status} onClick={() => setConfirming(true)}>
          Đổi trạng thái…
        </button>
      </div>
      {confirming ? (
        <ConfirmDialog
          title={`Đổi trạng thái phản ánh ${c.ref}`}
          confirmLabel={`Đổi sang “${COMPLAINT_STATUS_WORDS[next]}”`}
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            await api<ComplaintChangeResponse>('POST', `/complaints/${c.ref}/status`, { status: next });
            say(`Đã đổi trạng thái phản ánh ${c.ref} sang “${COMPLAINT_STATUS_WORDS[next]}”.`);
            onChanged();
          }}
        >
          <p class="diff-line">
            {COMPLAINT_STATUS_WORDS[c.status]} → {COMPLAINT_STATUS_WORDS[next]}
          </p>
          <p>Người dân không nhận tin nhắn nào khi đổi trạng thái. Câu trả lời gửi người dân ở phần “Trả lời người dân”.</p>
          {next === 'answered' && !c.answer ? <p class="warn">Phản ánh này chưa có câu trả lời nào gửi qua Zalo. Chỉ chọn “Đã trả lời” khi đã trả lời người dân bằng cách khác (điện thoại, văn bản).</p> : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

/** The answer: written, checked, previewed as the citizen will read it in Zalo, confirmed, then sent. */
function AnswerForm({ complaint: c, onChanged }: { complaint: Complaint; onChanged: () => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [review, setReview] = useState<{ text: string; replies: Reply[] } | null>(null);
  const [busy, setBusy] = useState(false);
  if (c.userId === WITHDRAWN_USER_ID) {
    return (
      <section class="card">
        <h3>Trả lời người dân</h3>
        <p>Người dân đã yêu cầu xoá dữ liệu: không còn gửi được câu trả lời qua Zalo.</p>
      </section>
    );
  }
  async function toReview(e: Event) {
    e.preventDefault();
    const checked = ComplaintAnswerBody.safeParse({ text });
    if (!checked.success) {
      setError(answerIssue(checked.error.issues[0]!));
      setTimeout(() => document.querySelector<HTMLElement>('.answer-form textarea')?.focus(), 0);
      return;
    }
    setError(undefined);
    setBusy(true);
    try {
      const preview = await api<ComplaintAnswerPreview>('POST', `/complaints/${c.ref}/answer/preview`, checked.data);
      setReview({ text: checked.data.text, replies: preview.replies });
    } catch (err) {
      say(explain(err), 'error');
    } finally {
      setBusy(false);
    }
  }
  const length = Array.from(text.trim()).length;
  return (
    <>
      <form class="card answer-form" onSubmit={(e) => void toReview(e)} noValidate aria-labelledby="complaint-answer">
        <h3 id="complaint-answer">Trả lời người dân</h3>
        {c.answer ? (
          <div class="previous-answer">
            <p class="muted">
              Đã trả lời lúc {formatDateTime(c.answer.at)} ({c.answer.by}):
            </p>
            <p class="complaint-text">{c.answer.text}</p>
          </div>
        ) : null}
        <TextAreaField
          label={c.answer ? 'Nội dung trả lời thêm' : 'Nội dung trả lời'}
          rows={6}
          value={text}
          error={error}
          hint={`${formatNumber(length)}/${formatNumber(COMPLAINT_ANSWER_MAX_CHARS)} ký tự. Người dân nhận qua Zalo, kèm số tham chiếu ${c.ref}.`}
          onValue={setText}
        />
        <button type="submit" class="primary" disabled={busy}>
          Xem trước và gửi…
        </button>
      </form>
      {review ? (
        <ConfirmDialog
          title="Gửi câu trả lời cho người dân"
          confirmLabel="Gửi cho người dân"
          onClose={() => (setReview(null), onChanged())}
          onConfirm={async () => {
            await api<ComplaintChangeResponse>('POST', `/complaints/${c.ref}/answer`, { text: review.text });
            say(`Đã gửi câu trả lời qua Zalo. Phản ánh ${c.ref} chuyển sang “${COMPLAINT_STATUS_WORDS.answered}”.`);
            setText('');
          }}
        >
          <p>Người dân sẽ nhận tin nhắn này trong Zalo, và phản ánh chuyển sang “{COMPLAINT_STATUS_WORDS.answered}”:</p>
          <div aria-label="Người dân sẽ thấy" role="group">
            <ReplyBubbles replies={review.replies} />
          </div>
          {c.language === 'en' ? <p class="hint">Người dân dùng tiếng Anh: dòng đầu bằng tiếng Anh; nội dung anh/chị viết được gửi nguyên văn.</p> : null}
          {c.answer ? <p class="warn">Phản ánh này đã được trả lời lúc {formatDateTime(c.answer.at)}; tin nhắn này được gửi thêm.</p> : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
