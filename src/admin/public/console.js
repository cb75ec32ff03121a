// Admin console: plain DOM, no framework. Every piece of data is put on the page with textContent or
// attributes set one by one (never innerHTML), so content containing HTML is shown as text.
'use strict';

const state = { user: null, csrf: null, procedures: [], timers: [] };
const $main = document.getElementById('main');

/* ---------- DOM helpers ---------- */

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (k === 'text') node.textContent = String(v);
    else if (k === 'value') node.value = String(v);
    else if (k === 'checked') node.checked = Boolean(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, children);
  return node;
}
function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}
const SVG = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'text') node.textContent = String(v);
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) if (c) node.append(c);
  return node;
}
function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}
let uid = 0;
const nextId = (p) => `${p}-${++uid}`;

/** Shows a message; `keep` lets it survive the re-render that follows (route() clears messages otherwise). */
function flash(message, isError, keep) {
  if (keep) state.keepFlash = true;
  const box = clear(document.getElementById('flash'));
  if (message) box.append(el('p', { class: isError ? 'error' : '', text: message }));
}
function fmtDate(at) {
  if (!at) return '';
  const d = new Date(at);
  return d.toLocaleString('vi-VN', { dateStyle: 'short', timeStyle: 'short' });
}
function pct(x) {
  return x === null || x === undefined ? '–' : `${Math.round(x * 1000) / 10}%`;
}

/* ---------- API ---------- */

class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `Lỗi ${status}`);
    this.status = status;
    this.body = body || {};
  }
}
async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
  const res = await fetch(`/admin/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  let json = {};
  try {
    json = await res.json();
  } catch {
    json = {};
  }
  if (res.status === 401 && path !== '/login') {
    state.user = null;
    renderLogin();
    throw new ApiError(401, { message: 'Phiên đăng nhập đã hết. Vui lòng đăng nhập lại.' });
  }
  if (!res.ok) throw new ApiError(res.status, json);
  return json;
}
function explain(err) {
  if (err.status === 403 && err.body.error === 'forbidden') return 'Tài khoản của anh/chị không có quyền làm việc này.';
  return err.message || 'Đã có lỗi.';
}

/* ---------- Shell and routing ---------- */

function setUser(user, csrf) {
  state.user = user;
  state.csrf = csrf;
  const nav = document.getElementById('nav');
  nav.hidden = !user;
  for (const a of nav.querySelectorAll('a[data-role]')) a.hidden = !user || user.role !== a.getAttribute('data-role');
  const who = clear(document.getElementById('whoami'));
  if (user) {
    who.append(el('span', { text: `${user.username} (${user.role === 'admin' ? 'quản trị' : 'cán bộ'})` }), el('button', { type: 'button', on: { click: logout }, text: 'Đăng xuất' }));
  }
}

const routes = [
  [/^#\/content\/(procedure|intent)\/new$/, (m) => renderEditor(m[1], null)],
  [/^#\/content\/(procedure|intent)\/([a-z0-9_.-]+)$/, (m) => renderEditor(m[1], m[2])],
  [/^#\/content(?:\/(intent))?$/, (m) => renderContentList(m[1] ? 'intent' : 'procedure')],
  [/^#\/test$/, () => renderTestConsole()],
  [/^#\/unanswered$/, () => renderUnanswered()],
  [/^#\/analytics$/, () => renderAnalytics()],
  [/^#\/inbox$/, () => renderInbox()],
  [/^#\/announcements$/, () => renderAnnouncements()],
  [/^#\/users$/, () => renderUsers()],
  [/^#\/audit$/, () => renderAudit()],
];

function stopTimers() {
  for (const t of state.timers) clearInterval(t);
  state.timers = [];
}

async function route() {
  stopTimers();
  if (state.keepFlash) state.keepFlash = false;
  else flash('');
  if (!state.user) return renderLogin();
  let hash = location.hash || '';
  if (!routes.some(([re]) => re.test(hash))) hash = state.user.role === 'admin' ? '#/content' : '#/inbox';
  for (const a of document.querySelectorAll('#nav a')) {
    const target = a.getAttribute('href');
    if (hash === target || hash.startsWith(`${target}/`)) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  for (const [re, render] of routes) {
    const m = re.exec(hash);
    if (m) {
      clear($main).append(el('p', { class: 'muted', text: 'Đang tải…' }));
      try {
        await render(m);
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return;
        clear($main).append(el('p', { class: 'errors', role: 'alert', text: explain(err) }));
      }
      return;
    }
  }
}
window.addEventListener('hashchange', route);

function page(title, ...children) {
  clear($main).append(el('h2', { text: title }), ...children);
  document.title = `${title} – Quản trị trợ lý`;
}

/* ---------- Login ---------- */

function renderLogin() {
  setUser(null, null);
  const err = el('div', { role: 'alert' });
  const user = el('input', { id: 'login-user', name: 'username', autocomplete: 'username', required: true });
  const pass = el('input', { id: 'login-pass', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = el(
    'form',
    { class: 'card login', on: { submit: onSubmit } },
    el('h2', { text: 'Đăng nhập' }),
    el('div', { class: 'field' }, el('label', { for: 'login-user', text: 'Tên đăng nhập' }), user),
    el('div', { class: 'field' }, el('label', { for: 'login-pass', text: 'Mật khẩu' }), pass),
    err,
    el('button', { class: 'primary', type: 'submit', text: 'Đăng nhập' }),
  );
  async function onSubmit(e) {
    e.preventDefault();
    clear(err);
    try {
      const res = await api('POST', '/login', { username: user.value, password: pass.value });
      setUser(res.user, res.csrfToken);
      route();
    } catch (ex) {
      err.append(el('p', { class: 'errors', text: ex.status === 400 ? 'Vui lòng nhập tên đăng nhập và mật khẩu.' : explain(ex) }));
      pass.value = '';
      pass.focus();
    }
  }
  clear($main).append(form);
  document.title = 'Đăng nhập – Quản trị trợ lý';
  user.focus();
}

async function logout() {
  try {
    await api('POST', '/logout', {});
  } finally {
    setUser(null, null);
    location.hash = '';
    renderLogin();
  }
}

/* ---------- Content list ---------- */

const STATUS = { published: 'Đang dùng', draft: 'Có bản nháp', new: 'Mới (nháp)', deleting: 'Chờ xoá' };

async function renderContentList(kind) {
  const plural = kind === 'procedure' ? 'procedures' : 'intents';
  const tbody = el('tbody');
  const search = el('input', { id: 'content-search', type: 'search', placeholder: 'Tìm theo tên hoặc mã, có dấu hoặc không dấu', 'aria-label': 'Tìm nội dung' });
  const count = el('p', { class: 'muted', 'aria-live': 'polite' });
  async function load() {
    const { items } = await api('GET', `/${plural}?q=${encodeURIComponent(search.value)}`);
    clear(tbody);
    for (const it of items) {
      tbody.append(
        el(
          'tr',
          {},
          el('td', {}, el('a', { href: `#/content/${kind}/${it.id}`, text: it.name })),
          el('td', { class: 'muted', text: it.id }),
          el('td', { text: it.field || '' }),
          el('td', {}, el('span', { class: `status ${it.status}`, text: STATUS[it.status] || it.status })),
        ),
      );
    }
    count.textContent = `${items.length} mục`;
  }
  let t;
  search.addEventListener('input', () => {
    clearTimeout(t);
    t = setTimeout(load, 200);
  });
  const tabs = el(
    'div',
    { class: 'tabs', role: 'tablist' },
    el('button', { type: 'button', role: 'tab', 'aria-selected': kind === 'procedure' ? 'true' : 'false', on: { click: () => (location.hash = '#/content') }, text: 'Thủ tục' }),
    el('button', { type: 'button', role: 'tab', 'aria-selected': kind === 'intent' ? 'true' : 'false', on: { click: () => (location.hash = '#/content/intent') }, text: 'Ý định hệ thống' }),
  );
  const actions = el(
    'div',
    { class: 'row' },
    el('div', { class: 'grow' }, search),
    el('a', { class: 'btn', href: `#/content/${kind}/new`, text: kind === 'procedure' ? 'Thêm thủ tục' : 'Thêm ý định' }),
    el('button', { type: 'button', on: { click: () => publishAll(load) }, text: 'Xuất bản mọi bản nháp' }),
    el('button', { type: 'button', on: { click: exportFiles }, text: 'Xuất ra tệp intents/' }),
    el('button', { type: 'button', on: { click: () => importFiles(load) }, text: 'Nhập từ tệp intents/' }),
  );
  page(
    'Nội dung',
    tabs,
    el('div', { class: 'card' }, actions),
    count,
    el('table', {}, el('thead', {}, el('tr', {}, el('th', { text: 'Tên' }), el('th', { text: 'Mã' }), el('th', { text: kind === 'procedure' ? 'Lĩnh vực' : 'Loại' }), el('th', { text: 'Trạng thái' }))), tbody),
  );
  await load();
}

