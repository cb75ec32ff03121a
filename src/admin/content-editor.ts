import type { Logger } from 'pino';
import { Procedure, SystemIntent, type KnowledgeBase } from '../knowledge/schema.js';
import { SentenceOverride, checkOverride, type SentenceDefaults } from '../knowledge/sentences.js';
import { ContactPoint } from '../contacts/schema.js';
import type { ContentRepository } from '../knowledge/repository.js';
import { buildMatcher } from '../nlu/matcher.js';
import { foldDiacritics } from '../nlu/normalise.js';
import type { Matcher } from '../nlu/types.js';
import { waitForLock, type Store, type Unsubscribe } from '../store/ports.js';
import type { OfficialVersions } from '../catalogue/official-versions.js';
import type { ContentView, PublishPreview } from './api-types.js';
import { beforeAfter, type AuditLog } from './audit.js';
import { describeIssue, diffInWords, fieldLabel, type IssueLike } from './content-words.js';
import { diffContent, type DiffEntry } from './diff.js';
import { vnToday } from './format-vi.js';

export type ContentKind = 'procedure' | 'intent' | 'contact' | 'sentence';
type Item = Procedure | SystemIntent | ContactPoint | SentenceOverride;

export interface FieldError {
  /** Dotted path of the field, e.g. "fees.0.amountVnd"; "(root)" for the whole item. */
  field: string;
  message: string;
}

/** One saved state of one procedure or intent. `data: null` records a deletion. */
export interface ContentVersion {
  kind: ContentKind;
  id: string;
  version: number;
  by: string;
  at: number;
  /** baseline: the live state (from the files) recorded before the first console edit, so it can be restored. */
  action: 'baseline' | 'save' | 'delete' | 'rollback' | 'import';
  /** For a rollback: the version it restored. */
  restoredFrom?: number;
  data: Item | null;
  diff: DiffEntry[];
  publishedAt?: number;
  publishedBy?: string;
}

export interface ContentSummary {
  kind: ContentKind;
  id: string;
  name: string;
  field?: string;
  status: 'published' | 'draft' | 'new' | 'deleting';
  draftVersion: number | null;
  publishedVersion: number | null;
}

export class ContentError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 422 | 503,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ContentError';
  }
}

export const CONTENT_CHANNEL = 'content:published';
const LIVE_KEY = 'content:live';
const DRAFTS_KEY = 'content:drafts';
const PUBLISH_LOCK = 'content:publish-lock';
const OFFICIAL_DRAFT_KEY = 'content:draft:official';

const ref = (kind: ContentKind, id: string) => `${kind}:${id}`;
const versionsKey = (kind: ContentKind, id: string) => `content:versions:${ref(kind, id)}`;
const seqKey = (kind: ContentKind, id: string) => `content:seq:${ref(kind, id)}`;
const draftKey = (kind: ContentKind, id: string) => `content:draft:${ref(kind, id)}`;
const publishedKey = (kind: ContentKind, id: string) => `content:published-version:${ref(kind, id)}`;

interface LiveRecord {
  seq: number;
  /** The curated tier (the official tier is megabytes: it is stored once per version, see `official`). */
  kb: KnowledgeBase;
  /** The official tier's version in the store (OfficialVersions); absent: each instance keeps the snapshot it shipped with. */
  official?: string;
}

/** A reviewed catalogue sync waiting to be published: the official tier of the next version. */
export interface OfficialDraft {
  /** The OfficialVersions id of the catalogue. */
  version: string;
  /** The sync report it was approved from. */
  reportId: string;
  by: string;
  at: number;
  counts: { records: number; added: number; removed: number; changed: number };
}

export interface OfficialPublished {
  version: string;
  reportId: string;
  by: string;
  at: number;
  /** The content version it went live in ("pub-12"). */
  live: string;
}

/** Per-field errors in Vietnamese, each naming its field as the console's form does. */
function issuesToErrors(issues: readonly IssueLike[], item: unknown, kind: ContentKind): FieldError[] {
  return issues.map((i) => ({ field: i.path.length ? i.path.map(String).join('.') : '(root)', message: describeIssue(i, item, kind) }));
}

