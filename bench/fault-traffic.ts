import type { RecordedMessage } from '../src/sim/fake-zalo-api.js';
import { signZaloBody } from '../src/zalo/signature.js';
import { FAULT_IDENTITY } from './fault-zalo.js';

/**
 * bench:faults helper — the citizens' side: an open-loop stream of signed text events, each user's events sent
 * one after another (the next only once the previous one was acknowledged, so each user's acknowledged order is
 * the order the bot must keep), each retried every 500 ms until some bot answers 200, as Zalo redelivers. Then
 * the analysis: which acknowledged event got its reply, how many extra replies, how late.
 */

/** Three questions with three distinct, deterministic one-message replies (the reply tells which question it answers). */
export const QUESTIONS = ['xin chào', 'cảm ơn', 'dk ks can giay to gi'] as const;
const REPLY_STARTS = ['Xin chào anh/chị', 'Dạ, không có gì', 'Đăng ký khai sinh'];

export function replyKind(text: string): number {
  return REPLY_STARTS.findIndex((s) => text.startsWith(s));
}

export interface SentEvent {
  user: string;
  seq: number;
  /** Index into QUESTIONS, or -1 for a free text. */
  kind: number;
  text: string;
  createdAt: number;
  ackAt?: number;
  /** Time the successful request took (the webhook's acknowledgement latency as the sender sees it). */
  ackMs?: number;
  tries: number;
}

export const benchUser = (i: number) => String(2468000000000000000n + BigInt(i));

export class Traffic {
  readonly events: SentEvent[] = [];
  private readonly chains = new Map<string, Promise<void>>();
  private readonly perUser = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private next = 0;
  private giveUpAt = Infinity;
  private rr = 0;

  constructor(
    private readonly opts: { label: string; users: number; ratePerS: number; targets: () => string[] },
  ) {}

  /** Starts the open-loop stream of questions, users in turn. */
  start(): void {
    const every = 1000 / this.opts.ratePerS;
    const t0 = Date.now();
    let sent = 0;
    const tick = () => {
      const due = Math.floor((Date.now() - t0) / every) + 1;
      while (sent < due) {
        const user = benchUser(this.next++ % this.opts.users);
        const n = this.perUser.get(user) ?? 0;
        this.send(user, n % QUESTIONS.length, QUESTIONS[n % QUESTIONS.length]!);
        sent++;
      }
      this.timer = setTimeout(tick, Math.max(1, every / 2));
    };
    tick();
  }

  /** One event for `user` behind the ones it already has in flight. */
  send(user: string, kind: number, text: string): SentEvent {
    const seq = this.perUser.get(user) ?? 0;
    this.perUser.set(user, seq + 1);
    const ev: SentEvent = { user, seq, kind, text, createdAt: Date.now(), tries: 0 };
    this.events.push(ev);
    const chain = (this.chains.get(user) ?? Promise.resolve()).then(() => this.deliver(ev));
    this.chains.set(user, chain);
    return ev;
  }

  /** Stops creating events and waits until every event was acknowledged, or `graceMs` passes. */
  async stop(graceMs: number): Promise<void> {
    clearTimeout(this.timer);
    this.giveUpAt = Date.now() + graceMs;
    await Promise.all(this.chains.values());
  }