async function publishAll(reload) {
  try {
    const res = await api('POST', '/content/publish', {});
    flash(`Đã xuất bản ${res.published.length} bản nháp (phiên bản ${res.version}).`);
    await reload();
  } catch (err) {
    flash(err.body.error === 'no_draft' ? 'Không có bản nháp nào để xuất bản.' : errorText(err), true);
  }
}
async function exportFiles() {
  try {
    const res = await api('POST', '/content/export', {});
    flash(`Đã ghi ${res.written} tệp vào intents/ (phiên bản ${res.version}).${res.removed.length ? ` Đã xoá ${res.removed.length} tệp của mục đã xoá.` : ''}`);
  } catch (err) {
    flash(errorText(err), true);
  }
}
async function importFiles(reload) {
  try {
    const res = await api('POST', '/content/import', {});
    flash(`Đã nhập: ${res.drafts.length} mục khác nội dung đang dùng thành bản nháp; ${res.unchanged} mục không đổi.`);
    await reload();
  } catch (err) {
    flash(errorText(err), true);
  }
}
function errorText(err) {
  const list = err.body && err.body.errors;
  if (Array.isArray(list) && list.length) return `${explain(err)}: ${list.map((e) => `${e.file ? `${e.file} ` : ''}${e.field}: ${e.message}`).join('; ')}`;
  return explain(err);
}

/* ---------- Editor ---------- */

const LEVELS = [['commune', 'Cấp xã'], ['province', 'Cấp tỉnh'], ['central', 'Trung ương'], ['sector', 'Ngành dọc']];
const FEE_KINDS = [['amount', 'Số tiền cố định'], ['free', 'Miễn phí'], ['council', 'Theo HĐND tỉnh'], ['unknown', 'Chưa công bố']];
const CERTAINTY = [['confirmed', 'Đã xác minh'], ['unverified', 'Chưa xác minh']];
const COPY = [['', '—'], ['original', 'Bản chính (nộp)'], ['present_original', 'Bản chính (xuất trình)'], ['copy', 'Bản sao'], ['certified_copy', 'Bản sao chứng thực'], ['electronic', 'Điện tử']];
const ONLINE = [['full', 'Toàn trình'], ['partial', 'Một phần'], ['none', 'Không']];
const INTENT_KINDS = ['greeting', 'thanks', 'help', 'handoff', 'language', 'dossier_status', 'feedback', 'out_of_scope', 'follow_dossier', 'unfollow_dossier'];

function procedureTemplate(id) {
  return {
    id,
    name: { vi: '' },
    field: { vi: '' },
    level: 'commune',
    body: { vi: '' },
    summary: { vi: '' },
    submission: { places: [{ vi: '' }], channels: ['in_person'] },
    online: { availability: 'none' },
    documents: [{ name: { vi: '' } }],
    fees: [{ label: { vi: 'Lệ phí' }, kind: 'unknown', certainty: 'unverified' }],
    duration: { text: { vi: '' }, certainty: 'unverified' },
    steps: [{ vi: '' }],
    result: { vi: '' },
    legalBasis: [''],
    related: [],
    officialUrl: 'https://dichvucong.gov.vn',
    verifiedAt: new Date().toISOString().slice(0, 10),
    sources: [{ title: '' }],
    phrasings: [],
    keywords: [],
  };
}

/** Drops objects left empty by cleared optional fields (e.g. a fee condition with no text). */
function prune(value) {
  if (Array.isArray(value)) return value.map(prune);
  if (value && typeof value === 'object') {
    for (const k of Object.keys(value)) {
      value[k] = prune(value[k]);
      if (value[k] && typeof value[k] === 'object' && !Array.isArray(value[k]) && Object.keys(value[k]).length === 0) delete value[k];
    }
  }
  return value;
}

function getPath(obj, path) {
  return path.split('.').reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), obj);
}
function setPath(obj, path, value) {
  const keys = path.split('.');
  let o = obj;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i];
    if (o[k] === undefined || o[k] === null) o[k] = /^\d+$/.test(keys[i + 1]) ? [] : {};
    o = o[k];
  }
  const last = keys[keys.length - 1];
  if (value === undefined) delete o[last];
  else o[last] = value;
}

