import { signal } from '@preact/signals';
import type { ContentSummary } from '../../api-types.js';
import { api } from './api.js';

/** Procedure names by id, loaded once per sign-in (charts, the test console and the unanswered page show names). */
export const procedureList = signal<ContentSummary[] | null>(null);
let loading: Promise<void> | null = null;

export function loadProcedureNames(force = false): Promise<void> {
  if (force) loading = null;
  loading ??= api<{ items: ContentSummary[] }>('GET', '/procedures')
    .then((r) => void (procedureList.value = r.items))
    .catch(() => void (loading = null));
  return loading;
}

export function procedureName(id: string): string {
  return procedureList.value?.find((p) => p.id === id)?.name ?? id;
}
