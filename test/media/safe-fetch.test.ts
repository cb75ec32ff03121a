import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMedia, guardedLookup, hostAllowed, isInternalAddress, MediaFetchError, type MediaFetchOptions } from '../../src/media/safe-fetch.js';

let server: Server;
let base: string;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/photo.jpg') return void res.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG);
    if (path === '/octet') return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(JPEG);
    if (path === '/page') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html>');
    if (path === '/big') return void res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(10_000_000) }).end();
    if (path === '/stream') {
      // No content-length: the size is counted as it streams.
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      const chunk = Buffer.alloc(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent < 2_000_000) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    if (path === '/slow') return void setTimeout(() => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(JPEG), 3000);
    if (path === '/to-internal') return void res.writeHead(302, { location: 'http://10.0.0.1/secret' }).end();
    if (path === '/to-photo') return void res.writeHead(302, { location: '/photo.jpg' }).end();
    if (path === '/gone') return void res.writeHead(404).end();
    res.writeHead(500).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const opts: MediaFetchOptions = { allowedHosts: ['127.0.0.1'], maxBytes: 1_000_000, timeoutMs: 1000, accept: ['image'] };
const failure = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: unknown) => (e instanceof MediaFetchError ? e.reason : `other: ${String(e)}`),
  );

describe('fetchMedia', () => {
  it('downloads an image from an allowed host', async () => {
    const media = await fetchMedia(`${base}/photo.jpg`, opts);
    expect(media.bytes.equals(JPEG)).toBe(true);
    expect(media.contentType).toBe('image/jpeg');
  });

  it('accepts an untyped body (the bytes are checked later) and follows a redirect on the same host', async () => {
    expect((await fetchMedia(`${base}/octet`, opts)).bytes.equals(JPEG)).toBe(true);
    expect((await fetchMedia(`${base}/to-photo`, opts)).bytes.equals(JPEG)).toBe(true);
  });

  it('refuses hosts that are not allowed, other protocols, and credentials in the URL', async () => {
    expect(await failure(fetchMedia(`${base.replace('127.0.0.1', 'localhost')}/photo.jpg`, opts))).toBe('host_not_allowed');
    expect(await failure(fetchMedia('file:///etc/passwd', opts))).toBe('bad_url');
    expect(await failure(fetchMedia(`http://u:p@127.0.0.1/photo.jpg`, opts))).toBe('bad_url');
    expect(await failure(fetchMedia('not a url', opts))).toBe('bad_url');
  });

  it('never follows a redirect into the internal network, even from an allowed host', async () => {
    expect(await failure(fetchMedia(`${base}/to-internal`, opts))).toBe('host_not_allowed');
    expect(await failure(fetchMedia(`${base}/to-internal`, { ...opts, allowedHosts: ['127.0.0.1', '10.0.0.1'] }))).not.toBe('resolved');
  });

  it('refuses, at connect time, a name that resolves to an internal address (DNS rebinding)', async () => {
    // The lookup every non-literal host goes through: "localhost" resolves to loopback and is refused.
    const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => guardedLookup('localhost', {}, (e) => resolve(e)));
    expect(err?.code).toBe('EINTERNAL');
    expect(isInternalAddress('127.0.0.1')).toBe(true);
    expect(isInternalAddress('10.1.2.3')).toBe(true);
    expect(isInternalAddress('172.20.0.1')).toBe(true);
    expect(isInternalAddress('192.168.1.1')).toBe(true);
    expect(isInternalAddress('169.254.169.254')).toBe(true);
    expect(isInternalAddress('::1')).toBe(true);
    expect(isInternalAddress('::ffff:10.0.0.1')).toBe(true);
    expect(isInternalAddress('fd00::1')).toBe(true);
    expect(isInternalAddress('203.162.4.190')).toBe(false);
  });

  it('matches allowed hosts by suffix, never by substring', () => {
    expect(hostAllowed('photo-s1.zdn.vn', ['zdn.vn'])).toBe(true);
    expect(hostAllowed('zdn.vn', ['zdn.vn'])).toBe(true);
    expect(hostAllowed('evilzdn.vn', ['zdn.vn'])).toBe(false);
    expect(hostAllowed('zdn.vn.evil.com', ['zdn.vn'])).toBe(false);
  });

  it('refuses a body over the size limit, declared or streamed', async () => {
    expect(await failure(fetchMedia(`${base}/big`, opts))).toBe('too_large');
    expect(await failure(fetchMedia(`${base}/stream`, opts))).toBe('too_large');
  });

  it('refuses what is not an image, an error status, and a server too slow', async () => {
    expect(await failure(fetchMedia(`${base}/page`, opts))).toBe('wrong_type');
    expect(await failure(fetchMedia(`${base}/gone`, opts))).toBe('http_status');
    const started = Date.now();
    expect(await failure(fetchMedia(`${base}/slow`, { ...opts, timeoutMs: 300 }))).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2500);
  });
});
