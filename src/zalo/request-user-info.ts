/**
 * Zalo's "request user info" card (reference §3.2, §3.9): sent through /v3.0/oa/message/cs, it asks the
 * citizen to share their phone and name; the answer comes back as a `user_submit_info` webhook event.
 * Every documented example has exactly one element; title ≤ 100 and subtitle ≤ 500 characters (one vendor doc).
 */

export const REQUEST_INFO_TITLE_MAX = 100;
export const REQUEST_INFO_SUBTITLE_MAX = 500;

export interface RequestUserInfoElement {
  title: string;
  subtitle: string;
  /** Whether Zalo requires the image is unconfirmed: omitted when not configured. */
  imageUrl?: string;
}

export interface RequestUserInfoMessage {
  attachment: {
    type: 'template';
    payload: { template_type: 'request_user_info'; elements: [{ title: string; subtitle: string; image_url?: string }] };
  };
}

function cut(text: string, max: number): string {
  const chars = Array.from(text.trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

export function buildRequestUserInfoMessage(el: RequestUserInfoElement): RequestUserInfoMessage {
  const element = { title: cut(el.title, REQUEST_INFO_TITLE_MAX), subtitle: cut(el.subtitle, REQUEST_INFO_SUBTITLE_MAX), ...(el.imageUrl ? { image_url: el.imageUrl } : {}) };
  return { attachment: { type: 'template', payload: { template_type: 'request_user_info', elements: [element] } } };
}
