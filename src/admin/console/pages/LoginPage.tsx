import { useEffect, useRef, useState } from 'preact/hooks';
import type { LoginResponse, MeResponse } from '../../api-types.js';
import { api, ApiError, explain } from '../lib/api.js';
import { session } from '../lib/store.js';

/** The only thing a signed-out visitor sees. */
export function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const userRef = useRef<HTMLInputElement>(null);
  const passRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    document.title = 'Đăng nhập – Quản trị trợ lý';
    userRef.current?.focus();
  }, []);
  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    if (!username.trim() || !password) return setError('Vui lòng nhập tên đăng nhập và mật khẩu.');
    setBusy(true);
    try {
      const res = await api<LoginResponse>('POST', '/login', { username, password });
      const me = await api<MeResponse>('GET', '/me').catch(() => null);
      session.value = { user: me?.user ?? { id: res.user.id, username: res.user.username, role: res.user.role, via: 'session' }, csrf: res.csrfToken, testRecipient: me?.testRecipientId ?? null };
    } catch (err) {
      setError(err instanceof ApiError && err.status === 400 ? 'Vui lòng nhập tên đăng nhập và mật khẩu.' : explain(err));
      setPassword('');
      passRef.current?.focus();
    } finally {
      setBusy(false);
    }
  }
  return (
    <main id="main" class="login-main">
      <form class="card login" onSubmit={(e) => void submit(e)} noValidate>
        <h1>Quản trị trợ lý hành chính công</h1>
        <h2>Đăng nhập</h2>
        <div class="field">
          <label for="login-user">Tên đăng nhập</label>
          <input id="login-user" ref={userRef} name="username" autoComplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} required />
        </div>
        <div class="field">
          <label for="login-pass">Mật khẩu</label>
          <input id="login-pass" ref={passRef} name="password" type="password" autoComplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required />
        </div>
        <div role="alert">{error ? <p class="errors">{error}</p> : null}</div>
        <button class="primary" type="submit" disabled={busy}>
          Đăng nhập
        </button>
      </form>
    </main>
  );
}