/**
 * A form bound to a working copy of the item: each input writes its path on change. Optional fields left
 * empty are removed, so the schema sees "absent" rather than "".
 */
function makeBinder(item) {
  const fields = [];
  function input(path, label, opts = {}) {
    const id = nextId('f');
    const errId = `${id}-err`;
    const cur = getPath(item, path);
    let control;
    if (opts.options) {
      control = el('select', { id, 'data-path': path, 'aria-describedby': errId }, opts.options.map(([v, t]) => el('option', { value: v, text: t })));
      control.value = cur === undefined ? '' : String(cur);
    } else if (opts.lines) {
      control = el('textarea', { id, 'data-path': path, 'aria-describedby': errId, rows: opts.rows || 5, value: (cur || []).map(opts.lineOut || ((x) => x)).join('\n') });
    } else {
      control = el('input', { id, 'data-path': path, 'aria-describedby': errId, type: opts.type || 'text', value: cur === undefined ? '' : cur, inputmode: opts.type === 'number' ? 'numeric' : undefined });
    }
    control.addEventListener('change', () => {
      let v = control.value;
      if (opts.lines) {
        const old = getPath(item, path) || [];
        // A line whose Vietnamese text is unchanged keeps its other fields (the English translation).
        v = v.split('\n').map((s) => s.trim()).filter(Boolean).map((line) => (opts.lineIn ? old.find((o) => opts.lineOut(o) === line) || opts.lineIn(line) : line));
      }
      else if (opts.type === 'number') v = v === '' ? undefined : Number(v);
      else if (v === '' && opts.optional) v = undefined;
      setPath(item, path, v);
    });
    const wrap = el('div', { class: 'field', 'data-field': path }, el('label', { for: id, text: label }), control, el('div', { class: 'ferr', id: errId }));
    fields.push(wrap);
    return wrap;
  }
  return { input, fields };
}

function showFieldErrors(container, errors, summary) {
  for (const f of container.querySelectorAll('.field.invalid')) {
    f.classList.remove('invalid');
    clear(f.querySelector('.ferr'));
    const c = f.querySelector('[data-path]');
    if (c) c.removeAttribute('aria-invalid');
  }
  clear(summary);
  if (!errors || !errors.length) return;
  const list = el('ul');
  let first = null;
  for (const e of errors) {
    // The deepest field on the form that contains the error's path (e.g. "fees.0" for "fees.0.label.vi").
    let path = e.field;
    let wrap = null;
    while (path) {
      wrap = container.querySelector(`.field[data-field="${CSS.escape(path)}"]`);
      if (wrap) break;
      path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    }
    if (wrap) {
      wrap.classList.add('invalid');
      wrap.querySelector('.ferr').append(el('div', { text: `${e.field === path ? '' : `${e.field}: `}${e.message}` }));
      const c = wrap.querySelector('[data-path]');
      if (c) c.setAttribute('aria-invalid', 'true');
      first = first || c;
    }
    list.append(el('li', { text: `${e.field}: ${e.message}` }));
  }
  summary.append(el('div', { class: 'errors', role: 'alert' }, el('strong', { text: 'Chưa lưu được: vui lòng sửa các trường sau.' }), list));
  if (first) first.focus();
}

