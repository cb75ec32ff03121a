import { render } from 'preact';
import type { MeResponse } from '../api-types.js';
import { App } from './app.js';
import { session, startRouting } from './lib/store.js';
import './pages/index.js';

/** Boots the console: asks who is signed in (no menu, no page before the answer), then renders. */
async function boot(): Promise<void> {
  startRouting();
  render(<App />, document.getElementById('app')!);
  try {
    const res = await fetch('/admin/api/me', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (res.ok) {
      const me = (await res.json()) as MeResponse;
      session.value = { user: me.user, csrf: me.csrfToken, testRecipient: me.testRecipientId };
      return;
    }
  } catch {
    // Offline: the login form explains on submit.
  }
  session.value = null;
}

void boot();
