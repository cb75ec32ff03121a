import type { AnnouncementButton } from '../../api-types.js';

/** The announcement as the citizen sees it in Zalo: a message with its title, text and buttons. */
export function AnnouncementPreview({ title, text, buttons }: { title: string; text: string; buttons: readonly AnnouncementButton[] }) {
  return (
    <div class="bubbles bot" aria-label="Người dân sẽ thấy">
      <div class="bubble-group">
        <div class="bubble">
          <strong class="bubble-title">{title}</strong>
          <p>{text}</p>
        </div>
        {buttons.length ? (
          <ul class="zbuttons" aria-label="Nút bấm trong tin nhắn">
            {buttons.map((b, i) => (
              <li key={i}>
                <span class="zbutton">
                  {b.title}
                  <span class="sr-only">{'url' in b ? ` (mở trang ${b.url})` : 'phone' in b ? ` (gọi ${b.phone})` : ''}</span>
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