async function renderEditor(kind, id) {
  const plural = kind === 'procedure' ? 'procedures' : 'intents';
  const isNew = id === null;
  let view = null;
  if (!isNew) view = await api('GET', `/${plural}/${id}`);
  const base = isNew ? null : view.draft ? view.draft.data : view.published;
  const deleting = !isNew && view.draft && view.draft.data === null;
  const item = JSON.parse(JSON.stringify(base || (kind === 'procedure' ? procedureTemplate('') : { id: '', kind: 'out_of_scope', phrasings: [] })));
  const summary = el('div');
  const form = el('form', { class: 'card', on: { submit: (e) => e.preventDefault() } });
  const b = makeBinder(item);

  if (isNew) form.append(b.input('id', kind === 'procedure' ? 'Mã thủ tục (chữ thường, nối bằng "-", ví dụ dang-ky-khai-sinh)' : 'Mã ý định (ví dụ out_of_scope.weather)'));
  if (kind === 'procedure') buildProcedureForm(form, b, item);
  else buildIntentForm(form, b);

  const json = el('textarea', { class: 'json', id: 'item-json', 'aria-label': 'Toàn bộ nội dung dạng JSON', spellcheck: 'false' });
  let jsonDirty = false;
  json.addEventListener('input', () => (jsonDirty = true));
  const details = el('details', { class: 'card' }, el('summary', { text: 'Nâng cao: sửa mọi trường dạng JSON (khi đã sửa ở đây, nội dung JSON được dùng khi lưu)' }), json);
  details.addEventListener('toggle', () => {
    if (details.open && !jsonDirty) json.value = JSON.stringify(item, null, 2);
  });

  const statusLine = el('p', { class: 'muted' });
  function describe(v) {
    clear(statusLine);
    if (isNew) return statusLine.append('Mục mới: lưu để tạo bản nháp, rồi xuất bản để đưa vào dùng.');
    statusLine.append(`Đang dùng: ${v.published ? (v.publishedVersion ? `phiên bản ${v.publishedVersion}` : 'nội dung từ tệp') : 'chưa có'}. `);
    if (v.draft) statusLine.append(el('span', { class: `status ${v.draft.data ? 'draft' : 'deleting'}`, text: v.draft.data ? `Bản nháp phiên bản ${v.draft.version} (${v.draft.by}, ${fmtDate(v.draft.at)}) chưa xuất bản` : 'Đang chờ xoá' }));
  }
  if (view) describe(view);

  async function save() {
    let data = item;
    if (jsonDirty) {
      try {
        data = JSON.parse(json.value);
      } catch (e) {
        return showFieldErrors(form, [{ field: '(root)', message: `JSON không hợp lệ: ${e.message}` }], summary);
      }
    }
    const targetId = isNew ? data.id : id;
    if (!targetId) return showFieldErrors(form, [{ field: 'id', message: 'Vui lòng nhập mã.' }], summary);
    try {
      const v = await api('PUT', `/${plural}/${encodeURIComponent(targetId)}`, prune(JSON.parse(JSON.stringify(data))));
      showFieldErrors(form, [], summary);
      flash(`Đã lưu bản nháp phiên bản ${v.version} (${v.diff.length} thay đổi). Bản nháp chưa dùng cho người dân cho đến khi xuất bản.`);
      if (isNew) {
        state.keepFlash = true;
        location.hash = `#/content/${kind}/${targetId}`;
      }
      else await refresh();
    } catch (err) {
      if (err.status === 422) showFieldErrors(form, err.body.errors, summary);
      else flash(errorText(err), true);
    }
  }
  async function publish() {
    try {
      const res = await api('POST', `/${plural}/${id}/publish`, {});
      flash(`Đã xuất bản. Trợ lý dùng phiên bản nội dung ${res.version} từ bây giờ.`);
      await refresh();
    } catch (err) {
      flash(err.body.error === 'no_draft' ? 'Chưa có bản nháp để xuất bản: hãy lưu trước.' : errorText(err), true);
    }
  }
  async function discard() {
    await api('POST', `/${plural}/${id}/discard`, {});
    flash('Đã bỏ bản nháp.', false, true);
    route();
  }
  async function remove() {
    if (!confirm('Đánh dấu xoá mục này? Việc xoá chỉ có hiệu lực khi xuất bản.')) return;
    try {
      await api('DELETE', `/${plural}/${id}`);
      flash('Đã tạo bản nháp xoá. Xuất bản để xoá khỏi trợ lý.');
      await refresh();
    } catch (err) {
      flash(errorText(err), true);
    }
  }
  const versionsBox = el('div');
  async function refresh() {
    const v = await api('GET', `/${plural}/${id}`);
    describe(v);
    await loadVersions();
  }
  async function loadVersions() {
    if (isNew) return;
    const { versions } = await api('GET', `/${plural}/${id}/versions`);
    clear(versionsBox);
    if (!versions.length) return versionsBox.append(el('p', { class: 'muted', text: 'Chưa có phiên bản nào được lưu từ bảng quản trị (nội dung đang dùng lấy từ tệp).' }));
    const list = el('ol', { reversed: true, class: 'versions' });
    for (const v of versions) {
      const action = { save: 'lưu', delete: 'xoá', rollback: `khôi phục từ phiên bản ${v.restoredFrom}`, import: 'nhập từ tệp' }[v.action] || v.action;
      const diff = el('ul', { class: 'diff' });
      for (const d of v.diff.slice(0, 8)) {
        diff.append(el('li', {}, `${d.path}: `, d.before !== undefined ? el('span', { class: 'before', text: JSON.stringify(d.before) }) : '', ' → ', d.after !== undefined ? el('span', { class: 'after', text: JSON.stringify(d.after) }) : el('em', { text: 'bỏ' })));
      }
      if (v.diff.length > 8) diff.append(el('li', { text: `… và ${v.diff.length - 8} thay đổi khác` }));
      list.append(
        el(
          'li',
          { 'data-version': v.version },
          el('strong', { text: `Phiên bản ${v.version}` }),
          ` — ${action}, ${v.by}, ${fmtDate(v.at)} `,
          v.publishedAt ? el('span', { class: 'status published', text: `xuất bản ${fmtDate(v.publishedAt)}` }) : el('span', { class: 'status draft', text: 'chưa xuất bản' }),
          ' ',
          el('button', { type: 'button', 'data-rollback': v.version, on: { click: () => rollback(v.version) }, text: 'Khôi phục phiên bản này' }),
          diff,
        ),
      );
    }
    versionsBox.append(list);
  }
  async function rollback(version) {
    if (!confirm(`Khôi phục phiên bản ${version} và xuất bản ngay?`)) return;
    try {
      const res = await api('POST', `/${plural}/${id}/rollback`, { version });
      flash(`Đã khôi phục phiên bản ${version} và xuất bản (nội dung ${res.version}).`, false, true);
      route();
    } catch (err) {
      flash(errorText(err), true);
    }
  }

  const buttons = el(
    'div',
    { class: 'row' },
    el('button', { class: 'primary', type: 'button', id: 'save-draft', on: { click: save }, text: 'Lưu bản nháp' }),
    isNew ? null : el('button', { type: 'button', id: 'publish', on: { click: publish }, text: 'Xuất bản' }),
    isNew ? null : el('button', { type: 'button', on: { click: discard }, text: 'Bỏ bản nháp' }),
    isNew ? null : el('button', { type: 'button', class: 'danger', on: { click: remove }, text: 'Xoá' }),
  );
  const title = isNew ? (kind === 'procedure' ? 'Thêm thủ tục' : 'Thêm ý định') : `${kind === 'procedure' ? 'Thủ tục' : 'Ý định'}: ${base && base.name ? base.name.vi : id}`;
  page(
    title,
    el('p', {}, el('a', { href: kind === 'procedure' ? '#/content' : '#/content/intent', text: '← Danh sách' })),
    statusLine,
    deleting ? el('p', { class: 'errors', text: 'Bản nháp hiện tại xoá mục này. Xuất bản để xoá hoặc bỏ bản nháp.' }) : null,
    el('div', { class: 'cols' }, el('div', {}, summary, form, details, el('div', { class: 'card' }, buttons)), el('div', {}, previewCard(), isNew ? null : el('div', { class: 'card' }, el('h3', { text: 'Các phiên bản' }), versionsBox))),
  );
  await loadVersions();
}

function repeatList(form, b, item, path, legend, addLabel, makeEmpty, renderRow) {
  const box = el('fieldset', { class: 'card' }, el('legend', { text: legend }));
  const rows = el('div');
  function draw() {
    clear(rows);
    (getPath(item, path) || []).forEach((_, i) => {
      const remove = el('button', { type: 'button', class: 'danger', 'aria-label': `Xoá dòng ${i + 1} của ${legend}`, text: 'Xoá dòng', on: { click: () => { getPath(item, path).splice(i, 1); draw(); } } });
      rows.append(el('div', { class: 'repeat field', 'data-field': `${path}.${i}` }, el('div', { class: 'grid' }, renderRow(`${path}.${i}`, i)), remove, el('div', { class: 'ferr' })));
    });
  }
  draw();
  box.append(rows, el('button', { type: 'button', text: addLabel, on: { click: () => { const list = getPath(item, path) || []; list.push(makeEmpty()); setPath(item, path, list); draw(); } } }));
  form.append(el('div', { class: 'field', 'data-field': path }, box, el('div', { class: 'ferr' })));
}

