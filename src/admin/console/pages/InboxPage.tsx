import { useEffect, useRef, useState } from 'preact/hooks';
import type { HandoffMessage, HandoffState } from '../../api-types.js';
import { formatDateTime } from '../../format-vi.js';
import { LoadState, Page } from '../components/Page.js';
import { api, explain } from '../lib/api.js';
import { say } from '../lib/store.js';
import { useLoad } from '../lib/use-load.js';

type InboxItem = HandoffState & { last: HandoffMessage | null };
const short = (userId: string) => `Người dùng …${userId.slice(-6)}`;

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
                  <strong>{short(it.userId)}</strong>
                  <span class="muted">
                    {it.by === 'staff' ? 'Cán bộ nhận qua Zalo' : 'Người dân yêu cầu'} · {formatDateTime(it.lastActivityAt)}
                  </span>
                  {it.last ? <span>{it.last.text.slice(0, 80)}</span> : null}
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

function Conversation({ userId, onReleased }: { userId: string; onReleased: () => void }) {
  const thread = useLoad(() => api<{ state: HandoffState | null; messages: HandoffMessage[] }>('GET', `/handoffs/${userId}/messages`), [userId], 4000);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const count = thread.data?.messages.length ?? 0;
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
  async function release() {
    try {
      await api('POST', `/handoffs/${userId}/release`, {});
      say('Đã trả cuộc trò chuyện cho trợ lý tự động.');
      onReleased();
    } catch (err) {
      say(explain(err), 'error');
    }
  }
  return (
    <section class="card" id="conversation" aria-label={short(userId)}>
      <h3>{short(userId)}</h3>
      {thread.data?.state ? <p class="muted">Bắt đầu {formatDateTime(thread.data.state.since)}; tự kết thúc nếu không có trao đổi trong thời gian quy định.</p> : null}
      <LoadState loading={thread.loading && !thread.data} error={thread.error}>
        <div class="thread" ref={box} tabIndex={0} role="log" aria-label="Tin nhắn">
          {(thread.data?.messages ?? []).map((m, i) => (
            <div key={i} class={`msg ${m.from}`}>
              <small>
                {m.from === 'staff' ? (m.staff ?? 'Cán bộ') : 'Người dân'} · {formatDateTime(m.at)}
              </small>
              {m.text}
            </div>
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
          <button type="button" onClick={() => void release()}>
            Trả lại cho trợ lý tự động
          </button>
        </div>
      </form>
    </section>
  );
}
