import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';

/**
 * Downloads a citizen's image or voice message from the URL in a webhook event, and nothing else: only from
 * allowed hosts (Zalo's CDNs by default), never into the internal network (the address is checked after DNS,
 * at connect time), with a size cap, a deadline and a content check. Failures are typed, never thrown raw.
 */

export type MediaFailure = 'bad_url' | 'host_not_allowed' | 'private_address' | 'too_large' | 'timeout' | 'http_status' | 'wrong_type' | 'network';

export class MediaFetchError extends Error {
  constructor(
    readonly reason: MediaFailure,
    message: string,
  ) {
    super(message);
    this.name = 'MediaFetchError';
  }
}

export interface MediaFetchOptions {
  /** Host names (suffix match: "zdn.vn" allows "photo.zdn.vn"). An IP literal or "localhost" allows exactly that host, private or not. */
  allowedHosts: readonly string[];
  maxBytes: number;
  timeoutMs: number;
  /** Content-type families accepted from the server's header (the bytes are checked by the caller too). */
  accept: readonly ('image' | 'audio' | 'video')[];
  maxRedirects?: number;
}

export interface FetchedMedia {
  bytes: Buffer;
  contentType: string;
  url: string;
}

export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return allowed.some((a) => {
    const entry = a.toLowerCase();
    if (isIP(entry) || entry === 'localhost') return h === entry;
    return h === entry || h.endsWith(`.${entry}`);
  });
}

/** Loopback, private, link-local, carrier-grade NAT, multicast and unspecified addresses (v4 and v6). */
export function isInternalAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) {
    const [a, b] = v4.split('.').map(Number) as [number, number];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  const v6 = address.toLowerCase();
  return v6 === '::' || v6 === '::1' || v6.startsWith('fc') || v6.startsWith('fd') || v6.startsWith('fe80') || v6.startsWith('ff');
}

/** True when the host was allowed by name as an IP literal or localhost: then its address is trusted as it is. */
function explicitlyAllowed(host: string, allowed: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return allowed.some((a) => (isIP(a) || a === 'localhost') && a.toLowerCase() === h);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A DNS lookup that refuses internal addresses, so a public name resolving inward (rebinding) is refused at connect time. */
export function guardedLookup(host: string, options: object, callback: LookupCallback): void {
  dnsLookup(host, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as LookupAddress[];
    const internal = list.find((a) => isInternalAddress(a.address));
    if (internal) return callback(Object.assign(new Error(`${host} resolves to an internal address`), { code: 'EINTERNAL' }), []);
    if ((options as { all?: boolean }).all) return callback(null, list);
    return callback(null, list[0]!.address, list[0]!.family);
  });
}

function familyOf(contentType: string): string {
  return contentType.split(';')[0]!.trim().toLowerCase().split('/')[0] ?? '';
}

export async function fetchMedia(rawUrl: string, opts: MediaFetchOptions): Promise<FetchedMedia> {
  const deadline = Date.now() + opts.timeoutMs;
  let url = rawUrl;
  for (let hop = 0; hop <= (opts.maxRedirects ?? 2); hop++) {
    const res = await fetchOnce(url, opts, deadline);
    if ('redirect' in res) {
      url = res.redirect;
      continue;
    }
    return res;
  }
  throw new MediaFetchError('http_status', 'too many redirects');
}

function fetchOnce(rawUrl: string, opts: MediaFetchOptions, deadline: number): Promise<FetchedMedia | { redirect: string }> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return Promise.reject(new MediaFetchError('bad_url', 'not a URL'));
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return Promise.reject(new MediaFetchError('bad_url', `protocol ${url.protocol} not allowed`));
  if (url.username || url.password) return Promise.reject(new MediaFetchError('bad_url', 'credentials in URL'));
  if (!hostAllowed(url.hostname, opts.allowedHosts)) return Promise.reject(new MediaFetchError('host_not_allowed', `host ${url.hostname} is not in MEDIA_ALLOWED_HOSTS`));
  const trusted = explicitlyAllowed(url.hostname, opts.allowedHosts);
  if (!trusted && isIP(url.hostname.replace(/^\[|\]$/g, '')) && isInternalAddress(url.hostname.replace(/^\[|\]$/g, ''))) {
    return Promise.reject(new MediaFetchError('private_address', 'internal address'));
  }
  const remaining = deadline - Date.now();
  if (remaining <= 0) return Promise.reject(new MediaFetchError('timeout', 'download deadline passed'));

  return new Promise((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const fail = (err: MediaFetchError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(err);
    };
    const req = request(url, { method: 'GET', headers: { accept: `${opts.accept.map((a) => `${a}/*`).join(', ')}` }, ...(trusted ? {} : { lookup: guardedLookup as never }) }, (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        settled = true;
        clearTimeout(timer);
        return resolve({ redirect: new URL(res.headers.location, url).href });
      }
      if (status !== 200) {
        res.resume();
        return fail(new MediaFetchError('http_status', `HTTP ${status}`));
      }
      const contentType = String(res.headers['content-type'] ?? 'application/octet-stream');
      const family = familyOf(contentType);
      if (!(opts.accept as readonly string[]).includes(family) && contentType.split(';')[0]!.trim() !== 'application/octet-stream') {
        res.resume();
        return fail(new MediaFetchError('wrong_type', `content-type ${contentType}`));
      }
      const declared = Number(res.headers['content-length'] ?? NaN);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        res.resume();
        return fail(new MediaFetchError('too_large', `${declared} bytes declared`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > opts.maxBytes) return fail(new MediaFetchError('too_large', `over ${opts.maxBytes} bytes`));
        chunks.push(chunk);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ bytes: Buffer.concat(chunks), contentType, url: url.href });
      });
      res.on('error', () => fail(new MediaFetchError('network', 'connection broke')));
    });
    const timer = setTimeout(() => fail(new MediaFetchError('timeout', `no complete answer within ${opts.timeoutMs} ms`)), remaining);
    req.on('error', (err: NodeJS.ErrnoException) => fail(new MediaFetchError(err.code === 'EINTERNAL' ? 'private_address' : 'network', err.code ?? 'network error')));
    req.end();
  });
}
