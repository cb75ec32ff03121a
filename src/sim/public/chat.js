// Simulator chat page: builds real Zalo webhook events, signs them like Zalo does
// (SHA-256 of app_id + body + timestamp + OA secret key) and shows what the bot sent back.
(async function () {
  const cfg = await (await fetch('/sim/api/config')).json();
  const log = document.getElementById('log');
  const userInput = document.getElementById('user');
  const saved = localStorage.getItem('sim.userId');
  userInput.value = saved || String(2468000000000000000n + BigInt(Math.floor(Math.random() * 1e9)));
  localStorage.setItem('sim.userId', userInput.value);
  let after = 0;
  let pollToken = 0;
  const links = document.getElementById('links');
  for (const l of cfg.links || []) {
    const a = document.createElement('a');
    a.href = l.href; a.textContent = l.label; a.target = '_blank';
    links.appendChild(a);
  }

  function add(cls, text) {
    const div = document.createElement('div');
    div.className = 'msg ' + cls;
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }

  async function sha256Hex(str) {
    const buf = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(str));
    return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  async function post(event) {
    const body = JSON.stringify(event);
    const mac = await sha256Hex(cfg.appId + body + event.timestamp + cfg.oaSecretKey);
    const res = await fetch(cfg.webhookPath, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-ZEvent-Signature': 'mac=' + mac }, body });
    if (!res.ok) add('sys', 'Webhook trả lời ' + res.status);
  }

  function msgId() {
    return [...crypto.getRandomValues(new Uint8Array(10))].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  async function sendText(text, hidden) {
    if (!hidden) add('me', text);
    await post({
      app_id: cfg.appId, user_id_by_app: '55' + userInput.value.slice(2), event_name: 'user_send_text', timestamp: String(Date.now()),
      sender: { id: userInput.value }, recipient: { id: cfg.oaId }, message: { msg_id: msgId(), text },
    });
  }

  function render(m) {
    const msg = m.message || {};
    const div = add('bot', msg.text || '');
    const payload = msg.attachment && msg.attachment.payload;
    if (payload && payload.template_type === 'request_user_info') {
      // Zalo shows a consent card; here a button shares a sample phone the way Zalo reports it (user_submit_info).
      const el = payload.elements[0] || {};
      div.textContent = '📇 ' + (el.title || '') + '\n' + (el.subtitle || '');
      const share = document.createElement('button');
      share.type = 'button'; share.textContent = 'Chia sẻ thông tin (mẫu)';
      share.addEventListener('click', async () => {
        // The fake Zalo learns whose phone it is, so a ZNS notice to it shows in this chat.
        await fetch('/sim/api/share-phone', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId: userInput.value, phone: '84912345678' }) });
        await post({
          app_id: cfg.appId, event_name: 'user_submit_info', timestamp: String(Date.now()), sender: { id: userInput.value }, recipient: { id: cfg.oaId },
          user_id_by_app: '55' + userInput.value.slice(2), info: { name: 'Nguyễn Văn Mẫu', phone: '84912345678' },
        });
      });
      const box = document.createElement('div'); box.className = 'buttons'; box.appendChild(share); div.appendChild(box);
      return;
    }
    if (payload && payload.elements) {
      for (const el of payload.elements) if (el.url) { const img = document.createElement('img'); img.src = el.url; img.className = 'att'; img.alt = ''; div.appendChild(img); }
    }
    if (payload && Array.isArray(payload.buttons) && payload.buttons.length) {
      const box = document.createElement('div');
      box.className = 'buttons';
      for (const b of payload.buttons) {
        if (b.type === 'oa.open.url') {
          const a = document.createElement('a'); a.href = b.payload.url; a.target = '_blank'; a.rel = 'noopener'; a.textContent = b.title + ' ↗'; box.appendChild(a);
        } else if (b.type === 'oa.open.phone') {
          const a = document.createElement('a'); a.href = 'tel:' + b.payload.phone_code; a.textContent = b.title + ' ☎'; box.appendChild(a);
        } else {
          const btn = document.createElement('button'); btn.type = 'button'; btn.textContent = b.title;
          btn.addEventListener('click', () => { add('me', b.title); sendText(String(b.payload), b.type === 'oa.query.hide'); });
          box.appendChild(btn);
        }
      }
      div.appendChild(box);
    }
    if (msg.template_data) div.textContent = Object.entries(msg.template_data).map(([k, v]) => k + ': ' + v).join('\n');
    if (m.endpoint !== 'cs') div.insertAdjacentText('afterbegin', '[' + m.endpoint + '] ');
  }

  async function poll() {
    const token = ++pollToken;
    for (;;) {
      try {
        const res = await fetch('/sim/api/messages?wait=1&userId=' + encodeURIComponent(userInput.value) + '&after=' + after);
        if (token !== pollToken) return;
        const { messages } = await res.json();
        for (const m of messages) { after = Math.max(after, m.seq); render(m); }
      } catch (e) {
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  userInput.addEventListener('change', () => { localStorage.setItem('sim.userId', userInput.value); log.textContent = ''; after = 0; poll(); });
  document.getElementById('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const input = document.getElementById('text');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    sendText(text, false);
  });
  document.getElementById('follow').addEventListener('click', async () => {
    add('sys', 'Đã quan tâm OA');
    await fetch('/sim/api/follow', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId: userInput.value }) });
    await post({ app_id: cfg.appId, event_name: 'follow', timestamp: String(Date.now()), oa_id: cfg.oaId, follower: { id: userInput.value }, source: 'oa_profile', user_id_by_app: '55' + userInput.value.slice(2) });
  });
  // Photos, voice, location and stickers arrive as Zalo sends them: an attachment with a URL on the OA's CDN
  // (here the fake OA API hosts the uploaded file), or coordinates as strings.
  function sendAttachment(eventName, attachment) {
    return post({
      app_id: cfg.appId, user_id_by_app: '55' + userInput.value.slice(2), event_name: eventName, timestamp: String(Date.now()),
      sender: { id: userInput.value }, recipient: { id: cfg.oaId }, message: { msg_id: msgId(), attachments: [attachment] },
    });
  }
  const mediaInput = document.getElementById('media');
  document.getElementById('attach').addEventListener('click', () => mediaInput.click());
  mediaInput.addEventListener('change', async () => {
    const file = mediaInput.files[0];
    mediaInput.value = '';
    if (!file) return;
    const res = await fetch('/sim/zalo-media/upload', { method: 'POST', headers: { 'Content-Type': file.type }, body: file });
    if (!res.ok) return add('sys', 'Không tải được tệp lên (' + res.status + ')');
    const url = location.origin + '/sim/zalo-media' + (await res.json()).path;
    const audio = file.type.startsWith('audio/');
    add('me', audio ? '🎤 Tin nhắn thoại' : '🖼 ' + file.name);
    await sendAttachment(audio ? 'user_send_audio' : 'user_send_image', { type: audio ? 'audio' : 'image', payload: audio ? { url } : { url, thumbnail: url } });
  });
  document.getElementById('where').addEventListener('click', async () => {
    const answer = prompt('Vĩ độ, kinh độ', '15.1214, 108.8044');
    const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(answer || '');
    if (!m) return;
    add('me', '📍 ' + m[1] + ', ' + m[2]);
    await sendAttachment('user_send_location', { type: 'location', payload: { coordinates: { latitude: m[1], longitude: m[2] } } });
  });
  document.getElementById('sticker').addEventListener('click', async () => {
    add('me', '🙂 (sticker)');
    await sendAttachment('user_send_sticker', { type: 'sticker', payload: { id: 'sim-sticker', url: '' } });
  });
  add('sys', 'Mô phỏng: tin nhắn được ký và gửi tới webhook như Zalo gửi. Thử: "xin chào", "dk ks can giay to gi", "tra cứu hồ sơ".');
  poll();
})();
