import { mkdir, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CATALOGUE_SNAPSHOT, writeSnapshot } from '../knowledge/catalogue-snapshot.js';
import type { OfficialCatalogue } from '../knowledge/official.js';
import { stringify } from 'yaml';
import { loadContentFromDir, type ContentError as FileError } from '../knowledge/loader.js';
import type { KnowledgeBase } from '../knowledge/schema.js';
import type { ContentEditor, ContentKind, ContentVersion } from './content-editor.js';

const DIRS: Record<ContentKind, string> = { procedure: 'procedures', intent: 'system', contact: 'contacts', sentence: 'sentences' };

export function toYaml(item: unknown): string {
  return stringify(item, { lineWidth: 0 });
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, file);
}

/**
 * Writes the published content back to intents/ (one YAML file per item, the reviewable form) and removes
 * the files of items that were deleted. The lexicon is not edited in the console and is left as it is.
 * `official`: a catalogue published from a sync, written as catalogue/national.json.gz (absent: the file stays).
 */
export async function exportContent(kb: KnowledgeBase, dir: string, official?: OfficialCatalogue): Promise<{ written: number; removed: string[] }> {
  let written = 0;
  const removed: string[] = [];
  const sets: [ContentKind, { id: string }[]][] = [
    ['procedure', kb.procedures],
    ['intent', kb.intents],
    ['contact', kb.contacts ?? []],
    ['sentence', kb.sentences ?? []],
  ];
  for (const [kind, items] of sets) {
    const sub = join(dir, DIRS[kind]);
    // No sentence overrides and no folder for them: nothing to write or remove.
    if (items.length === 0 && !(await readdir(sub).catch(() => null))) continue;
    await mkdir(sub, { recursive: true });
    const keep = new Set(items.map((i) => `${i.id}.yaml`));
    for (const item of items) {
      await writeAtomic(join(sub, `${item.id}.yaml`), toYaml(item));
      written++;
    }
    for (const name of await readdir(sub)) {
      if (/\.ya?ml$/.test(name) && !keep.has(name.replace(/\.yml$/, '.yaml'))) {
        await unlink(join(sub, name));
        removed.push(`${DIRS[kind]}/${name}`);
      }
    }
  }
  if (official) {
    const file = join(dir, CATALOGUE_SNAPSHOT);
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, writeSnapshot(official));
    await rename(tmp, file);
    written++;
  }
  return { written, removed };
}

/**
 * Reads intents/ files and saves every item that differs from the live content as a draft version
 * (publishing stays a separate, deliberate step). Files with errors import nothing.
 */
export async function importContent(editor: ContentEditor, live: KnowledgeBase, dir: string, by: string): Promise<{ ok: true; drafts: ContentVersion[]; unchanged: number } | { ok: false; errors: FileError[] }> {
  const loaded = await loadContentFromDir(dir);
  if ('errors' in loaded) return { ok: false, errors: loaded.errors };
  const drafts: ContentVersion[] = [];
  let unchanged = 0;
  const sets: [ContentKind, { id: string }[], { id: string }[]][] = [
    ['procedure', loaded.kb.procedures, live.procedures],
    ['intent', loaded.kb.intents, live.intents],
    ['contact', loaded.kb.contacts ?? [], live.contacts ?? []],
    ['sentence', loaded.kb.sentences ?? [], live.sentences ?? []],
  ];
  for (const [kind, items, current] of sets) {
    const byId = new Map(current.map((c) => [c.id, JSON.stringify(c)]));
    for (const item of items) {
      if (byId.get(item.id) === JSON.stringify(item)) {
        unchanged++;
        continue;
      }
      drafts.push(await editor.save(kind, item.id, item, by, 'import'));
    }
  }
  return { ok: true, drafts, unchanged };
}
