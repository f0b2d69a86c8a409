// The dashboard's calls to the admin API: same-origin, the session cookie attached by the browser, the
// session's CSRF proof on every call that changes something, a shared link's token on a shared page.

/** An answer other than 2xx, with the API's own message. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly retryAfter: string | null = null) {
    super(message);
  }
}

/** How {@link createApi} calls the collector. */
export interface ApiOptions {
  fetch?: typeof fetch;
  /** a shared link's token (sent as `X-Touchpoint-Share`) */
  shareToken?: string;
  /** called on a 401 (the session ended or the key was revoked) before the error is thrown */
  onUnauthorized?: () => void;
}

/** The admin API client. */
export interface Api {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** keeps the session's CSRF proof for later calls */
  setCsrf(token: string): void;
}

/** An API client (see {@link ApiOptions}). */
export function createApi(options: ApiOptions = {}): Api {
  const call = options.fetch ?? ((input, init) => fetch(input, init));
  let csrf = '';
  async function request<T>(path: string, init: RequestInit, headers: Record<string, string>): Promise<T> {
    if (options.shareToken) headers['x-touchpoint-share'] = options.shareToken;
    const res = await call(path, { ...init, credentials: 'same-origin', headers });
    if (res.status === 401 && !options.shareToken) options.onUnauthorized?.();
    const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
    if (!res.ok) throw new ApiError(res.status, typeof body?.error === 'string' ? body.error : `HTTP ${res.status}`, res.headers.get('retry-after'));
    return body as T;
  }
  return {
    get: (path) => request(path, { method: 'GET' }, {}),
    send: (method, path, body) => request(path, body === undefined ? { method } : { method, body: JSON.stringify(body) },
      { ...(body === undefined ? {} : { 'content-type': 'application/json' }), 'x-csrf-token': csrf }),
    setCsrf(token) {
      csrf = token;
    },
  };
}