  private async deliver(ev: SentEvent): Promise<void> {
    const event = {
      app_id: FAULT_IDENTITY.appId,
      event_name: 'user_send_text',
      timestamp: String(Date.now()),
      sender: { id: ev.user },
      recipient: { id: FAULT_IDENTITY.oaId },
      message: { msg_id: `bf-${this.opts.label}-${ev.user}-${ev.seq}`, text: ev.text },
    };
    const body = JSON.stringify(event);
    const signature = signZaloBody(body, event.app_id, event.timestamp, FAULT_IDENTITY.oaSecretKey);
    while (Date.now() < this.giveUpAt) {
      const targets = this.opts.targets();
      const target = targets[this.rr++ % Math.max(1, targets.length)];
      ev.tries++;
      const started = Date.now();
      try {
        if (!target) throw new Error('no bot listening');
        const res = await fetch(`${target}/webhook/zalo`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-zevent-signature': signature },
          body,
          signal: AbortSignal.timeout(5000),
        });
        await res.arrayBuffer();
        if (res.status === 200) {
          ev.ackAt = Date.now();
          ev.ackMs = ev.ackAt - started;
          return;
        }
      } catch {
        // connection refused or timed out: like Zalo, try again shortly
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

export interface FaultStats {
  sent: number;
  acked: number;
  answered: number;
  lost: number;
  duplicated: number;
  /** Users whose replies came in a different order than their acknowledged questions (same replies, reordered). */
  reordered: number;
  delays: number[];
  /** Reply delays counted from max(acknowledgement, recovery): how long the service took once it was back. */
  afterRecovery: number[];
  ackMs: number[];
  /** At the end of the fault: acknowledged events not answered yet, and how long until the last of them was. */
  backlogAtRecovery: number;
  backlogDrainedMs: number;
  /** From the end of the fault to the first reply after it: how long the service stayed stalled. */
  resumedMs: number;
  /** Events first sent before the fault ended but acknowledged only after it (Zalo's redelivered backlog). */
  redelivered: number;
}

/** Longest common subsequence of two short sequences, as index pairs. */
function lcsPairs(a: number[], b: number[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  const t = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) t[i]![j] = a[i] === b[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  const out: [number, number][] = [];
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (a[i] === b[j]) {
      out.push([i, j]);
      i++;
      j++;
    } else if (t[i + 1]![j]! >= t[i]![j + 1]!) i++;
    else j++;
  }
  return out;
}

/**
 * Matches each user's acknowledged questions, in order, to the replies the fake Zalo received for that user.
 * Free-text events (kind -1) count as answered when their user (one such event per user) got any reply.
 */
export function analyse(events: SentEvent[], messages: RecordedMessage[], recoveredAt = 0): FaultStats {
  const replies = new Map<string, RecordedMessage[]>();
  for (const m of messages) if (m.endpoint === 'cs') replies.set(m.userId, [...(replies.get(m.userId) ?? []), m]);
  const byUser = new Map<string, SentEvent[]>();
  for (const e of events) byUser.set(e.user, [...(byUser.get(e.user) ?? []), e]);
  const s: FaultStats = { sent: events.length, acked: 0, answered: 0, lost: 0, duplicated: 0, reordered: 0, delays: [], afterRecovery: [], ackMs: [], backlogAtRecovery: 0, backlogDrainedMs: 0, resumedMs: NaN, redelivered: 0 };
  for (const [user, list] of byUser) {
    const acked = list.filter((e) => e.ackAt !== undefined).sort((x, y) => x.seq - y.seq);
    s.acked += acked.length;
    for (const e of acked) s.ackMs.push(e.ackMs!);
    if (recoveredAt > 0) s.redelivered += acked.filter((e) => e.createdAt < recoveredAt && e.ackAt! >= recoveredAt).length;
    const got = replies.get(user) ?? [];
    const expected = acked.map((e) => e.kind);
    const kinds = got.map((m) => (acked.every((e) => e.kind === -1) ? -1 : replyKind(String(m.message.text ?? ''))));
    const pairs = lcsPairs(expected, kinds);
    s.answered += pairs.length;
    s.lost += acked.length - pairs.length;
    s.duplicated += got.length - pairs.length;
    const sorted = (xs: number[]) => [...xs].sort((x, y) => x - y).join(',');
    if (pairs.length < Math.min(expected.length, kinds.length) && sorted(expected) === sorted(kinds)) s.reordered++;
    for (const [i, j] of pairs) {
      const at = got[j]!.at;
      const ackAt = acked[i]!.ackAt!;
      s.delays.push(at - ackAt);
      if (at >= recoveredAt) s.afterRecovery.push(at - Math.max(ackAt, recoveredAt));
      if (recoveredAt > 0 && at >= recoveredAt && !(s.resumedMs <= at - recoveredAt)) s.resumedMs = at - recoveredAt;
      if (recoveredAt > 0 && ackAt < recoveredAt && at >= recoveredAt) {
        s.backlogAtRecovery++;
        s.backlogDrainedMs = Math.max(s.backlogDrainedMs, at - recoveredAt);
      }
    }
  }
  return s;
}

export function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