function buildProcedureForm(form, b, item) {
  const opt = { optional: true };
  form.append(
    el('div', { class: 'grid' }, b.input('name.vi', 'Tên thủ tục (tiếng Việt)'), b.input('name.en', 'Tên tiếng Anh', opt), b.input('field.vi', 'Lĩnh vực'), b.input('level', 'Cấp thực hiện', { options: LEVELS }), b.input('body.vi', 'Cơ quan giải quyết'), b.input('nationalCode', 'Mã thủ tục quốc gia (ví dụ 1.001193)', opt)),
    b.input('summary.vi', 'Tóm tắt'),
  );
  repeatList(form, b, item, 'fees', 'Phí, lệ phí', 'Thêm khoản phí', () => ({ label: { vi: '' }, kind: 'unknown', certainty: 'unverified' }), (p) => [
    b.input(`${p}.label.vi`, 'Tên khoản'),
    b.input(`${p}.kind`, 'Loại', { options: FEE_KINDS }),
    b.input(`${p}.amountVnd`, 'Số tiền (đồng)', { type: 'number' }),
    b.input(`${p}.condition.vi`, 'Điều kiện áp dụng', opt),
    b.input(`${p}.legalBasis`, 'Căn cứ', opt),
    b.input(`${p}.certainty`, 'Độ tin cậy', { options: CERTAINTY }),
  ]);
  form.append(
    el('fieldset', { class: 'card' }, el('legend', { text: 'Thời hạn giải quyết' }), el('div', { class: 'grid' }, b.input('duration.workingDays', 'Số ngày làm việc', { type: 'number' }), b.input('duration.text.vi', 'Mô tả thời hạn'), b.input('duration.certainty', 'Độ tin cậy', { options: CERTAINTY }))),
  );
  repeatList(form, b, item, 'documents', 'Thành phần hồ sơ', 'Thêm giấy tờ', () => ({ name: { vi: '' } }), (p) => [
    b.input(`${p}.name.vi`, 'Giấy tờ'),
    b.input(`${p}.form`, 'Mẫu (ví dụ TK01)', opt),
    b.input(`${p}.copy`, 'Loại bản', { options: COPY, optional: true }),
    b.input(`${p}.quantity`, 'Số lượng', { type: 'number' }),
  ]);
  const lines = { lines: true, lineOut: (x) => x.vi, lineIn: (x) => ({ vi: x }) };
  form.append(
    b.input('steps', 'Các bước (mỗi dòng một bước)', lines),
    b.input('result.vi', 'Kết quả'),
    el('fieldset', { class: 'card' }, el('legend', { text: 'Liên kết' }), el('div', { class: 'grid' }, b.input('officialUrl', 'Trang thủ tục chính thức'), b.input('online.availability', 'Dịch vụ công trực tuyến', { options: ONLINE }), b.input('online.url', 'Địa chỉ nộp trực tuyến', opt), b.input('verifiedAt', 'Ngày xác minh (YYYY-MM-DD)'))),
    b.input('phrasings', 'Câu hỏi mẫu của người dân (mỗi dòng một câu, ít nhất 10)', { lines: true, rows: 8 }),
    b.input('keywords', 'Từ khoá (mỗi dòng một từ)', { lines: true, rows: 3 }),
  );
}

function buildIntentForm(form, b) {
  form.append(
    el('div', { class: 'grid' }, b.input('kind', 'Loại', { options: INTENT_KINDS.map((k) => [k, k]) }), b.input('replyKey', 'Khoá câu trả lời (locales)', { optional: true }), b.input('language', 'Ngôn ngữ chuyển sang', { options: [['', '—'], ['vi', 'vi'], ['en', 'en']], optional: true })),
    b.input('phrasings', 'Câu mẫu (mỗi dòng một câu, ít nhất 3)', { lines: true, rows: 8 }),
  );
}

/* ---------- Reply rendering (test console and preview) ---------- */

function replyView(reply) {
  return el('div', { class: 'reply' }, el('div', { class: 'reply-text', text: reply.text }), reply.buttons.length ? el('div', { class: 'btns' }, reply.buttons.map((bt) => el('span', { title: bt.payload || bt.url || bt.phone || '', text: bt.title }))) : null);
}

function resultView(r) {
  const alts = r.alternatives.length ? r.alternatives.map((a) => `${a.procedureId} (${a.confidence})`).join(', ') : '—';
  return el(
    'div',
    { class: 'result' },
    el(
      'dl',
      { class: 'kv' },
      el('dt', { text: 'Quyết định' }), el('dd', { 'data-k': 'decision', text: r.decision }),
      el('dt', { text: 'Ý định' }), el('dd', { text: r.intentId ? `${r.intent} (${r.intentId})` : r.intent }),
      el('dt', { text: 'Thủ tục' }), el('dd', { 'data-k': 'procedure', text: r.procedureId || '—' }),
      el('dt', { text: 'Khía cạnh' }), el('dd', { text: r.aspect || '—' }),
      el('dt', { text: 'Độ tin cậy' }), el('dd', { text: r.confidence }),
      el('dt', { text: 'Phương án khác' }), el('dd', { text: alts }),
      el('dt', { text: 'Mã hồ sơ' }), el('dd', { text: r.dossierCode || '—' }),
      el('dt', { text: 'Nội dung' }), el('dd', { text: `${r.content === 'draft' ? 'bản nháp' : 'đang dùng'} (${r.contentVersion})` }),
    ),
    el('h3', { text: 'Trợ lý sẽ trả lời' }),
    r.replies.length ? r.replies.map(replyView) : el('p', { class: 'muted', text: 'Không có tin nhắn trả lời trực tiếp.' }),
    r.actions.filter((a) => a.type !== 'record_answer').length ? el('p', { class: 'muted', text: `Việc khác: ${r.actions.filter((a) => a.type !== 'record_answer').map((a) => a.type).join(', ')}` }) : null,
  );
}

function previewCard() {
  const input = el('input', { id: 'preview-text', placeholder: 'Ví dụ: lệ phí bao nhiêu', 'aria-label': 'Câu hỏi thử' });
  const out = el('div', { id: 'preview-result', 'aria-live': 'polite' });
  async function run(e) {
    e.preventDefault();
    if (!input.value.trim()) return;
    try {
      clear(out).append(resultView(await api('POST', '/nlu/test', { text: input.value, draft: true })));
    } catch (err) {
      clear(out).append(el('p', { class: 'errors', text: explain(err) }));
    }
  }
  return el('form', { class: 'card', on: { submit: run } }, el('h3', { text: 'Xem thử với bản nháp' }), el('div', { class: 'row' }, el('div', { class: 'grow' }, input), el('button', { type: 'submit', text: 'Thử' })), out);
}

/* ---------- Test console ---------- */

