/**
 * bench:broadcast helper — the fake Zalo OA API in its own process (so the workers' figures do not
 * include it). It answers the two message endpoints in Zalo's wire format (`{error, message, data}`,
 * `access_token` header, -213 for a non-follower on promotion) on plain node:http with keep-alive: the
 * express-based simulator cost more CPU per call than the worker under test, on a 2-core machine.
 * Counts what each user received per announcement title, and answers a user's recent messages (the
 * platform history a restarted worker consults after a crash). Prints one JSON line {port} when listening.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export const BENCH_TOKEN = 'bench-access-token';

const followerCount = Number(process.env.BENCH_FOLLOWERS ?? 100_000);
export const benchUserId = (i: number) => `u${String(i).padStart(7, '0')}`;
const followers = new Set(Array.from({ length: followerCount }, (_, i) => benchUserId(i)));

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

function record(userId: string, message: Record<string, unknown>): void {
  const title = titleOf(message);
  let perUser = received.get(title);
  if (!perUser) received.set(title, (perUser = new Map()));
  perUser.set(userId, (perUser.get(userId) ?? 0) + 1);
  const list = recent.get(userId) ?? [];
  list.push({ text: title, at: Date.now() });
  if (list.length > 10) list.shift();
  recent.set(userId, list);
}

function json(res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function send(endpoint: 'cs' | 'promotion', req: IncomingMessage, res: ServerResponse, raw: string): void {
  if (req.headers.access_token !== BENCH_TOKEN) return json(res, { error: -216, message: 'Access token is invalid' });
  let body: { recipient?: { user_id?: unknown }; message?: unknown };
  try {
    body = JSON.parse(raw) as typeof body;
  } catch {
    return json(res, { error: -201, message: 'body must be JSON' });
  }
  const userId = body.recipient?.user_id;
  const message = body.message;
  if (typeof userId !== 'string' || !message || typeof message !== 'object') return json(res, { error: -201, message: 'recipient.user_id and message are required' });
  if (endpoint === 'promotion' && !followers.has(userId)) return json(res, { error: -213, message: 'User has not followed the OA' });
  record(userId, message as Record<string, unknown>);
  json(res, { error: 0, message: 'Success', data: { message_id: randomBytes(10).toString('hex'), user_id: userId, quota: { quota_type: 'reply', remain: 7, total: 8 } } });
}

function stats(url: URL, res: ServerResponse): void {
  const perUser = received.get(url.searchParams.get('title') ?? '') ?? new Map<string, number>();
  let messages = 0;
  let duplicates = 0;
  for (const n of perUser.values()) {
    messages += n;
    if (n > 1) duplicates += n - 1;
  }
  const expected = Number(url.searchParams.get('expected') ?? followerCount);
  let missing = 0;
  for (let i = 0; i < expected; i++) if (!perUser.has(benchUserId(i))) missing++;
  json(res, { messages, users: perUser.size, duplicates, missing, connections });
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    if (req.method === 'POST' && path === '/api/v3.0/oa/message/promotion') return send('promotion', req, res, Buffer.concat(chunks).toString('utf8'));
    if (req.method === 'POST' && path === '/api/v3.0/oa/message/cs') return send('cs', req, res, Buffer.concat(chunks).toString('utf8'));
    if (path === '/bench/stats') return stats(url, res);
    if (path === '/bench/recent') return json(res, (recent.get(url.searchParams.get('user') ?? '') ?? []).map((m) => ({ fromOa: true, at: m.at, text: m.text })));
    res.writeHead(404).end();
  });
});
server.keepAliveTimeout = 60_000;
/** TCP connections accepted so far: shows whether the worker reuses its connections. */
let connections = 0;
server.on('connection', () => connections++);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`);
});
