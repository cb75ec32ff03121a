import { useEffect, useRef, useState } from 'preact/hooks';
import type { InboxAttachment, InboxConversation, InboxItem, ReleaseResponse } from '../../api-types.js';
import { formatDateTime } from '../../format-vi.js';
import { Attachment, attachmentWords } from '../components/Attachment.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { LoadState, Page } from '../components/Page.js';
import { api, explain } from '../lib/api.js';
import { say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';

const short = (userId: string) => `Người dùng …${userId.slice(-6)}`;
/** The citizen's Zalo display name when Zalo gives one, else the end of their id. */
const nameOf = (userId: string, displayName: string | null | undefined) => displayName ?? short(userId);

/** Conversations handed to staff: read the thread, reply through Zalo, hand it back to the bot. */
export function InboxPage() {
  const list = useLoad(() => api<{ items: InboxItem[] }>('GET', '/handoffs'), [], 4000);
  const [selected, setSelected] = useState<string | null>(null);
  const items = list.data?.items ?? [];
  return (
    <Page title="Hộp thư cán bộ">
      <div class="cols inbox">
        <LoadState loading={list.loading && !list.data} error={list.error}>
          <ul class="inbox-list" aria-label="Cuộc trò chuyện chờ cán bộ">
            {items.length === 0 ? <li class="muted">Không có cuộc trò chuyện nào đang chờ cán bộ.</li> : null}
            {items.map((it) => (
              <li key={it.userId}>
                <button type="button" data-user={it.userId} aria-pressed={selected === it.userId} onClick={() => setSelected(it.userId)}>
                  <strong>{nameOf(it.userId, it.displayName)}</strong>
                  <span class="muted">
                    {it.by === 'staff' ? 'Cán bộ nhận qua Zalo' : 'Người dân yêu cầu'} · {formatDateTime(it.lastActivityAt)}
                  </span>
                  {it.last ? <span>{it.last.text ? it.last.text.slice(0, 80) : it.last.attachment ? `[${attachmentWords(it.last.attachment.type)}]` : ''}</span> : null}
                </button>
              </li>
            ))}
          </ul>
        </LoadState>
        {selected ? (
          <Conversation key={selected} userId={selected} onReleased={() => (setSelected(null), void list.reload())} />
        ) : (
          <div class="card">
            <p class="muted">Chọn một cuộc trò chuyện.</p>
          </div>
        )}
      </div>
    </Page>
  );
}

interface Line {
  from: 'citizen' | 'staff' | 'bot';
  text: string;
  at: number;
  staff?: string;
  attachment?: InboxAttachment;
}

function Message({ m }: { m: Line }) {
  const when = formatDateTime(m.at);
  const who = m.from === 'staff' ? (m.staff ?? 'Cán bộ') : m.from === 'bot' ? 'Trợ lý tự động' : 'Người dân';
  return (
    <div class={`msg ${m.from}`}>
      <small>
        {who} · {when}
      </small>
      {m.text}
      {m.attachment ? <Attachment attachment={m.attachment} when={when} /> : null}
    </div>
  );
}

function Conversation({ userId, onReleased }: { userId: string; onReleased: () => void }) {
  const thread = useLoad(() => api<InboxConversation>('GET', `/handoffs/${userId}/messages`), [userId], 4000);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [releasing, setReleasing] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const count = thread.data?.messages.length ?? 0;
  const name = nameOf(userId, thread.data?.displayName);
  const before = thread.data?.before ?? [];
  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [count]);
  async function reply(e: Event) {
    e.preventDefault();
    if (!text.trim()) return;
    setBusy(true);
    try {
      await api('POST', `/handoffs/${userId}/reply`, { text });
      setText('');
      say('Đã gửi qua Zalo.');
      await thread.reload();
    } catch (err) {
      say(explain(err), 'error');
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="card" id="conversation" aria-label={`Trò chuyện với ${name}`}>
      <h3>{name}</h3>
      {thread.data?.displayName ? <p class="muted small">Tên Zalo của người dân · mã …{userId.slice(-6)}</p> : null}
      {thread.data?.state ? <p class="muted">Bắt đầu {formatDateTime(thread.data.state.since)}; tự kết thúc nếu không có trao đổi trong thời gian quy định.</p> : null}
      <LoadState loading={thread.loading && !thread.data} error={thread.error}>
        <div class="thread" ref={box} tabIndex={0} role="log" aria-label="Tin nhắn">
          {before.length ? (
            <>
              <p class="thread-note">Trò chuyện với trợ lý tự động trước khi chuyển cán bộ (đã ẩn thông tin cá nhân):</p>
              {before.map((m, i) => (
                <Message key={`b${i}`} m={m} />
              ))}
              <p class="thread-note">Chuyển cho cán bộ {thread.data?.state ? `lúc ${formatDateTime(thread.data.state.since)}` : ''}</p>
            </>
          ) : null}
          {(thread.data?.messages ?? []).map((m, i) => (
            <Message key={i} m={m} />
          ))}
        </div>
      </LoadState>
      <form onSubmit={(e) => void reply(e)}>
        <label for="reply-text">Nội dung trả lời</label>
        <textarea id="reply-text" rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <div class="row">
          <button class="primary" type="submit" disabled={busy}>
            Gửi trả lời
          </button>
          <button type="button" onClick={() => setReleasing(true)}>
            Trả lại cho trợ lý tự động…
          </button>
        </div>
      </form>
      {releasing ? (
        <ConfirmDialog
          title="Trả lại cho trợ lý tự động"
          confirmLabel="Trả lại và báo người dân"
          onClose={() => setReleasing(false)}
          onConfirm={async () => {
            const res = await api<ReleaseResponse>('POST', `/handoffs/${userId}/release`, {});
            say(
              res.notified
                ? `Đã trả cuộc trò chuyện với ${name} cho trợ lý tự động và đã báo cho người dân qua Zalo.`
                : `Đã trả cuộc trò chuyện với ${name} cho trợ lý tự động. Chưa báo được cho người dân qua Zalo (có thể đã quá thời hạn nhận tin tư vấn).`,
            );
            onReleased();
          }}
        >
          <p>Trợ lý tự động sẽ trả lời {name} từ bây giờ. Người dân sẽ nhận một tin nhắn báo rằng cán bộ đã kết thúc hỗ trợ trực tiếp, kèm menu và nút “Gặp cán bộ” khi cần.</p>
          <p class="hint">Nếu người dân không nhắn gì trong 7 ngày qua, Zalo không cho gửi tin báo này; cuộc trò chuyện vẫn được trả lại.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