async function renderTestConsole() {
  const input = el('input', { id: 'test-text', placeholder: 'Nhập tin nhắn như người dân, ví dụ: lam cccd can giay to gi', 'aria-label': 'Tin nhắn thử' });
  const draft = el('input', { type: 'checkbox', id: 'test-draft' });
  const out = el('div', { id: 'test-result', 'aria-live': 'polite' });
  async function run(e) {
    e.preventDefault();
    if (!input.value.trim()) return;
    try {
      clear(out).append(el('div', { class: 'card' }, resultView(await api('POST', '/nlu/test', { text: input.value, draft: draft.checked }))));
    } catch (err) {
      clear(out).append(el('p', { class: 'errors', text: explain(err) }));
    }
  }
  page(
    'Thử trợ lý',
    el('form', { class: 'card', on: { submit: run } }, el('div', { class: 'row' }, el('div', { class: 'grow' }, input), el('button', { class: 'primary', type: 'submit', text: 'Thử' })), el('p', {}, el('label', { for: 'test-draft' }, draft, ' Dùng các bản nháp chưa xuất bản'))),
    out,
  );
  input.focus();
}

/* ---------- Unanswered ---------- */

async function loadProcedures() {
  if (!state.procedures.length) state.procedures = (await api('GET', '/procedures')).items;
  return state.procedures;
}

async function renderUnanswered() {
  const [{ groups }, procedures] = await Promise.all([api('GET', '/unanswered'), state.user.role === 'admin' ? loadProcedures() : Promise.resolve([])]);
  const tbody = el('tbody');
  const KIND = { fallback: 'Không hiểu', clarify: 'Phải hỏi lại', feedback_down: 'Đánh giá “không hữu ích”' };
  for (const g of groups) {
    const row = el('tr', { 'data-key': g.key });
    let action = null;
    if (state.user.role === 'admin' && g.text) {
      const sel = el('select', { 'aria-label': `Thủ tục cho câu “${g.text}”` }, el('option', { value: '', text: 'Chọn thủ tục…' }), procedures.map((p) => el('option', { value: p.id, text: p.name })));
      if (g.candidates[0]) sel.value = g.candidates[0];
      action = el(
        'div',
        { class: 'row' },
        sel,
        el('button', {
          type: 'button',
          text: 'Thêm làm câu hỏi mẫu',
          on: {
            click: async () => {
              if (!sel.value) return sel.focus();
              try {
                const res = await api('POST', '/unanswered/phrasing', { text: g.text, procedureId: sel.value, groupKey: g.key });
                flash(res.alreadyPresent ? 'Câu này đã có trong câu hỏi mẫu.' : `Đã thêm vào bản nháp phiên bản ${res.draft.version} của “${sel.value}”. Xuất bản để trợ lý dùng.`);
                row.remove();
              } catch (err) {
                flash(errorText(err), true);
              }
            },
          },
        }),
        el('button', { type: 'button', text: 'Bỏ qua', on: { click: async () => { await api('POST', '/unanswered/dismiss', { key: g.key }); row.remove(); } } }),
      );
    }
    append(row, [
      el('td', {}, el('div', { text: g.text || `Thủ tục: ${g.procedureId || '—'}` }), g.examples.length > 1 ? el('div', { class: 'muted', text: `Cách hỏi khác: ${g.examples.slice(1).join(' · ')}` }) : null),
      el('td', { text: KIND[g.kind] || g.kind }),
      el('td', { text: `${g.count} lần / ${g.users} người` }),
      el('td', { text: `${fmtDate(g.firstAt)} – ${fmtDate(g.lastAt)}` }),
      el('td', {}, action),
    ]);
    tbody.append(row);
  }
  page(
    'Câu hỏi chưa trả lời',
    el('p', { class: 'muted', text: 'Tin nhắn trợ lý không hiểu, phải hỏi lại, hoặc bị đánh giá “không hữu ích”, gộp theo câu gần giống nhau.' }),
    groups.length ? el('table', {}, el('thead', {}, el('tr', {}, ['Câu hỏi', 'Loại', 'Số lần', 'Thời gian', 'Xử lý'].map((t) => el('th', { text: t })))), tbody) : el('p', { text: 'Chưa có câu hỏi nào chưa được trả lời.' }),
  );
}

/* ---------- Analytics ---------- */