/** Facts a citizen relies on: editing one of them re-dates the procedure's verification. */
const FACT_FIELDS = ['level', 'body', 'submission', 'online', 'documents', 'fees', 'duration', 'steps', 'result', 'conditions', 'legalBasis'] as const;

/**
 * A procedure saved with a changed fact is verified today by whoever saved it (citizens read "cập nhật ngày …"),
 * unless the editor set the verification date by hand in the same save.
 */
export function stampVerification(before: Item | null, after: Procedure, by: string, today: string): Procedure {
  const prev = before && 'fees' in before ? before : null;
  if (!prev) return after.verifiedBy ? after : { ...after, verifiedBy: by };
  if (after.verifiedAt !== prev.verifiedAt) return { ...after, verifiedBy: by };
  const changed = FACT_FIELDS.some((f) => JSON.stringify(prev[f]) !== JSON.stringify(after[f]));
  return changed ? { ...after, verifiedAt: today, verifiedBy: by } : after;
}

/**
 * Content editing with versions: every save is a version (who, when, diff), publish makes a draft live on
 * every instance (snapshot in the store + pub/sub), rollback republishes any earlier version.
 */
export class ContentEditor {
  private liveSeq = 0;
  /** The official version this instance serves (null: the snapshot it loaded from intents/). */
  private liveOfficial: string | null = null;
  /** Adoptions run one after another: two publishes in a row must not race to replace the content. */
  private adoption: Promise<void> = Promise.resolve();
  private readonly officialListeners = new Set<(published: OfficialPublished) => void | Promise<void>>();
  private unsubscribe: Unsubscribe | null = null;
  private previewCache: { stamp: string; kb: KnowledgeBase; matcher: Matcher } | null = null;

  constructor(
    private readonly deps: {
      store: Store;
      content: ContentRepository;
      audit: AuditLog;
      logger: Logger;
      /** Builds the matcher for previews (the live one is built by the repository). */
      buildMatcher?: (kb: KnowledgeBase) => Matcher;
      /** The locale files' sentences, which sentence overrides replace. */
      sentenceDefaults?: SentenceDefaults;
      /** Where published versions of the official tier are kept; without it versions carry the curated tier only. */
      official?: OfficialVersions;
    },
  ) {}

  private get store() {
    return this.deps.store;
  }

  private liveKb(): KnowledgeBase {
    return this.deps.content.current().kb;
  }

  private liveItems(kind: ContentKind, kb = this.liveKb()): Item[] {
    return kind === 'procedure' ? kb.procedures : kind === 'intent' ? kb.intents : kind === 'contact' ? (kb.contacts ?? []) : (kb.sentences ?? []);
  }

  private liveItem(kind: ContentKind, id: string, kb = this.liveKb()): Item | null {
    return this.liveItems(kind, kb).find((x) => x.id === id) ?? null;
  }

  /** Adopts the published snapshot kept in the store (if newer) and follows later publishes. */
  async start(): Promise<void> {
    await this.adoptLive();
    this.unsubscribe = await this.store.subscribe(CONTENT_CHANNEL, (message) => {
      let seq = 0;
      try {
        seq = Number((JSON.parse(message) as { seq?: number }).seq ?? 0);
      } catch {
        return;
      }
      if (seq > this.liveSeq) {
        this.adoptLive().catch((err) => this.deps.logger.error({ err: (err as Error).message }, 'could not load published content'));
      }
    });
  }

