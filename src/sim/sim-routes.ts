import { join } from 'node:path';
import express, { type Router } from 'express';
import type { FakeZaloApi } from './fake-zalo-api.js';
import { projectRoot } from '../paths.js';

export interface SimulatorIdentity {
  appId: string;
  oaId: string;
  oaSecretKey: string;
}

/**
 * Routes that exist only in simulator mode: the chat page, what it needs to sign events like Zalo
 * does, and the messages the fake OA API recorded for a user.
 */
export function createSimulatorRouter(fake: FakeZaloApi, id: SimulatorIdentity, extraLinks: { href: string; label: string }[] = []): Router {
  const r = express.Router();
  const publicDir = join(projectRoot(), 'src', 'sim', 'public');
  r.get('/sim', (_req, res) => res.sendFile(join(publicDir, 'chat.html')));
  r.get('/sim/chat.js', (_req, res) => res.type('application/javascript').sendFile(join(publicDir, 'chat.js')));
  r.get('/sim/api/config', (_req, res) => {
    // The simulator's secret is a fixed local value, so handing it to the page is harmless.
    res.json({ appId: id.appId, oaId: id.oaId, oaSecretKey: id.oaSecretKey, webhookPath: '/webhook/zalo', links: extraLinks });
  });
  // The page's "follow" button: the fake OA now counts the user as a follower (promotion messages allowed).
  r.post('/sim/api/follow', express.json(), (req, res) => {
    const userId = String(req.body?.userId ?? '');
    if (!/^\d{1,20}$/.test(userId)) return void res.status(400).json({ error: 'userId must be digits' });
    fake.followers.add(userId);
    res.json({ ok: true });
  });
  // The chat page's "share phone" card: the fake knows whose phone it is, so ZNS to it shows in that chat.
  r.post('/sim/api/share-phone', express.json(), (req, res) => {
    const userId = String(req.body?.userId ?? '');
    const digits = String(req.body?.phone ?? '').replace(/\D/g, '');
    const phone = digits.startsWith('0') ? `84${digits.slice(1)}` : digits;
    if (!/^\d{1,20}$/.test(userId) || !/^84\d{9}$/.test(phone)) return void res.status(400).json({ error: 'userId must be digits and phone a Vietnamese mobile number' });
    fake.phoneOwners.set(phone, userId);
    res.json({ ok: true, phone });
  });
  // Fault drills: make a user out of the 7-day window (consultation messages answer -230), or back in.
  r.post('/sim/api/out-of-window', express.json(), (req, res) => {
    const userId = String(req.body?.userId ?? '');
    if (!/^\d{1,20}$/.test(userId)) return void res.status(400).json({ error: 'userId must be digits' });
    if (req.body?.out === false) fake.outOfWindow.delete(userId);
    else fake.outOfWindow.add(userId);
    res.json({ ok: true, outOfWindow: fake.outOfWindow.has(userId) });
  });
  r.get('/sim/api/messages', async (req, res) => {
    const userId = String(req.query.userId ?? '');
    const after = Number(req.query.after ?? 0) || 0;
    if (!/^\d{1,20}$/.test(userId)) return void res.status(400).json({ error: 'userId must be digits' });
    const ready = fake.messagesFor(userId, after);
    if (ready.length > 0 || req.query.wait !== '1') return void res.json({ messages: ready });
    // Long-poll up to 20 s so the page sees replies as soon as the worker sends them.
    const timer = setTimeout(done, 20_000);
    function done() {
      clearTimeout(timer);
      fake.off('message', onMessage);
      if (!res.headersSent) res.json({ messages: fake.messagesFor(userId, after) });
    }
    function onMessage(m: { userId: string }) {
      if (m.userId === userId) setTimeout(done, 30);
    }
    fake.on('message', onMessage);
    req.on('close', done);
  });
  return r;
}