function dayChart(days) {
  const W = 720, H = 220, pad = 28;
  const max = Math.max(1, ...days.map((d) => d.messages));
  const bw = (W - pad * 2) / days.length;
  const bars = [];
  days.forEach((d, i) => {
    let y = H - pad;
    for (const [k, color] of [['answer', '#146c2e'], ['clarify', '#d59b00'], ['fallback', '#b3261e']]) {
      const h = ((d[k] || 0) / max) * (H - pad * 2);
      y -= h;
      if (h > 0) bars.push(svg('rect', { x: pad + i * bw + 1, y, width: Math.max(1, bw - 2), height: h, fill: color }, svg('title', { text: `${d.date}: ${d[k]} ${k}` })));
    }
    if (i % Math.ceil(days.length / 8) === 0) bars.push(svg('text', { x: pad + i * bw, y: H - 8, text: d.date.slice(5) }));
  });
  return svg('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Tin nhắn mỗi ngày, nhiều nhất ${max}` }, svg('text', { x: 4, y: 14, text: `${max}` }), svg('line', { x1: pad, y1: H - pad, x2: W - pad, y2: H - pad, stroke: '#999' }), bars);
}

function topChart(top, names) {
  const W = 720, row = 22;
  const H = Math.max(1, top.length) * row + 8;
  const max = Math.max(1, ...top.map((t) => t.count));
  return svg(
    'svg',
    { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Thủ tục được hỏi nhiều nhất' },
    top.map((t, i) => [
      svg('text', { x: 4, y: i * row + 15, text: names.get(t.procedureId) || t.procedureId }),
      svg('rect', { x: 300, y: i * row + 4, width: (t.count / max) * (W - 360), height: row - 8, fill: '#0b57d0' }),
      svg('text', { x: 306 + (t.count / max) * (W - 360), y: i * row + 15, text: t.count }),
    ]),
  );
}

async function renderAnalytics() {
  const [a, procedures, ann] = await Promise.all([api('GET', '/analytics?days=30'), loadProcedures().catch(() => []), api('GET', '/announcements?limit=200').catch(() => null)]);
  const names = new Map(procedures.map((p) => [p.id, p.name]));
  const sent = ann && Array.isArray(ann.announcements) ? ann.announcements.reduce((s, x) => s + (x.sent || 0), 0) : null;
  const stat = (label, value, key) => el('div', { class: 'stat', 'data-stat': key }, el('b', { text: value }), el('span', { text: label }));
  page(
    'Thống kê 30 ngày',
    el(
      'div',
      { class: 'stats' },
      stat('Tin nhắn', a.totals.messages, 'messages'),
      stat('Trả lời được', pct(a.rates.answer), 'answer'),
      stat('Phải hỏi lại', pct(a.rates.clarify), 'clarify'),
      stat('Không hiểu', pct(a.rates.fallback), 'fallback'),
      stat('Tra cứu hồ sơ', a.totals.lookups, 'lookups'),
      stat(`Đánh giá hữu ích (${a.totals.feedbackUp} có, ${a.totals.feedbackDown} không)`, pct(a.rates.helpful), 'helpful'),
      stat('Thông báo đã gửi', sent === null ? '–' : sent, 'announcements'),
    ),
    el('div', { class: 'card' }, el('h3', { text: 'Tin nhắn mỗi ngày' }), el('div', { class: 'legend' }, el('span', {}, el('i', { class: 'sw-answer' }), 'trả lời'), el('span', {}, el('i', { class: 'sw-clarify' }), 'hỏi lại'), el('span', {}, el('i', { class: 'sw-fallback' }), 'không hiểu')), dayChart(a.days)),
    el('div', { class: 'card' }, el('h3', { text: 'Thủ tục được hỏi nhiều nhất' }), a.topProcedures.length ? topChart(a.topProcedures, names) : el('p', { class: 'muted', text: 'Chưa có dữ liệu.' })),
  );
}

/* ---------- Hand-off inbox ---------- */

async function renderInbox() {
  const list = el('div', { class: 'inbox-list', role: 'list' });
  const convo = el('div', { class: 'card', id: 'conversation' }, el('p', { class: 'muted', text: 'Chọn một cuộc trò chuyện.' }));
  let selected = null;
  let refreshThread = async () => {};
  async function loadList() {
    const { items } = await api('GET', '/handoffs');
    clear(list);
    if (!items.length) list.append(el('p', { class: 'muted', text: 'Không có cuộc trò chuyện nào đang chờ cán bộ.' }));
    for (const it of items) {
      list.append(
        el(
          'button',
          { type: 'button', role: 'listitem', 'data-user': it.userId, 'aria-pressed': selected === it.userId ? 'true' : 'false', on: { click: () => open(it.userId) } },
          el('strong', { text: `Người dùng …${it.userId.slice(-6)}` }),
          el('div', { class: 'muted', text: `${it.by === 'staff' ? 'Cán bộ nhận qua Zalo' : 'Người dân yêu cầu'} · ${fmtDate(it.lastActivityAt)}` }),
          it.last ? el('div', { text: it.last.text.slice(0, 80) }) : null,
        ),
      );
    }
  }
  async function open(userId) {
    selected = userId;
    for (const b of list.querySelectorAll('button')) b.setAttribute('aria-pressed', b.getAttribute('data-user') === userId ? 'true' : 'false');
    const { messages, state: st } = await api('GET', `/handoffs/${userId}/messages`);
    const thread = el('div', { class: 'thread', 'aria-live': 'polite' });
    const drawThread = (list) => {
      const atBottom = thread.scrollTop + thread.clientHeight >= thread.scrollHeight - 8;
      clear(thread).append(...list.map((m) => el('div', { class: `msg ${m.from}` }, el('small', { text: `${m.from === 'staff' ? m.staff || 'Cán bộ' : 'Người dân'} · ${fmtDate(m.at)}` }), m.text)));
      if (atBottom) thread.scrollTop = thread.scrollHeight;
    };
    drawThread(messages);
    // New messages from the citizen appear without reloading (and without touching the reply being typed).
    refreshThread = async () => {
      if (selected !== userId) return;
      drawThread((await api('GET', `/handoffs/${userId}/messages`)).messages);
    };
    const text = el('textarea', { id: 'reply-text', 'aria-label': 'Nội dung trả lời', rows: 3 });
    const form = el(
      'form',
      {
        on: {
          submit: async (e) => {
            e.preventDefault();
            if (!text.value.trim()) return;
            try {
              await api('POST', `/handoffs/${userId}/reply`, { text: text.value });
              text.value = '';
              flash('Đã gửi qua Zalo.');
              await open(userId);
            } catch (err) {
              flash(explain(err), true);
            }
          },
        },
      },
      text,
      el('div', { class: 'row' }, el('button', { class: 'primary', type: 'submit', text: 'Gửi trả lời' }), el('button', { type: 'button', id: 'release', on: { click: release }, text: 'Trả lại cho trợ lý tự động' })),
    );
    async function release() {
      await api('POST', `/handoffs/${userId}/release`, {});
      flash('Đã trả cuộc trò chuyện cho trợ lý tự động.');
      selected = null;
      clear(convo).append(el('p', { class: 'muted', text: 'Chọn một cuộc trò chuyện.' }));
      await loadList();
    }
    clear(convo).append(el('h3', { text: `Người dùng …${userId.slice(-6)}` }), st ? el('p', { class: 'muted', text: `Bắt đầu ${fmtDate(st.since)}; hết hạn nếu không có trao đổi trong thời gian quy định.` }) : null, thread, form);
    thread.scrollTop = thread.scrollHeight;
  }
  page('Hộp thư cán bộ', el('div', { class: 'cols' }, el('div', {}, list), convo));
  await loadList();
  state.timers.push(setInterval(() => Promise.all([loadList(), refreshThread()]).catch(() => {}), 4000));
}

/* ---------- Announcements ---------- */

const ANN_STATUS = { draft: 'Nháp', scheduled: 'Đã lên lịch', sending: 'Đang gửi', done: 'Đã gửi xong', cancelled: 'Đã huỷ', dry_run: 'Chạy thử' };

async function renderAnnouncements() {
  const f = {
    title: el('input', { id: 'ann-title', maxlength: 100 }),
    text: el('textarea', { id: 'ann-text', maxlength: 2000, rows: 5 }),
    audience: el('select', { id: 'ann-audience' }, el('option', { value: 'all', text: 'Mọi người quan tâm OA' }), el('option', { value: 'tags', text: 'Theo nhãn' }), el('option', { value: 'userIds', text: 'Danh sách người dùng' })),
    targets: el('input', { id: 'ann-targets', placeholder: 'Nhãn hoặc mã người dùng, cách nhau bằng dấu phẩy' }),
    sendAt: el('input', { id: 'ann-sendat', type: 'datetime-local' }),
    dryRun: el('input', { id: 'ann-dry', type: 'checkbox' }),
  };
  const errors = el('div', { role: 'alert' });
  const tbody = el('tbody');
  function body() {
    const audience = f.audience.value === 'all' ? { all: true } : { [f.audience.value]: f.targets.value.split(',').map((s) => s.trim()).filter(Boolean) };
    const b = { title: f.title.value, text: f.text.value, audience, dryRun: f.dryRun.checked };
    if (f.sendAt.value) b.sendAt = new Date(f.sendAt.value).toISOString();
    return b;
  }
  async function submit(e) {
    e.preventDefault();
    clear(errors);
    try {
      const res = await api('POST', '/announcements', body());
      if (res.status === 'dry_run') flash(`Chạy thử: thông báo sẽ đến ${res.audienceSize} người. Chưa gửi gì.`);
      else {
        flash(`Đã tạo thông báo cho ${res.audienceSize} người.`);
        f.title.value = '';
        f.text.value = '';
      }
      await load();
    } catch (err) {
      const fields = err.body.fields || {};
      errors.append(el('div', { class: 'errors' }, el('strong', { text: 'Chưa gửi được:' }), el('ul', {}, Object.entries(fields).map(([k, v]) => el('li', { text: `${k}: ${v}` })), Object.keys(fields).length ? null : el('li', { text: explain(err) }))));
    }
  }
  async function load() {
    const { announcements } = await api('GET', '/announcements?limit=50');
    clear(tbody);
    for (const a of announcements) {
      const done = a.sent + a.failed + a.skipped + (a.cancelled || 0);
      tbody.append(
        el(
          'tr',
          { 'data-id': a.id },
          el('td', { text: a.title }),
          el('td', {}, el('span', { class: `status ${a.status}`, 'data-status': a.status, text: ANN_STATUS[a.status] || a.status })),
          el('td', {}, a.total ? el('progress', { max: a.total, value: done, 'aria-label': `Tiến độ ${done}/${a.total}` }) : null, el('div', { class: 'progress-text', text: `${a.sent} đã gửi · ${a.failed} lỗi · ${a.skipped} bỏ qua${a.total !== null ? ` / ${a.total}` : ''}` })),
          el('td', { text: a.sendAt ? fmtDate(a.sendAt) : fmtDate(a.createdAt) }),
          el('td', { text: a.createdBy }),
          el('td', {}, a.status === 'scheduled' || a.status === 'sending' || a.status === 'draft' ? el('button', { type: 'button', class: 'danger', on: { click: async () => { await api('POST', `/announcements/${a.id}/cancel`, {}); await load(); } }, text: 'Huỷ' }) : null),
        ),
      );
    }
  }
  const fld = (id, label, control) => el('div', { class: 'field' }, el('label', { for: id, text: label }), control);
  page(
    'Thông báo',
    el(
      'form',
      { class: 'card', on: { submit } },
      el('h3', { text: 'Soạn thông báo' }),
      fld('ann-title', 'Tiêu đề', f.title),
      fld('ann-text', 'Nội dung', f.text),
      el('div', { class: 'grid' }, fld('ann-audience', 'Người nhận', f.audience), fld('ann-targets', 'Nhãn / mã người dùng', f.targets), fld('ann-sendat', 'Gửi lúc (để trống: gửi ngay)', f.sendAt)),
      el('p', {}, el('label', { for: 'ann-dry' }, f.dryRun, ' Chạy thử (chỉ đếm người nhận, không gửi)')),
      errors,
      el('button', { class: 'primary', type: 'submit', text: 'Gửi thông báo' }),
    ),
    el('h3', { text: 'Đã tạo' }),
    el('table', {}, el('thead', {}, el('tr', {}, ['Tiêu đề', 'Trạng thái', 'Tiến độ', 'Thời gian', 'Người tạo', ''].map((t) => el('th', { text: t })))), tbody),
  );
  await load();
  state.timers.push(setInterval(() => load().catch(() => {}), 2000));
}

/* ---------- Users and audit ---------- */

async function renderUsers() {
  const { users } = await api('GET', '/users');
  const name = el('input', { id: 'u-name', autocomplete: 'off' });
  const pass = el('input', { id: 'u-pass', type: 'password', autocomplete: 'new-password' });
  const role = el('select', { id: 'u-role' }, el('option', { value: 'staff', text: 'Cán bộ (staff)' }), el('option', { value: 'admin', text: 'Quản trị (admin)' }));
  const err = el('div', { role: 'alert' });
  async function create(e) {
    e.preventDefault();
    clear(err);
    try {
      await api('POST', '/users', { username: name.value, password: pass.value, role: role.value });
      flash(`Đã tạo tài khoản ${name.value}.`, false, true);
      route();
    } catch (ex) {
      err.append(el('p', { class: 'errors', text: explain(ex) }));
    }
  }
  page(
    'Tài khoản',
    el('table', {}, el('thead', {}, el('tr', {}, ['Tên đăng nhập', 'Vai trò', 'Tạo lúc', 'Người tạo', ''].map((t) => el('th', { text: t })))), el('tbody', {}, users.map((u) => el('tr', {}, el('td', { text: u.username }), el('td', { text: u.role }), el('td', { text: fmtDate(u.createdAt) }), el('td', { text: u.createdBy }), el('td', {}, u.username === state.user.username ? null : el('button', { type: 'button', class: 'danger', text: 'Xoá', on: { click: async () => { if (confirm(`Xoá tài khoản ${u.username}?`)) { await api('DELETE', `/users/${encodeURIComponent(u.username)}`); route(); } } } })))))),
    el('form', { class: 'card', on: { submit: create } }, el('h3', { text: 'Thêm tài khoản' }), el('div', { class: 'grid' }, el('div', { class: 'field' }, el('label', { for: 'u-name', text: 'Tên đăng nhập' }), name), el('div', { class: 'field' }, el('label', { for: 'u-pass', text: 'Mật khẩu (ít nhất 8 ký tự)' }), pass), el('div', { class: 'field' }, el('label', { for: 'u-role', text: 'Vai trò' }), role)), err, el('button', { class: 'primary', type: 'submit', text: 'Tạo tài khoản' })),
  );
}

async function renderAudit() {
  const { entries } = await api('GET', '/audit?limit=300');
  page('Nhật ký thay đổi', el('table', {}, el('thead', {}, el('tr', {}, ['Thời gian', 'Người thực hiện', 'Việc', 'Đối tượng', 'Chi tiết'].map((t) => el('th', { text: t })))), el('tbody', {}, entries.map((e) => el('tr', {}, el('td', { text: fmtDate(e.at) }), el('td', { text: e.who }), el('td', { text: e.action }), el('td', { text: e.target || '' }), el('td', { class: 'muted', text: e.detail ? JSON.stringify(e.detail) : '' }))))));
}

/* ---------- Start ---------- */

(async function boot() {
  try {
    const me = await fetch('/admin/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (me.ok) {
      const body = await me.json();
      setUser(body.user, body.csrfToken);
    }
  } catch {
    /* offline: the login form explains on submit */
  }
  route();
})();
