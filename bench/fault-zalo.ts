import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import { FakeZaloApi } from '../src/sim/fake-zalo-api.js';

export const FAULT_IDENTITY = {
  appId: '4120118000000000001',
  oaId: '3660000000000000004',
  oaSecretKey: 'bench-faults-oa-secret-0123456789',
  appSecret: 'bench-faults-app-secret',
} as const;

export interface FaultZalo {
  fake: FakeZaloApi;
  apiBaseUrl: string;
  oauthBaseUrl: string;
  /**
   * How late the OAuth server's answer arrives. The pair is rotated when the request arrives, so a caller that
   * gives up before the answer has spent its single-use refresh token, as with Zalo.
   */
  oauthDelayMs: number;
  /** Called when an OAuth request arrives, before the wait. */
  onOAuthRequest?: () => void;
  /** Makes Zalo refuse the access token the bot holds (-216), as a revocation does: the bot must refresh. */
  revokeAccessToken(): void;
  close(): Promise<void>;
}

/** bench:faults helper — the simulator's fake Zalo OA API and OAuth server on loopback, with a slow-OAuth switch. */
export async function startFaultZalo(seed: { accessToken: string; refreshToken: string }): Promise<FaultZalo> {
  const fake = new FakeZaloApi({ appId: FAULT_IDENTITY.appId, appSecret: FAULT_IDENTITY.appSecret, accessToken: seed.accessToken, refreshToken: seed.refreshToken });
  const app = express();
  const control: FaultZalo = {
    fake,
    apiBaseUrl: '',
    oauthBaseUrl: '',
    oauthDelayMs: 0,
    revokeAccessToken: () => {
      fake.accessToken = `revoked-${randomBytes(6).toString('hex')}`;
    },
    close: async () => undefined,
  };
  app.use('/api', fake.apiRouter());
  app.use('/oauth', (_req, res, next) => {
    control.onOAuthRequest?.();
    const delay = control.oauthDelayMs;
    if (delay > 0) {
      const json = res.json.bind(res);
      res.json = (body: unknown) => {
        setTimeout(() => json(body), delay);
        return res;
      };
    }
    next();
  });
  app.use('/oauth', fake.oauthRouter());
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  control.apiBaseUrl = `${base}/api`;
  control.oauthBaseUrl = `${base}/oauth`;
  control.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return control;
}
