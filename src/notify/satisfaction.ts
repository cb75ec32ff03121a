import { createHash } from 'node:crypto';
import type { SatisfactionAction, TurnContext } from '../bot/ports.js';
import { payload } from '../dialogue/payload.js';
import { SATISFACTION_LEVELS, type Reply, type SatisfactionLevel, type Translate } from '../dialogue/types.js';
import type { Store } from '../store/ports.js';
import type { NoticeRecord } from './notices.js';
import type { DossierNotice } from './types.js';

/**
 * How satisfied citizens are with each finished dossier. The final notice asks (three buttons); the answer is
 * kept per agency, procedure and month (counts for the chart, one row per answer for the CSV), with an optional
 * comment taken from the next message. A "not satisfied" answer with a comment is a complaint: it goes to the
 * ComplaintSink (main.ts wires the complaints queue of issue 11); without one it waits in a list.
 *
 *   sat:ask:<user>:<code>     the question went out: what it was about (30 days)
 *   sat:ans:<user>:<code>     the answer (one per citizen and dossier)
 *   sat:count:<YYYY-MM>       hash: [agency, procedure, level] → count
 *   sat:rows:<YYYY-MM>        hash: <user hash>:<code> → the answer row (CSV)
 *   sat:complaints:pending    list of complaints no sink has taken yet
 */

export interface SatisfactionComplaint {
  userId: string;
  language: 'vi' | 'en';
  code: string;
  agency: string;
  procedureCode: string;
  procedureName: string;
  comment: string;
  at: number;
}

/** Where a "not satisfied" answer with a comment goes: the complaints queue of issue 11 (complaint-sink.ts). */
export interface ComplaintSink {
  /** Returns the complaint's reference when the queue gives one. */
  submit(complaint: SatisfactionComplaint): Promise<{ ref?: string } | void>;
}

export interface SatisfactionRow {
  month: string;
  at: number;
  code: string;
  agency: string;
  procedureCode: string;
  procedureName: string;
  level: SatisfactionLevel;
  comment?: string;
}

export interface SatisfactionCounts {
  month: string;
  agency: string;
  procedure: string;
  very_satisfied: number;
  satisfied: number;
  unsatisfied: number;
}

interface Asked {
  agency: string;
  procedureCode: string;
  procedureName: string;
  at: number;
}

const ASK_TTL_MS = 30 * 86_400_000;
const askKey = (userId: string, code: string) => `sat:ask:${userId}:${code}`;
const answerKey = (userId: string, code: string) => `sat:ans:${userId}:${code}`;
const countKey = (month: string) => `sat:count:${month}`;
const rowsKey = (month: string) => `sat:rows:${month}`;
export const PENDING_COMPLAINTS = 'sat:complaints:pending';
const COMMENT_MAX = 1000;

/** "2026-03" in Vietnam time. */
export function vnMonth(at: number): string {
  return new Date(at + 7 * 3600_000).toISOString().slice(0, 7);
}

const userHash = (userId: string) => createHash('sha256').update(`sat\0${userId}`).digest('hex').slice(0, 12);

export class SatisfactionSurvey {
  constructor(
    private readonly store: Store,
    private readonly tFor: (lng: 'vi' | 'en') => Translate,
    private readonly sink?: ComplaintSink,
  ) {}

  /** The final notice with the question and its three buttons (the portal link stays when there is room). */
  withQuestion(notice: DossierNotice): Reply {
    const t = this.tFor(notice.language);
    const code = notice.facts.code;
    const buttons: Reply['buttons'] = [
      { kind: 'query', title: t('notify.satisfaction.very_satisfied'), payload: payload.satisfaction('very_satisfied', code) },
      { kind: 'query', title: t('notify.satisfaction.satisfied'), payload: payload.satisfaction('satisfied', code) },
      { kind: 'query', title: t('notify.satisfaction.unsatisfied'), payload: payload.satisfaction('unsatisfied', code) },
      ...notice.message.buttons.filter((b) => b.kind === 'url').slice(0, 2),
    ];
    return { ...notice.message, text: `${notice.message.text}\n\n${t('notify.satisfaction.question')}`, buttons };
  }

  /** A final notice settled: when it went out by consultation, its question was asked. */
  async settled(record: NoticeRecord, at: number): Promise<void> {
    if (!record.final || record.state !== 'sent' || record.channel !== 'consultation') return;
    const asked: Asked = { agency: record.facts.agency ?? '', procedureCode: record.facts.procedureCode ?? '', procedureName: record.facts.procedure_name ?? '', at };
    await this.store.set(askKey(record.userId, record.code), JSON.stringify(asked), { ttlMs: ASK_TTL_MS });
  }

