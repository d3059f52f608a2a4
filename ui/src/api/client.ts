// Thin client for the Roster HTTP API (/api/v1). Errors are RFC 9457 problem documents.
import type { FieldError } from './types';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail?: string;
  readonly errors: FieldError[];
  readonly retryAfter?: number;

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string;
    errors?: FieldError[];
    retryAfter?: number;
  }) {
    super(init.detail ?? init.title);
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.retryAfter = init.retryAfter;
  }
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}

// Called for any 401 from an authenticated endpoint (set by the app shell).
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

interface RequestOptions {
  body?: unknown;
  // Public endpoints (login, signup, invitation) must not bounce to /login on 401.
  public?: boolean;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const csrf = readCookie('roster_csrf');
    if (csrf) headers['X-CSRF-Token'] = csrf;
  }
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: 'network_error',
      title: 'Cannot reach the server',
      detail: 'Cannot reach the server. Check your connection and try again.',
    });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (res.ok) {
    if (data === undefined && text) {
      throw new ApiError({ status: res.status, code: 'bad_response', title: 'Unexpected answer from the server' });
    }
    return data as T;
  }
  const p = (data && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  const retry = res.headers.get('Retry-After');
  const err = new ApiError({
    status: res.status,
    code: typeof p.code === 'string' ? p.code : `http_${res.status}`,
    title: typeof p.title === 'string' ? p.title : res.statusText || `HTTP ${res.status}`,
    detail: typeof p.detail === 'string' ? p.detail : undefined,
    errors: Array.isArray(p.errors) ? (p.errors as FieldError[]) : [],
    retryAfter: retry && /^\d+$/.test(retry) ? Number(retry) : undefined,
  });
  // A wrong current password (POST /me/password) is not a lost session.
  if (res.status === 401 && err.code !== 'invalid_credentials' && !opts.public && onUnauthenticated) onUnauthenticated();
  return Promise.reject(err);
}

const enc = encodeURIComponent;

export function query(params: object): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    // Commas stay literal: list filters are comma-separated (status=PENDING,EXPIRED).
    parts.push(`${enc(k)}=${enc(String(v)).replace(/%2C/gi, ',')}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