  async stop(): Promise<void> {
    await this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private adoptLive(): Promise<void> {
    const run = this.adoption.then(() => this.adoptLiveNow());
    this.adoption = run.catch(() => undefined);
    return run;
  }

  private async adoptLiveNow(): Promise<void> {
    const raw = await this.store.get(LIVE_KEY);
    if (!raw) return;
    const live = JSON.parse(raw) as LiveRecord;
    if (live.seq <= this.liveSeq) return;
    // A snapshot published before contacts were content keeps the contacts from the files.
    live.kb.contacts ??= this.liveKb().contacts;
    // The published snapshot holds the curated tier; the catalogue's everyday words stay the ones this instance loaded.
    const catalogueWords = this.liveKb().catalogueWords;
    let catalogue = this.liveKb().catalogue;
    let official = this.liveOfficial;
    if (live.official && live.official !== this.liveOfficial) {
      try {
        if (!this.deps.official) throw new Error('this instance keeps no official versions');
        const started = Date.now();
        catalogue = await this.deps.official.get(live.official);
        official = live.official;
        this.deps.logger.info({ official: live.official, records: catalogue.records.length, readMs: Date.now() - started }, 'published official catalogue read');
      } catch (err) {
        // The curated tier is still adopted; the official tier stays the last good one this instance has.
        this.deps.logger.error({ official: live.official, err: (err as Error).message }, 'published official catalogue unreadable: keeping the one this instance serves');
      }
    }
    // Built fully before the swap: messages in flight keep the previous version.
    this.deps.content.replace({ ...live.kb, ...(catalogue ? { catalogue } : {}), ...(catalogueWords ? { catalogueWords } : {}) });
    this.liveSeq = live.seq;
    this.liveOfficial = official;
    this.deps.logger.info({ version: live.kb.version, official }, 'published content adopted');
  }

  /** The official version live in the store (null: none published; instances serve their shipped snapshot). */
  async liveOfficialVersion(): Promise<string | null> {
    const raw = await this.store.get(LIVE_KEY);
    return raw ? ((JSON.parse(raw) as LiveRecord).official ?? null) : null;
  }

  /** The official version this instance serves now (null: its shipped snapshot). */
  servedOfficialVersion(): string | null {
    return this.liveOfficial;
  }

  async officialDraft(): Promise<OfficialDraft | null> {
    const raw = await this.store.get(OFFICIAL_DRAFT_KEY);
    return raw ? (JSON.parse(raw) as OfficialDraft) : null;
  }

  /** Makes a stored official version the pending draft (replacing any other); returns the draft it replaced. */
  async draftOfficial(draft: Omit<OfficialDraft, 'by' | 'at'>, by: string): Promise<{ draft: OfficialDraft; replaced: OfficialDraft | null }> {
    if (!this.deps.official) throw new ContentError(409, 'no_official_store', 'Máy chủ này không lưu phiên bản danh mục chính thức.');
    if (!(await this.deps.official.exists(draft.version))) throw new ContentError(409, 'official_missing', `Phiên bản danh mục ${draft.version} không còn được lưu; vui lòng đồng bộ lại.`);
    const replaced = await this.officialDraft();
    const full: OfficialDraft = { ...draft, by, at: Date.now() };
    await this.store.set(OFFICIAL_DRAFT_KEY, JSON.stringify(full));
    await this.deps.audit.record({ who: by, action: 'catalogue.draft', target: draft.reportId, before: replaced ? { version: replaced.version, reportId: replaced.reportId } : null, after: { version: draft.version, ...draft.counts } });
    return { draft: full, replaced };
  }

  /** Drops the pending official draft; what is live stays. Returns the dropped draft. */
  async discardOfficialDraft(by: string): Promise<OfficialDraft | null> {
    const draft = await this.officialDraft();
    if (!draft) return null;
    await this.store.del(OFFICIAL_DRAFT_KEY);
    await this.deps.audit.record({ who: by, action: 'catalogue.discard', target: draft.reportId, before: { version: draft.version }, after: null });
    return draft;
  }

  /** Called on the publishing instance after an official draft went live. */
  onOfficialPublished(listener: (published: OfficialPublished) => void | Promise<void>): () => void {
    this.officialListeners.add(listener);
    return () => this.officialListeners.delete(listener);
  }

  private async officialCatalogue(draft: OfficialDraft) {
    try {
      return await this.deps.official!.get(draft.version);
    } catch (err) {
      throw new ContentError(422, 'official_invalid', `Không đọc được bản nháp danh mục: ${(err as Error).message}`);
    }
  }

  validate(kind: ContentKind, id: string, data: unknown): { ok: true; item: Item } | { ok: false; errors: FieldError[] } {
    const schema = kind === 'procedure' ? Procedure : kind === 'intent' ? SystemIntent : kind === 'contact' ? ContactPoint : SentenceOverride;
    const res = schema.safeParse(data);
    if (!res.success) return { ok: false, errors: issuesToErrors(res.error.issues, data, kind) };
    if (res.data.id !== id) return { ok: false, errors: [{ field: 'id', message: `${fieldLabel('id', data, kind)}: phải là "${id}" (địa chỉ của mục này)` }] };
    if (kind === 'sentence') {
      const errors = this.deps.sentenceDefaults ? checkOverride(res.data as SentenceOverride, this.deps.sentenceDefaults) : [];
      if (errors.length) return { ok: false, errors };
    }
    return { ok: true, item: res.data };
  }

  private async getVersion(kind: ContentKind, id: string, version: number): Promise<ContentVersion | null> {
    const raw = await this.store.hget(versionsKey(kind, id), String(version));
    return raw ? (JSON.parse(raw) as ContentVersion) : null;
  }

  private async putVersion(v: ContentVersion): Promise<void> {
    await this.store.hset(versionsKey(v.kind, v.id), { [String(v.version)]: JSON.stringify(v) });
  }

  async draft(kind: ContentKind, id: string): Promise<ContentVersion | null> {
    const n = await this.store.get(draftKey(kind, id));
    return n ? this.getVersion(kind, id, Number(n)) : null;
  }

  async versions(kind: ContentKind, id: string): Promise<ContentVersion[]> {
    const all = Object.values(await this.store.hgetall(versionsKey(kind, id))).map((r) => JSON.parse(r) as ContentVersion);
    return all.sort((a, b) => b.version - a.version);
  }

  async version(kind: ContentKind, id: string, version: number): Promise<ContentVersion> {
    const v = await this.getVersion(kind, id, version);
    if (!v) throw new ContentError(404, 'version_not_found', `no version ${version} of ${id}`);
    return v;
  }

  private async draftRefs(): Promise<{ kind: ContentKind; id: string }[]> {
    return (await this.store.smembers(DRAFTS_KEY)).map((r) => {
      const [kind, id] = r.split(':') as [ContentKind, string];
      return { kind, id };
    });
  }

  async list(kind: ContentKind, query = ''): Promise<ContentSummary[]> {
    const drafts = new Map<string, ContentVersion>();
    for (const d of await this.draftRefs()) {
      if (d.kind !== kind) continue;
      const v = await this.draft(kind, d.id);
      if (v) drafts.set(d.id, v);
    }
    const out = new Map<string, ContentSummary>();
    const name = (x: Item) => ('name' in x ? x.name.vi : 'text' in x ? x.text.vi : x.id);
    const group = (x: Item) => ('field' in x ? x.field.vi : 'kind' in x ? x.kind : x.id.split('.')[0]!);
    for (const item of this.liveItems(kind)) {
      const d = drafts.get(item.id);
      out.set(item.id, {
        kind,
        id: item.id,
        name: name(d?.data ?? item),
        field: group(item),
        status: d ? (d.data ? 'draft' : 'deleting') : 'published',
        draftVersion: d?.version ?? null,
        publishedVersion: Number((await this.store.get(publishedKey(kind, item.id))) ?? 0) || null,
      });
    }
    for (const [id, d] of drafts) {
      if (out.has(id) || !d.data) continue;
      out.set(id, { kind, id, name: name(d.data), field: group(d.data), status: 'new', draftVersion: d.version, publishedVersion: null });
    }
    const q = foldForSearch(query);
    const rows = [...out.values()].filter((s) => !q || foldForSearch(`${s.id} ${s.name} ${s.field ?? ''}`).includes(q));
    return rows.sort((a, b) => a.id.localeCompare(b.id));
  }

  async view(kind: ContentKind, id: string): Promise<ContentView> {
    const published = this.liveItem(kind, id);
    const draft = await this.draft(kind, id);
    if (!published && !draft) throw new ContentError(404, 'not_found', `no ${kind} "${id}"`);
    const pv = Number((await this.store.get(publishedKey(kind, id))) ?? 0) || null;
    return { kind, id, published, publishedVersion: pv, draft };
  }

  /** The state an edit starts from: the pending draft if any, else the live item. */
  async working(kind: ContentKind, id: string): Promise<Item | null> {
    const d = await this.draft(kind, id);
    if (d) return d.data;
    return this.liveItem(kind, id);
  }

  private async newVersion(kind: ContentKind, id: string, by: string, action: ContentVersion['action'], data: Item | null, restoredFrom?: number): Promise<ContentVersion> {
    const before = await this.working(kind, id);
    let version = await this.store.incrBy(seqKey(kind, id), 1);
    const live = this.liveItem(kind, id);
    if (version === 1 && live) {
      // The first edit of an item that came from the files: keep what was live as version 1.
      const baseline: ContentVersion = { kind, id, version: 1, by: 'intents/', at: Date.now(), action: 'baseline', data: live, diff: [], publishedAt: Date.now(), publishedBy: 'intents/' };
      await this.putVersion(baseline);
      await this.store.set(publishedKey(kind, id), '1');
      version = await this.store.incrBy(seqKey(kind, id), 1);
    }
    const v: ContentVersion = { kind, id, version, by, at: Date.now(), action, data, diff: diffContent(before ?? {}, data ?? {}) };
    if (restoredFrom !== undefined) v.restoredFrom = restoredFrom;
    await this.putVersion(v);
    await this.store.set(draftKey(kind, id), String(version));
    await this.store.sadd(DRAFTS_KEY, ref(kind, id));
    await this.deps.audit.record({ who: by, action: `${kind}.${action}`, target: id, ...beforeAfter(v.diff), detail: { version, changes: v.diff.length } });
    return v;
  }

  /** Saves a draft version after schema validation (per-field errors on failure). */
  async save(kind: ContentKind, id: string, data: unknown, by: string, action: 'save' | 'import' = 'save'): Promise<ContentVersion> {
    const checked = this.validate(kind, id, data);
    if (!checked.ok) throw new ContentError(422, 'invalid', 'Nội dung chưa hợp lệ: vui lòng sửa các trường được đánh dấu.', checked.errors);
    let item = checked.item;
    if (kind === 'procedure') {
      const known = new Set([...this.liveKb().procedures.map((p) => p.id), ...(await this.draftRefs()).filter((r) => r.kind === 'procedure').map((r) => r.id)]);
      const errors = (item as Procedure).related.flatMap((rel, i) => (known.has(rel) ? [] : [{ field: `related.${i}`, message: `${fieldLabel('related.0')}: không có thủ tục mã "${rel}"` }]));
      if (errors.length) throw new ContentError(422, 'invalid', 'Thủ tục liên quan không tồn tại.', errors);
      if (action === 'save') item = stampVerification(await this.working(kind, id), item as Procedure, by, vnToday());
    }
    return this.newVersion(kind, id, by, action, item);
  }

  async remove(kind: ContentKind, id: string, by: string): Promise<ContentVersion> {
    if (!(await this.working(kind, id))) throw new ContentError(404, 'not_found', `no ${kind} "${id}"`);
    return this.newVersion(kind, id, by, 'delete', null);
  }

  /** The live knowledge base with `overlay` applied; checks what the file loader checks across items. */
  private compose(base: KnowledgeBase, overlay: ContentVersion[]): { kb: KnowledgeBase; errors: FieldError[] } {
    const procedures = new Map(base.procedures.map((p) => [p.id, p]));
    const intents = new Map(base.intents.map((i) => [i.id, i]));
    const contacts = new Map((base.contacts ?? []).map((c) => [c.id, c]));
    const sentences = new Map((base.sentences ?? []).map((x) => [x.id, x]));
    const targets: Record<ContentKind, Map<string, Item>> = { procedure: procedures, intent: intents, contact: contacts, sentence: sentences };
    for (const v of overlay) {
      const target = targets[v.kind];
      if (v.data) target.set(v.id, v.data);
      else target.delete(v.id);
    }
    const errors: FieldError[] = [];
    for (const p of procedures.values()) {
      for (const rel of p.related) if (!procedures.has(rel)) errors.push({ field: `${p.id}.related`, message: `procedure "${p.id}" refers to "${rel}", which would not exist` });
    }
    const kb: KnowledgeBase = {
      procedures: [...procedures.values()].sort((a, b) => a.id.localeCompare(b.id)),
      intents: [...intents.values()].sort((a, b) => a.id.localeCompare(b.id)),
      sentences: [...sentences.values()].sort((a, b) => a.id.localeCompare(b.id)),
      contacts: [...contacts.values()].sort((a, b) => a.id.localeCompare(b.id)),
      lexicon: base.lexicon,
      version: base.version,
    };
    if (base.catalogue) kb.catalogue = base.catalogue;
    if (base.catalogueWords) kb.catalogueWords = base.catalogueWords;
    return { kb, errors };
  }

  /** What a publish of the given items (all drafts when omitted) would change, against what is live now. */
  async publishPreview(items?: { kind: ContentKind; id: string }[]): Promise<PublishPreview> {
    const out: PublishPreview['items'] = [];
    for (const r of items ?? (await this.draftRefs())) {
      const d = await this.draft(r.kind, r.id);
      if (!d) continue;
      const live = this.liveItem(r.kind, r.id);
      const shown = d.data ?? live;
      const diff = d.data === null ? [] : diffContent(live ?? {}, d.data);
      out.push({
        kind: r.kind,
        id: r.id,
        name: shown && 'name' in shown ? shown.name.vi : r.id,
        version: d.version,
        deleting: d.data === null,
        isNew: live === null,
        diff,
        lines: diffInWords(diff, live, d.data, r.kind),
      });
    }
    const official = items === undefined ? await this.officialDraft() : null;
    return { items: out.sort((a, b) => a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id)), official };
  }

