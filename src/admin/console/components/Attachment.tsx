import { useState } from 'preact/hooks';
import type { InboxAttachment } from '../../api-types.js';

const TYPE_WORDS: Record<string, string> = { audio: 'Tin nhắn thoại', image: 'Ảnh', gif: 'Ảnh động', video: 'Video', sticker: 'Nhãn dán', location: 'Vị trí', file: 'Tệp', link: 'Liên kết' };

export const attachmentWords = (type: string): string => TYPE_WORDS[type] ?? `Tệp đính kèm (${type})`;

/**
 * A voice message, photo or video a citizen sent, played from this origin (the media route fetches it from Zalo
 * behind the login). Zalo's voice notes may be .amr, which browsers do not play: then it offers the download.
 */
export function Attachment({ attachment: a, when }: { attachment: InboxAttachment; when: string }) {
  const [failed, setFailed] = useState(false);
  const label = `${attachmentWords(a.type)} người dân gửi lúc ${when}`;
  if (!a.playUrl) return <p class="attachment muted">{attachmentWords(a.type)} (không mở được từ trang quản trị)</p>;
  const download = (
    <a href={a.playUrl} download>
      Tải {attachmentWords(a.type).toLowerCase()} về máy
    </a>
  );
  if (a.type === 'audio') {
    return (
      <div class="attachment" data-attachment="audio">
        <audio controls preload="metadata" src={a.playUrl} aria-label={label} onError={() => setFailed(true)} />
        {failed ? <p class="small">Trình duyệt không phát được tệp này (tệp có thể đã hết hạn trên Zalo, hoặc là định dạng .amr). </p> : null}
        <p class="small">{download}</p>
      </div>
    );
  }
  if (a.type === 'image' || a.type === 'gif' || a.type === 'sticker') {
    return (
      <div class="attachment" data-attachment="image">
        {failed ? (
          <p class="small">Không tải được ảnh (đường dẫn của Zalo có thể đã hết hạn).</p>
        ) : (
          <a href={a.playUrl} target="_blank" rel="noopener">
            <img src={a.playUrl} alt={label} loading="lazy" onError={() => setFailed(true)} />
          </a>
        )}
      </div>
    );
  }
  if (a.type === 'video') {
    // Opened in its own tab: a citizen's video has no captions to offer inside the page.
    return (
      <p class="attachment" data-attachment="video">
        <a href={a.playUrl} target="_blank" rel="noopener">
          Mở video người dân gửi lúc {when}
        </a>
      </p>
    );
  }
  return <p class="attachment">{download}</p>;
}