  async handle(action: SatisfactionAction, ctx: TurnContext): Promise<Reply> {
    const { t } = ctx;
    if (action.type === 'satisfaction_comment') return this.comment(action.code, action.text, ctx);
    if (action.answer === 'skip') return { text: t('notify.satisfaction.thanks'), buttons: [] };
    const raw = await this.store.get(askKey(ctx.userId, action.code));
    if (!raw) return { text: t('notify.satisfaction.notAsked', { code: action.code }), buttons: [] };
    const asked = JSON.parse(raw) as Asked;
    const first = await this.store.setIfAbsent(answerKey(ctx.userId, action.code), JSON.stringify({ level: action.answer, at: ctx.now }), ASK_TTL_MS);
    if (!first) return { text: t('notify.satisfaction.already', { code: action.code }), buttons: [] };
    const month = vnMonth(ctx.now);
    const row: SatisfactionRow = { month, at: ctx.now, code: action.code, agency: asked.agency, procedureCode: asked.procedureCode, procedureName: asked.procedureName, level: action.answer };
    await this.store.hincrBy(countKey(month), JSON.stringify([asked.agency, asked.procedureName || asked.procedureCode, action.answer]), 1);
    await this.store.hset(rowsKey(month), { [`${userHash(ctx.userId)}:${action.code}`]: JSON.stringify(row) });
    ctx.session.awaiting = 'satisfaction_comment';
    ctx.session.pendingSatisfactionCode = action.code;
    return {
      text: t(action.answer === 'unsatisfied' ? 'notify.satisfaction.askCommentUnsatisfied' : 'notify.satisfaction.askComment'),
      buttons: [{ kind: 'query', title: t('notify.satisfaction.skip'), payload: payload.satisfaction('skip', action.code) }],
    };
  }

  private async comment(code: string, text: string, ctx: TurnContext): Promise<Reply> {
    const t = ctx.t;
    const answer = await this.store.get(answerKey(ctx.userId, code));
    if (!answer) return { text: t('notify.satisfaction.thanks'), buttons: [] };
    const { at } = JSON.parse(answer) as { at: number };
    const month = vnMonth(at);
    const field = `${userHash(ctx.userId)}:${code}`;
    const rawRow = await this.store.hget(rowsKey(month), field);
    if (!rawRow) return { text: t('notify.satisfaction.thanks'), buttons: [] };
    const row = JSON.parse(rawRow) as SatisfactionRow;
    if (row.comment) return { text: t('notify.satisfaction.thanks'), buttons: [] };
    row.comment = text.trim().slice(0, COMMENT_MAX);
    await this.store.hset(rowsKey(month), { [field]: JSON.stringify(row) });
    if (row.level === 'unsatisfied' && row.comment) {
      const complaint: SatisfactionComplaint = { userId: ctx.userId, language: ctx.language, code, agency: row.agency, procedureCode: row.procedureCode, procedureName: row.procedureName, comment: row.comment, at: ctx.now };
      if (!this.sink) await this.store.lpushCapped(PENDING_COMPLAINTS, JSON.stringify(complaint), 10_000);
      else {
        const filed = await this.sink.submit(complaint);
        if (filed?.ref) return { text: t('notify.satisfaction.commentFiled', { ref: filed.ref }), buttons: [] };
      }
    }
    return { text: t('notify.satisfaction.commentThanks'), buttons: [] };
  }

  /** Counts per month, agency and procedure, for the chart; months as "YYYY-MM", inclusive. */
  async counts(from: string, to: string): Promise<SatisfactionCounts[]> {
    const out: SatisfactionCounts[] = [];
    for (const month of monthsBetween(from, to)) {
      const byKey = new Map<string, SatisfactionCounts>();
      for (const [field, n] of Object.entries(await this.store.hgetall(countKey(month)))) {
        const [agency, procedure, level] = JSON.parse(field) as [string, string, SatisfactionLevel];
        const key = `${agency}\u0000${procedure}`;
        let c = byKey.get(key);
        if (!c) byKey.set(key, (c = { month, agency, procedure, very_satisfied: 0, satisfied: 0, unsatisfied: 0 }));
        if ((SATISFACTION_LEVELS as readonly string[]).includes(level)) c[level] += Number(n);
      }
      out.push(...[...byKey.values()].sort((a, b) => a.agency.localeCompare(b.agency) || a.procedure.localeCompare(b.procedure)));
    }
    return out;
  }

  async rows(from: string, to: string): Promise<SatisfactionRow[]> {
    const out: SatisfactionRow[] = [];
    for (const month of monthsBetween(from, to)) {
      out.push(...Object.values(await this.store.hgetall(rowsKey(month))).map((v) => JSON.parse(v) as SatisfactionRow));
    }
    return out.sort((a, b) => a.at - b.at);
  }

  /** A withdrawal of consent: the questions and answers tied to the user go (the anonymous counts stay). */
  async forget(userId: string): Promise<void> {
    const keys = [...(await this.store.scanKeys(`sat:ask:${userId}:*`, 1000)), ...(await this.store.scanKeys(`sat:ans:${userId}:*`, 1000))];
    if (keys.length > 0) await this.store.del(...keys);
  }

  async pendingComplaints(limit = 200): Promise<SatisfactionComplaint[]> {
    return (await this.store.lrange(PENDING_COMPLAINTS, 0, limit - 1)).map((v) => JSON.parse(v) as SatisfactionComplaint);
  }
}

/** "2026-01".."2026-03" → every month in between; at most 36. */
export function monthsBetween(from: string, to: string): string[] {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const out: string[] = [];
  let y = fy;
  let m = fm;
  while ((y < ty || (y === ty && m <= tm)) && out.length < 36) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      y += 1;
      m = 1;
    }
  }
  return out;
}

const CSV_COLUMNS = ['month', 'answered_at', 'dossier_code', 'agency', 'procedure_code', 'procedure_name', 'level', 'comment'] as const;

function csvCell(v: string): string {
  // Quote everything that could break a row, and defuse spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) || safe !== v ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function satisfactionCsv(rows: SatisfactionRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    lines.push([r.month, new Date(r.at).toISOString(), r.code, r.agency, r.procedureCode, r.procedureName, r.level, r.comment ?? ''].map(csvCell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
