/**
 * Webhook bodies composed from the shapes of the Zalo OA reference (§1.2–1.4), one per event name.
 * Kept as JSON text: the signature is computed over exact bytes.
 */
export const APP_ID = '4120118000000000001';
export const OA_ID = '3660000000000000004';
export const USER_ID = '2468000000000000003';
export const USER_BY_APP = '5530000000000000002';
export const ADMIN_ID = '7770000000000000009';
export const OA_SECRET = 'oa-secret-key-for-tests';

const userMsg = (event: string, ts: string, message: Record<string, unknown>) => ({
  app_id: APP_ID,
  user_id_by_app: USER_BY_APP,
  event_name: event,
  timestamp: ts,
  sender: { id: USER_ID },
  recipient: { id: OA_ID },
  message,
});
const echo = (event: string, ts: string, message: Record<string, unknown>, adminId?: string) => ({
  app_id: APP_ID,
  event_name: event,
  timestamp: ts,
  sender: adminId ? { id: OA_ID, admin_id: adminId } : { id: OA_ID },
  recipient: { id: USER_ID },
  user_id_by_app: USER_BY_APP,
  message,
});

/** The reference's sample user_send_text, byte for byte. */
export const SAMPLE_TEXT_BODY = `{
  "app_id": "4120118000000000001",
  "user_id_by_app": "5530000000000000002",
  "event_name": "user_send_text",
  "timestamp": "1716950400123",
  "sender": { "id": "2468000000000000003" },
  "recipient": { "id": "3660000000000000004" },
  "message": { "msg_id": "9f1c0d2e3b4a5f607182", "text": "thu tuc dk ks" }
}`;

