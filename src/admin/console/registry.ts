import type { ComponentType } from 'preact';
import type { Role } from '../api-types.js';

/**
 * The console's pages. A page is a component in its own file, registered once with its address, its title and
 * the role it needs; the menu, the router and the role checks all read this list.
 *
 *   registerPage({ path: '/complaints/:id', title: 'Phản ánh', role: 'any', nav: { label: 'Phản ánh', order: 75 }, component: ComplaintPage });
 *
 * `path` segments starting with ":" are parameters handed to the component as `params`. A page whose role the
 * signed-in user lacks is neither in the menu nor reachable (the server enforces the same rule on its API).
 */
export interface PageProps {
  params: Record<string, string>;
}

export interface PageDef {
  path: string;
  /** The page's heading and the browser tab's title. */
  title: string;
  role: Role | 'any';
  component: ComponentType<PageProps>;
  /** Shown in the menu when given (lower order first). */
  nav?: { label: string; order: number };
}

const pages: PageDef[] = [];

export function registerPage(def: PageDef): void {
  if (pages.some((p) => p.path === def.path)) throw new Error(`page ${def.path} is registered twice`);
  pages.push(def);
}

export function allPages(): readonly PageDef[] {
  return pages;
}

/** The pages of the menu a role sees, in order. */
export function menuFor(role: Role): PageDef[] {
  return pages.filter((p) => p.nav && (p.role === 'any' || p.role === role)).sort((a, b) => a.nav!.order - b.nav!.order);
}

/** The page at `path` and its parameters; null when no page matches. */
export function matchPage(path: string): { page: PageDef; params: Record<string, string> } | null {
  const parts = path.split('/').filter(Boolean);
  for (const page of pages) {
    const pattern = page.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((seg, i) => {
      if (seg.startsWith(':')) {
        params[seg.slice(1)] = decodeURIComponent(parts[i]!);
        return true;
      }
      return seg === parts[i];
    });
    if (ok) return { page, params };
  }
  return null;
}

export function canSee(page: PageDef, role: Role): boolean {
  return page.role === 'any' || page.role === role;
}