  /**
   * Publishes the pending drafts of the given items (all drafts when omitted, the official draft included) in one
   * new live version; `official: true` also publishes the official draft when items are named.
   */
  async publish(by: string, items?: { kind: ContentKind; id: string }[], opts: { official?: boolean } = {}): Promise<{ version: string; published: ContentVersion[]; official?: OfficialPublished }> {
    const lock = await waitForLock(this.store, PUBLISH_LOCK, 30_000, 10_000);
    if (!lock) throw new ContentError(503, 'busy', 'another publish is in progress; try again');
    try {
      await this.adoptLive();
      const refs = items ?? (await this.draftRefs());
      const drafts: ContentVersion[] = [];
      for (const r of refs) {
        const d = await this.draft(r.kind, r.id);
        if (d) drafts.push(d);
      }
      const officialDraft = items === undefined || opts.official ? await this.officialDraft() : null;
      if (drafts.length === 0 && !officialDraft) throw new ContentError(409, 'no_draft', 'nothing to publish: there is no unpublished draft');
      const { kb, errors } = this.compose(this.liveKb(), drafts);
      if (errors.length) throw new ContentError(422, 'invalid', 'publishing would break the content', errors);
      if (officialDraft) kb.catalogue = await this.officialCatalogue(officialDraft);
      const previousLive = this.liveKb().version;
      const seq = await this.store.incrBy('content:live-seq', 1);
      kb.version = `pub-${seq}`;
      // Build the matcher before anything is written: a build failure leaves everything as it was.
      this.deps.content.replace(kb);
      this.liveSeq = seq;
      // The official tier (megabytes) is stored once per version; the live record names it. The catalogue's
      // everyday words are read from files on every instance.
      const { catalogue: _official, catalogueWords: _words, ...curated } = kb;
      if (officialDraft) this.liveOfficial = officialDraft.version;
      const live: LiveRecord = { seq, kb: curated };
      if (this.liveOfficial) live.official = this.liveOfficial;
      await this.store.set(LIVE_KEY, JSON.stringify(live));
      const at = Date.now();
      for (const d of drafts) {
        d.publishedAt = at;
        d.publishedBy = by;
        await this.putVersion(d);
        await this.store.set(publishedKey(d.kind, d.id), String(d.version));
        await this.store.del(draftKey(d.kind, d.id));
        await this.store.srem(DRAFTS_KEY, ref(d.kind, d.id));
        await this.deps.audit.record({ who: by, action: `${d.kind}.publish`, target: d.id, before: { live: previousLive }, after: { live: kb.version, version: d.version } });
      }
      let official: OfficialPublished | undefined;
      if (officialDraft) {
        await this.store.del(OFFICIAL_DRAFT_KEY);
        official = { version: officialDraft.version, reportId: officialDraft.reportId, by, at, live: kb.version };
        await this.deps.audit.record({ who: by, action: 'catalogue.publish', target: officialDraft.reportId, before: { live: previousLive }, after: { live: kb.version, official: officialDraft.version, ...officialDraft.counts } });
      }
      await this.store.publish(CONTENT_CHANNEL, JSON.stringify({ seq, version: kb.version }));
      if (official) {
        for (const listener of this.officialListeners) await Promise.resolve(listener(official)).catch((err: unknown) => this.deps.logger.warn({ err: (err as Error).message }, 'official publish listener failed'));
      }
      return official ? { version: kb.version, published: drafts, official } : { version: kb.version, published: drafts };
    } finally {
      await lock.release();
    }
  }

