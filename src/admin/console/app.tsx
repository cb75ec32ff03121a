import { useState } from 'preact/hooks';
import { api } from './lib/api.js';
import { flash, route, session, navigate } from './lib/store.js';
import { canSee, matchPage, menuFor } from './registry.js';
import { LoginPage } from './pages/LoginPage.js';

const ROLE_WORDS = { admin: 'quản trị', staff: 'cán bộ' } as const;

/** Nothing but the login form renders until the server says who is signed in. */
export function App() {
  const s = session.value;
  if (s === undefined) return null;
  if (s === null) return <LoginPage />;
  return <Shell />;
}

function Shell() {
  const s = session.value!;
  const role = s.user.role;
  const [menuOpen, setMenuOpen] = useState(false);
  const path = route.value;
  const menu = menuFor(role);
  const matched = matchPage(path);
  const home = role === 'admin' ? '/content' : '/inbox';
  if (!matched) {
    queueMicrotask(() => navigate(home));
    return null;
  }
  const { page, params } = matched;
  const allowed = canSee(page, role);
  async function logout() {
    try {
      await api('POST', '/logout', {});
    } finally {
      session.value = null;
      location.hash = '';
    }
  }
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        Bỏ qua thanh điều hướng
      </a>
      <header class="top">
        <h1>Quản trị trợ lý hành chính công</h1>
        <button type="button" class="menu-toggle" aria-expanded={menuOpen} aria-controls="nav" onClick={() => setMenuOpen(!menuOpen)}>
          Menu
        </button>
        <nav id="nav" aria-label="Trang quản trị" class={menuOpen ? 'open' : ''}>
          {menu.map((p) => {
            const current = path === p.path || path.startsWith(`${p.path}/`);
            return (
              <a key={p.path} href={`#${p.path}`} aria-current={current ? 'page' : undefined} onClick={() => setMenuOpen(false)}>
                {p.nav!.label}
              </a>
            );
          })}
        </nav>
        <div class="whoami" id="whoami">
          <span>
            {s.user.username} ({ROLE_WORDS[role]})
          </span>
          <button type="button" onClick={() => void logout()}>
            Đăng xuất
          </button>
        </div>
      </header>
      <div class="flash" role="status" aria-live="polite" id="flash">
        {flash.value ? <p class={flash.value.kind === 'error' ? 'error' : ''}>{flash.value.text}</p> : null}
      </div>
      <main id="main" tabIndex={-1}>
        {allowed ? <page.component key={path} params={params} /> : <p class="errors">Trang này chỉ dành cho quản trị viên.</p>}
      </main>
    </>
  );
}
