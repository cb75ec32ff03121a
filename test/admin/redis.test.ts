import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { RedisStore } from '../../src/store/redis-store.js';
import { loadContentFromDir } from '../../src/knowledge/loader.js';
import { ContentRepository } from '../../src/knowledge/repository.js';
import type { KnowledgeBase } from '../../src/knowledge/schema.js';
import { ContentEditor } from '../../src/admin/content-editor.js';
import { AuditLog } from '../../src/admin/audit.js';
import { UserDirectory } from '../../src/admin/users.js';
import { projectRoot } from '../../src/paths.js';
import { createI18n, translatorFor } from '../../src/i18n/i18n.js';
import { followSentenceOverrides } from '../../src/i18n/overrides.js';
import { testRedisUrl, uniquePrefix } from '../support/redis.js';
import { sharedContentDir } from '../support/content.js';

const url = testRedisUrl();
const run = promisify(execFile);
const logger = pino({ level: 'silent' });

async function seedKb(): Promise<KnowledgeBase> {
  // The curated content with a sample of the catalogue: a publish rebuilds the matcher on every instance, and
  // the whole catalogue would make this a test of the build time, not of the propagation.
  const loaded = await loadContentFromDir(sharedContentDir());
  if ('errors' in loaded) throw new Error('content errors');
  return loaded.kb;
}

describe.skipIf(!url)('admin with Redis', () => {
  const stores: RedisStore[] = [];
  const editors: ContentEditor[] = [];
  afterAll(async () => {
    for (const e of editors) await e.stop();
    for (const s of stores) await s.close();
  });

  it('a publish on one instance reaches another within 2 s and rebuilds its matcher', async () => {
    const prefix = uniquePrefix('admin-pub');
    const kb = await seedKb();
    const instances = [0, 1].map(() => {
      const store = new RedisStore({ url, prefix, logger });
      stores.push(store);
      const content = new ContentRepository(kb);
      const editor = new ContentEditor({ store, content, audit: new AuditLog(store), logger });
      editors.push(editor);
      return { store, content, editor };
    });
    for (const i of instances) await i.editor.start();
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];

    const proc = kb.procedures.find((p) => p.id === 'ly-lich-tu-phap')!;
    const fee = { ...proc.fees[0]!, amountVnd: 260000 };
    await a.editor.save('procedure', proc.id, { ...proc, fees: [fee, ...proc.fees.slice(1)], phrasings: [...proc.phrasings, 'phiếu lý lịch xin việc ở đâu'] }, 'admin');
    const oldMatcher = b.content.current().matcher;
    const started = Date.now();
    const { version } = await a.editor.publish('admin');

    await expect.poll(() => b.content.current().version, { timeout: 2000, interval: 20 }).toBe(version);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(b.content.current().matcher).not.toBe(oldMatcher);
    expect(b.content.current().kb.procedures.find((p) => p.id === proc.id)!.fees[0]!.amountVnd).toBe(260000);
    // A version carries the curated tier only: each instance keeps the official catalogue it loaded.
    expect(await a.store.get('content:live')).not.toContain('"catalogue"');
    expect(b.content.current().kb.catalogue).toBe(kb.catalogue);
    expect(b.content.current().matcher.understand('thủ tục 1.003930').procedureId).toBe('tthc-1-003930');

    // A third instance started later adopts the published content from the store.
    const late = new RedisStore({ url, prefix, logger });
    stores.push(late);
    const lateContent = new ContentRepository(kb);
    const lateEditor = new ContentEditor({ store: late, content: lateContent, audit: new AuditLog(late), logger });
    editors.push(lateEditor);
    await lateEditor.start();
    expect(lateContent.current().version).toBe(version);
    expect(lateContent.current().kb.catalogue?.records).toHaveLength(13);
  });

  it('a sentence override published on one instance is what another instance says, within 2 s', async () => {
    const prefix = uniquePrefix('admin-sentence');
    const kb = await seedKb();
    const instances = await Promise.all(
      [0, 1].map(async () => {
        const store = new RedisStore({ url, prefix, logger });
        stores.push(store);
        const content = new ContentRepository(kb);
        const i18n = await createI18n(join(projectRoot(), 'locales'));
        const sentenceDefaults = followSentenceOverrides(i18n, content, logger);
        const editor = new ContentEditor({ store, content, audit: new AuditLog(store), logger, sentenceDefaults });
        editors.push(editor);
        return { editor, t: translatorFor(i18n)('vi') };
      }),
    );
    for (const i of instances) await i.editor.start();
    const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
    const text = 'Dạ, tôi đã báo cán bộ trực. Anh/chị chờ trong giây lát ạ.';
    await a.editor.save('sentence', 'smalltalk.handoff', { id: 'smalltalk.handoff', text: { vi: text } }, 'admin');
    expect(b.t('smalltalk.handoff')).not.toBe(text);
    await a.editor.publish('admin');
    await expect.poll(() => b.t('smalltalk.handoff'), { timeout: 2000, interval: 20 }).toBe(text);
    expect(a.t('smalltalk.handoff')).toBe(text);
  });

  it('npm run admin -- create-user stores a user that can sign in', async () => {
    const prefix = uniquePrefix('admin-cli');
    const env = { ...process.env, REDIS_URL: url, REDIS_PREFIX: prefix, ADMIN_PASSWORD: 'mat-khau-dai-du', LOG_LEVEL: 'silent' };
    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src', 'cli', 'admin.ts'), 'create-user', 'truongphong', '--role', 'admin'], { env, cwd: projectRoot() });
    expect(stdout).toContain('User "truongphong" (admin) saved');
    const store = new RedisStore({ url, prefix, logger });
    stores.push(store);
    const users = new UserDirectory(store);
    expect((await users.authenticate('truongphong', 'mat-khau-dai-du'))?.role).toBe('admin');
    expect(await users.authenticate('truongphong', 'sai')).toBeNull();
    // A second create without --replace is refused.
    await expect(run(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src', 'cli', 'admin.ts'), 'create-user', 'truongphong', '--role', 'staff'], { env, cwd: projectRoot() })).rejects.toMatchObject({ code: 1 });
  }, 30_000);

  it('without REDIS_URL the command exits 1 and explains why', async () => {
    const env = { ...process.env, REDIS_URL: '', ADMIN_PASSWORD: 'mat-khau-dai-du' };
    const err = (await run(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src', 'cli', 'admin.ts'), 'create-user', 'x1', '--role', 'admin'], { env, cwd: projectRoot() }).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(err.code).toBe(1);
    expect(err.stderr).toContain('REDIS_URL is not set');
  }, 30_000);
});
