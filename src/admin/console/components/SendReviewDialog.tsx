import { useState } from 'preact/hooks';
import { ZaloUserId, type Audience, type AnnouncementButton, type TestSendResult } from '../../api-types.js';
import { formatDateTime, formatNumber } from '../../format-vi.js';
import { api, explain } from '../lib/api.js';
import { audienceWords } from '../lib/announcement-words.js';
import { session, say } from '../lib/store.js';
import { AnnouncementPreview } from './AnnouncementPreview.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { TextField } from './inputs.js';

export interface ReviewedAnnouncement {
  id: string;
  title: string;
  text: string;
  buttons: AnnouncementButton[];
  audience: Audience;
  audienceSize: number;
  sendAt: string | null;
}

/**
 * The last step before an announcement reaches citizens: who (and how many), when, the message as they will see
 * it, a test send to oneself, then one explicit confirmation.
 */
export function SendReviewDialog({ a, onClose, onSent }: { a: ReviewedAnnouncement; onClose: () => void; onSent: () => void }) {
  const [testNote, setTestNote] = useState<{ text: string; error: boolean } | null>(null);
  const own = session.value?.testRecipient ?? null;
  async function testToSelf() {
    setTestNote(null);
    try {
      const res = await api<TestSendResult>('POST', `/announcements/${a.id}/test`, {});
      const r = res.results[0];
      setTestNote(r?.ok ? { text: 'Đã gửi thử tới Zalo của anh/chị. Hãy mở Zalo để xem.', error: false } : { text: `Zalo chưa nhận tin thử (mã lỗi ${r?.error ?? 'không rõ'}).`, error: true });
    } catch (err) {
      setTestNote({ text: explain(err), error: true });
    }
  }
  return (
    <ConfirmDialog
      title="Xem lại trước khi gửi"
      confirmLabel={a.sendAt ? `Hẹn gửi cho ${formatNumber(a.audienceSize)} người` : `Gửi cho ${formatNumber(a.audienceSize)} người`}
      confirmDisabled={a.audienceSize === 0}
      onClose={onClose}
      onConfirm={async () => {
        await api('POST', `/announcements/${a.id}/send`, {});
        say(a.sendAt ? `Đã hẹn gửi “${a.title}” lúc ${formatDateTime(a.sendAt)} cho ${formatNumber(a.audienceSize)} người.` : `Đang gửi “${a.title}” cho ${formatNumber(a.audienceSize)} người.`);
        onSent();
      }}
      extra={
        <button type="button" onClick={() => void testToSelf()} disabled={!own} title={own ? undefined : 'Chưa đăng ký mã Zalo nhận tin thử'}>
          Gửi thử cho tôi
        </button>
      }
    >
      <dl class="kv">
        <dt>Người nhận</dt>
        <dd data-k="audience">{audienceWords(a.audience, a.audienceSize)}</dd>
        <dt>Thời gian</dt>
        <dd>{a.sendAt ? `Hẹn gửi lúc ${formatDateTime(a.sendAt)}` : 'Gửi ngay (ngoài giờ nghỉ đêm)'}</dd>
      </dl>
      {a.audienceSize === 0 ? <p class="errors">Không có ai trong nhóm người nhận này: thông báo sẽ không đến được ai.</p> : null}
      <h3>Người dân sẽ thấy</h3>
      <AnnouncementPreview title={a.title} text={a.text} buttons={a.buttons} />
      {own ? null : <RegisterOwnZalo />}
      <div aria-live="polite">{testNote ? <p class={testNote.error ? 'errors' : 'ok'}>{testNote.text}</p> : null}</div>
    </ConfirmDialog>
  );
}

/** "Gửi thử cho tôi" needs the staff member's own Zalo id: registered here once, kept on the account. */
function RegisterOwnZalo() {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const me = session.value!;
  async function register() {
    if (!ZaloUserId.safeParse(value).success) return setError('Mã Zalo: chỉ gồm chữ, số, “_” hoặc “-”.');
    try {
      await api('PUT', `/users/${encodeURIComponent(me.user.username)}/test-recipient`, { userId: value.trim() });
      session.value = { ...me, testRecipient: value.trim() };
    } catch (err) {
      setError(explain(err));
    }
  }
  return (
    <div class="card">
      <p>Để gửi thử cho mình, đăng ký mã Zalo của chính anh/chị (tài khoản đang quan tâm OA):</p>
      <div class="row">
        <div class="grow">
          <TextField label="Mã Zalo của tôi" value={value} onValue={setValue} error={error} />
        </div>
        <button type="button" onClick={() => void register()}>
          Đăng ký
        </button>
      </div>
    </div>
  );
}
