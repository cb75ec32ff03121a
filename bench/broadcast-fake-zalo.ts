/**
 * bench:broadcast helper — the fake Zalo OA API in its own process (so the workers' figures do not
 * include it). Counts what each user received per announcement title, and answers a user's recent
 * messages (the platform history a restarted worker consults after a crash).
 * Prints one JSON line {port} when listening.
 */
import express from 'express';
import { FakeZaloApi } from '../src/sim/fake-zalo-api.js';

export const BENCH_TOKEN = 'bench-access-token';

const followers = Number(process.env.BENCH_FOLLOWERS ?? 100_000);
export const benchUserId = (i: number) => `u${String(i).padStart(7, '0')}`;

const fake = new FakeZaloApi({ appId: 'bench-app', appSecret: 'bench-secret', accessToken: BENCH_TOKEN, refreshToken: 'bench-rt', followers: Array.from({ length: followers }, (_, i) => benchUserId(i)) });

/** title → user → messages received */
const received = new Map<string, Map<string, number>>();
/** user → last few messages (title, time) */
const recent = new Map<string, { text: string; at: number }[]>();

function titleOf(message: Record<string, unknown>): string {
  const payload = (message.attachment as { payload?: { elements?: { type: string; content?: string }[] } } | undefined)?.payload;
  const header = payload?.elements?.find((e) => e.type === 'header')?.content;
  if (header) return header;
  return String(message.text ?? '').split('\n')[0] ?? '';
}

fake.on('message', (m: { userId: string; message: Record<string, unknown>; at: number }) => {
  const title = titleOf(m.message);
  let perUser = received.get(title);
  if (!perUser) received.set(title, (perUser = new Map()));
  perUser.set(m.userId, (perUser.get(m.userId) ?? 0) + 1);
  const list = recent.get(m.userId) ?? [];
  list.push({ text: title, at: m.at });
  if (list.length > 10) list.shift();
  recent.set(m.userId, list);
  // The fake keeps a capped array with an O(n) trim; these counters replace it here.
  if (fake.messages.length > 1000) fake.messages.length = 0;
});

const app = express();
app.use('/api', fake.apiRouter());
app.get('/bench/stats', (req, res) => {
  const perUser = received.get(String(req.query.title)) ?? new Map<string, number>();
  let messages = 0;
  let duplicates = 0;
  for (const n of perUser.values()) {
    messages += n;
    if (n > 1) duplicates += n - 1;
  }
  const expected = Number(req.query.expected ?? followers);
  let missing = 0;
  for (let i = 0; i < expected; i++) if (!perUser.has(benchUserId(i))) missing++;
  res.json({ messages, users: perUser.size, duplicates, missing });
});
app.get('/bench/recent', (req, res) => {
  res.json((recent.get(String(req.query.user)) ?? []).map((m) => ({ fromOa: true, at: m.at, text: m.text })));
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`);
});
server.keepAliveTimeout = 60_000;
