/** A console client over HTTP: the session cookie and CSRF token as the browser keeps them. */
export class Client {
  cookie = '';
  csrf = '';
  constructor(
    private readonly base: string,
    private readonly ip = '10.0.0.1',
  ) {}
  async req(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: Record<string, unknown> & { [k: string]: unknown } }> {
    const h: Record<string, string> = { 'X-Forwarded-For': this.ip, ...headers };
    if (body !== undefined) h['Content-Type'] = 'application/json';
    if (this.cookie) h.Cookie = this.cookie;
    if (this.csrf && method !== 'GET' && !('X-CSRF-Token' in headers)) h['X-CSRF-Token'] = this.csrf;
    const res = await fetch(`${this.base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await res.text();
    return { status: res.status, json: text.startsWith('{') ? JSON.parse(text) : { text } };
  }
  async login(username: string, password: string) {
    const r = await this.req('POST', '/admin/api/login', { username, password });
    if (r.status === 200) this.csrf = String(r.json.csrfToken);
    return r;
  }
}