export const EVENT_BODIES: Record<string, Record<string, unknown>> = {
  user_send_text: JSON.parse(SAMPLE_TEXT_BODY),
  user_send_image: userMsg('user_send_image', '1716950400200', {
    msg_id: 'img0000000000000001',
    text: 'ảnh giấy tờ',
    attachments: [{ type: 'image', payload: { url: 'https://photo.zdn.vn/a.jpg', thumbnail: 'https://photo.zdn.vn/a_t.jpg' } }],
  }),
  user_send_link: userMsg('user_send_link', '1716950400201', {
    msg_id: 'lnk0000000000000001',
    attachments: [{ type: 'link', payload: { url: 'https://dichvucong.gov.vn', thumbnail: 'https://x/t.jpg', description: 'Cổng DVC', title: 'DVC' } }],
  }),
  user_send_audio: userMsg('user_send_audio', '1716950400202', { msg_id: 'aud0000000000000001', attachments: [{ type: 'audio', payload: { url: 'https://voice.zdn.vn/a.amr' } }] }),
  user_send_video: userMsg('user_send_video', '1716950400203', {
    msg_id: 'vid0000000000000001',
    attachments: [{ type: 'video', payload: { url: 'https://video.zdn.vn/v.mp4', thumbnail: 'https://video.zdn.vn/v.jpg', description: 'clip' } }],
  }),
  user_send_sticker: userMsg('user_send_sticker', '1716950400204', { msg_id: 'stk0000000000000001', attachments: [{ type: 'sticker', payload: { id: 'abc123', url: 'https://sticker.zdn.vn/s.png' } }] }),
  user_send_location: {
    app_id: APP_ID,
    event_name: 'user_send_location',
    timestamp: '1716950401000',
    sender: { id: USER_ID },
    recipient: { id: OA_ID },
    user_id_by_app: USER_BY_APP,
    message: { msg_id: 'aa01bb02cc03dd04ee05', attachments: [{ type: 'location', payload: { coordinates: { latitude: '10.7769', longitude: '106.7009' } } }] },
  },
  user_send_file: userMsg('user_send_file', '1716950400205', {
    msg_id: 'fil0000000000000001',
    attachments: [{ type: 'file', payload: { url: 'https://f.zdn.vn/f.pdf', name: 'to-khai.pdf', size: '102400', type: 'pdf', checksum: 'd41d8cd98f00b204e9800998ecf8427e' } }],
  }),
  user_send_business_card: userMsg('user_send_business_card', '1716950400206', {
    msg_id: 'bcd0000000000000001',
    attachments: [{ type: 'business_card', payload: { url: 'https://x/qr.png', description: '{"phone":"0912345678"}' } }],
  }),
  user_send_gif: userMsg('user_send_gif', '1716950400207', { msg_id: 'gif0000000000000001', attachments: [{ type: 'gif', payload: { url: 'https://x/g.gif', thumbnail: 'https://x/g.jpg' } }] }),

  user_received_message: {
    app_id: APP_ID,
    event_name: 'user_received_message',
    timestamp: '1716950405001',
    sender: { id: OA_ID },
    recipient: { id: USER_ID },
    message: { msg_id: '0011aabb2233ccdd4455' },
  },
  user_seen_message: {
    app_id: APP_ID,
    event_name: 'user_seen_message',
    timestamp: '1716950405000',
    sender: { id: OA_ID },
    recipient: { id: USER_ID },
    message: { msg_ids: ['0011aabb2233ccdd4455', '66778899aabbccddeeff'] },
  },
  user_reacted_message: userMsg('user_reacted_message', '1716950405100', { msg_id: '0011aabb2233ccdd4455', react_icon: '/-heart' }),
  oa_reacted_message: echo('oa_reacted_message', '1716950405200', { msg_id: '9f1c0d2e3b4a5f607182', react_icon: '/-strong' }),

  oa_send_text: echo('oa_send_text', '1716950404000', { msg_id: '0011aabb2233ccdd4455', text: 'Chào anh, em là cán bộ tiếp nhận...' }, ADMIN_ID),
  oa_send_image: echo('oa_send_image', '1716950404001', { msg_id: 'oimg000000000000001', attachments: [{ type: 'image', payload: { url: 'https://x/i.jpg' } }] }),
  oa_send_gif: echo('oa_send_gif', '1716950404002', { msg_id: 'ogif000000000000001', attachments: [{ type: 'gif', payload: { url: 'https://x/g.gif' } }] }),
  oa_send_list: echo('oa_send_list', '1716950404003', { msg_id: 'olst000000000000001' }),
  oa_send_file: echo('oa_send_file', '1716950404004', { msg_id: 'ofil000000000000001', attachments: [{ type: 'file', payload: { url: 'https://x/f.pdf', name: 'f.pdf' } }] }),
  oa_send_sticker: echo('oa_send_sticker', '1716950404005', { msg_id: 'ostk000000000000001', attachments: [{ type: 'sticker', payload: { id: 's1' } }] }),
  oa_send_template: echo('oa_send_template', '1716950404006', { msg_id: 'otpl000000000000001', text: 'Anh/chị muốn hỏi thủ tục nào?' }),

  follow: {
    app_id: APP_ID,
    event_name: 'follow',
    timestamp: '1716950402000',
    oa_id: OA_ID,
    follower: { id: USER_ID },
    source: 'oa_profile',
    user_id_by_app: USER_BY_APP,
  },
  unfollow: { app_id: APP_ID, event_name: 'unfollow', timestamp: '1716950402500', oa_id: OA_ID, follower: { id: USER_ID }, source: 'oa_profile', user_id_by_app: USER_BY_APP },
  user_submit_info: {
    app_id: APP_ID,
    event_name: 'user_submit_info',
    timestamp: '1716950403000',
    sender: { id: USER_ID },
    recipient: { id: OA_ID },
    user_id_by_app: USER_BY_APP,
    info: { name: 'Nguyen Van A', phone: 84912345678, address: '12 Le Loi', city: 'Hue', district: 'Phu Hoi', ward: '' },
  },
  user_click_chatnow: { app_id: APP_ID, event_name: 'user_click_chatnow', timestamp: '1716950406000', oa_id: OA_ID, user_id: USER_ID, user_id_by_app: USER_BY_APP },
  add_user_to_tag: { app_id: APP_ID, event_name: 'add_user_to_tag', timestamp: '1716950407000', oa_id: OA_ID, tag: { name: 'khai-sinh', user_ids: [USER_ID] } },
  remove_user_from_tag: { app_id: APP_ID, event_name: 'remove_user_from_tag', timestamp: '1716950407100', oa_id: OA_ID, tag: { name: 'khai-sinh', user_ids: [USER_ID] } },
  remove_tag: { app_id: APP_ID, event_name: 'remove_tag', timestamp: '1716950407200', oa_id: OA_ID, tag: { name: 'khai-sinh' } },
  update_user_info: { app_id: APP_ID, event_name: 'update_user_info', timestamp: '1716950408000', oa_id: OA_ID, user_id: USER_ID, info: { display_name: 'A' } },
  user_withdraw: { app_id: APP_ID, event_name: 'user_withdraw', timestamp: '1716950409000', oa_id: OA_ID, user_id: USER_ID, user_id_by_app: USER_BY_APP },
  permission_revoked: { app_id: APP_ID, event_name: 'permission_revoked', timestamp: '1716950410000', oa_id: OA_ID },

  anonymous_send_text: {
    app_id: APP_ID,
    event_name: 'anonymous_send_text',
    timestamp: '1716950411000',
    sender: { id: 'anon-1111' },
    recipient: { id: OA_ID },
    message: { msg_id: 'anon000000000000001', text: 'xin chào', conversation_id: 'conv-1' },
  },
  anonymous_send_image: {
    app_id: APP_ID,
    event_name: 'anonymous_send_image',
    timestamp: '1716950411001',
    sender: { id: 'anon-1111' },
    recipient: { id: OA_ID },
    message: { msg_id: 'anon000000000000002', conversation_id: 'conv-1', attachments: [{ type: 'image', payload: { url: 'https://x/a.jpg' } }] },
  },
  anonymous_send_file: {
    app_id: APP_ID,
    event_name: 'anonymous_send_file',
    timestamp: '1716950411002',
    sender: { id: 'anon-1111' },
    recipient: { id: OA_ID },
    message: { msg_id: 'anon000000000000003', conversation_id: 'conv-1', attachments: [{ type: 'file', payload: { url: 'https://x/f.pdf', name: 'f.pdf' } }] },
  },
  anonymous_send_sticker: {
    app_id: APP_ID,
    event_name: 'anonymous_send_sticker',
    timestamp: '1716950411003',
    sender: { id: 'anon-1111' },
    recipient: { id: OA_ID },
    message: { msg_id: 'anon000000000000004', conversation_id: 'conv-1', attachments: [{ type: 'sticker', payload: { id: 's2' } }] },
  },
  oa_send_anonymous_text: {
    app_id: APP_ID,
    event_name: 'oa_send_anonymous_text',
    timestamp: '1716950412000',
    sender: { id: OA_ID },
    recipient: { id: 'anon-1111' },
    message: { msg_id: 'oanon00000000000001', text: 'Chào anh/chị', conversation_id: 'conv-1' },
  },
  oa_send_anonymous_image: {
    app_id: APP_ID,
    event_name: 'oa_send_anonymous_image',
    timestamp: '1716950412001',
    sender: { id: OA_ID },
    recipient: { id: 'anon-1111' },
    message: { msg_id: 'oanon00000000000002', conversation_id: 'conv-1' },
  },
  oa_send_anonymous_file: {
    app_id: APP_ID,
    event_name: 'oa_send_anonymous_file',
    timestamp: '1716950412002',
    sender: { id: OA_ID },
    recipient: { id: 'anon-1111' },
    message: { msg_id: 'oanon00000000000003', conversation_id: 'conv-1' },
  },
  oa_send_anonymous_sticker: {
    app_id: APP_ID,
    event_name: 'oa_send_anonymous_sticker',
    timestamp: '1716950412003',
    sender: { id: OA_ID },
    recipient: { id: 'anon-1111' },
    message: { msg_id: 'oanon00000000000004', conversation_id: 'conv-1' },
  },
};
