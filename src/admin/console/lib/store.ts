import { signal } from '@preact/signals';
import type { AuthUser, Role } from '../../api-types.js';

/** The signed-in user and the console-wide state every page reads (signals: pages re-render on change). */
export interface ConsoleSession {
  user: AuthUser;
  csrf: string | null;
  testRecipient: string | null;
}

/** undefined while the first /me is in flight (nothing renders), null when signed out. */
export const session = signal<ConsoleSession | null | undefined>(undefined);

export interface Flash {
  text: string;
  kind: 'ok' | 'error';
}
/** The message shown under the header (role="status"); cleared when the page changes. */
export const flash = signal<Flash | null>(null);

export function say(text: string, kind: Flash['kind'] = 'ok'): void {
  flash.value = { text, kind };
}

/** The path after "#", e.g. "/content/procedure/cap-ho-chieu". */
export const route = signal<string>(readHash());

function readHash(): string {
  return location.hash.replace(/^#/, '') || '/';
}

let keepFlashOnce = false;

export function startRouting(): void {
  window.addEventListener('hashchange', () => {
    route.value = readHash();
    if (!keepFlashOnce) flash.value = null;
    keepFlashOnce = false;
  });
}

/** Goes to a page; `keepFlash` keeps the message just shown (e.g. "Đã lưu…" after creating an item). */
export function navigate(path: string, keepFlash = false): void {
  if (location.hash === `#${path}`) {
    route.value = path;
    return;
  }
  keepFlashOnce = keepFlash;
  location.hash = path;
}

export function signOut(): void {
  session.value = null;
}

export function hasRole(role: Role | 'any'): boolean {
  const s = session.value;
  return !!s && (role === 'any' || s.user.role === role);
}