  /** Restores an earlier version as a new version and publishes it at once (rollback fixes what is live). */
  async rollback(kind: ContentKind, id: string, version: number, by: string): Promise<{ version: string; restored: ContentVersion }> {
    const old = await this.version(kind, id, version);
    const restored = await this.newVersion(kind, id, by, 'rollback', old.data, version);
    const res = await this.publish(by, [{ kind, id }]);
    return { version: res.version, restored: res.published[0] ?? restored };
  }

  /** Drops a pending draft; the live item stays as it is. */
  async discardDraft(kind: ContentKind, id: string, by: string): Promise<void> {
    const draft = await this.store.get(draftKey(kind, id));
    await this.store.del(draftKey(kind, id));
    await this.store.srem(DRAFTS_KEY, ref(kind, id));
    await this.deps.audit.record({ who: by, action: `${kind}.discard`, target: id, before: { draftVersion: draft === null ? null : Number(draft) }, after: { draftVersion: null } });
  }

  /** The live content with every pending draft applied, and a matcher built for it (cached until drafts change). */
  async preview(): Promise<{ kb: KnowledgeBase; matcher: Matcher }> {
    const drafts: ContentVersion[] = [];
    for (const r of await this.draftRefs()) {
      const d = await this.draft(r.kind, r.id);
      if (d) drafts.push(d);
    }
    const officialDraft = await this.officialDraft();
    const stamp = `${this.liveKb().version}|${drafts.map((d) => `${ref(d.kind, d.id)}@${d.version}`).sort().join(',')}|${officialDraft?.version ?? ''}`;
    if (this.previewCache?.stamp === stamp) return this.previewCache;
    const { kb } = this.compose(this.liveKb(), drafts);
    if (officialDraft) kb.catalogue = await this.officialCatalogue(officialDraft);
    kb.version = drafts.length || officialDraft ? `${kb.version}+drafts` : kb.version;
    const matcher = (this.deps.buildMatcher ?? buildMatcher)(kb);
    this.previewCache = { stamp, kb, matcher };
    return this.previewCache;
  }
}

/** Lower case without diacritics, for the console's search box. */
export function foldForSearch(text: string): string {
  return foldDiacritics(text.normalize('NFC').toLowerCase()).trim();
}
