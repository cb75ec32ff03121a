import type { Reply, ReplyButton } from '../../../dialogue/types.js';

/**
 * A reply as the citizen sees it in Zalo: a bubble of text and, under it, its buttons. A button that sends a
 * message back (a query) can be tapped when `onTap` is given (the test console continues the conversation).
 */
export function ReplyBubbles({ replies, onTap, from = 'bot' }: { replies: readonly Reply[]; onTap?: (b: ReplyButton & { kind: 'query' }) => void; from?: 'bot' | 'citizen' }) {
  return (
    <div class={`bubbles ${from}`}>
      {replies.map((r, i) => (
        <div class="bubble-group" key={i}>
          {r.imageUrl ? <p class="bubble image-note">Ảnh kèm theo: {r.imageUrl}</p> : null}
          <p class="bubble">{r.text}</p>
          {r.buttons.length ? (
            <ul class="zbuttons" aria-label="Nút bấm trong tin nhắn">
              {r.buttons.map((b, j) => (
                <li key={j}>
                  {b.kind === 'query' && onTap ? (
                    <button type="button" class="zbutton" onClick={() => onTap(b)}>
                      {b.title}
                    </button>
                  ) : (
                    <span class="zbutton" title={b.kind === 'url' ? b.url : b.kind === 'phone' ? b.phone : undefined}>
                      {b.title}
                      <span class="sr-only">{b.kind === 'url' ? ` (mở trang ${b.url})` : b.kind === 'phone' ? ` (gọi ${b.phone})` : ''}</span>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </div>
  );
}
