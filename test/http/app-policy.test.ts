import { pino } from 'pino';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createApp, httpPolicy } from '../../src/http/app.js';
import { createMetrics } from '../../src/observability/metrics.js';

const TOKEN = 'metrics-token-0123456789abcdef';
/** A production start needs the Zalo credentials (the simulator never runs in production). */
const ZALO = { ZALO_APP_ID: '1', ZALO_OA_SECRET_KEY: 'oa-secret', ZALO_APP_SECRET: 'app-secret', ZALO_REFRESH_TOKEN: 'rt' };
const app = (env: Record<string, string>) =>
  createApp({ logger: pino({ level: 'silent' }), metrics: createMetrics(), readiness: [], routers: [], ...httpPolicy(loadConfig(env.NODE_ENV === 'production' ? { ...ZALO, ...env } : env)) });

describe('/metrics and HSTS', () => {
  it('keeps /metrics behind METRICS_TOKEN (bearer), the way Prometheus sends it', async () => {
    const a = app({ NODE_ENV: 'production', METRICS_TOKEN: TOKEN });
    expect((await request(a).get('/metrics')).status).toBe(401);
    expect((await request(a).get('/metrics').set('Authorization', 'Bearer wrong-token-wrong-token-wrong')).status).toBe(401);
    expect((await request(a).get('/metrics').set('Authorization', TOKEN)).status).toBe(401);
    const ok = await request(a).get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('zalo_webhook_rejected_total');
    // The token applies outside production too.
    expect((await request(app({ METRICS_TOKEN: TOKEN })).get('/metrics')).status).toBe(401);
  });

  it('serves no /metrics in production without a token, and openly in development', async () => {
    expect((await request(app({ NODE_ENV: 'production' })).get('/metrics')).status).toBe(404);
    expect((await request(app({ NODE_ENV: 'development' })).get('/metrics')).status).toBe(200);
  });

  it('sends Strict-Transport-Security in production only', async () => {
    const prod = await request(app({ NODE_ENV: 'production' })).get('/healthz');
    expect(prod.headers['strict-transport-security']).toBe('max-age=31536000');
    const dev = await request(app({ NODE_ENV: 'development' })).get('/healthz');
    expect(dev.headers['strict-transport-security']).toBeUndefined();
  });

  it('validates METRICS_TOKEN and refuses non-http(s) URLs in the configuration', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN must be at least 24 characters \(got set \(value hidden\)\)/);
    expect(() => loadConfig({ ONESTOP_PORTAL_URL: 'javascript:alert(1)' })).toThrow(ConfigError);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'data:text/html,x' })).toThrow(/PUBLIC_BASE_URL must be an http\(s\) URL/);
  });
});
