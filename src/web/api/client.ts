/**
 * The web app's one way to call the server: JSON in and out (or multipart for uploads), same-origin
 * cookies, the CSRF header on every state-changing request, and one error type (`ApiError`) carrying the
 * server's envelope `{ code, message, fieldErrors, requestId }`.
 *
 * Kept free of React and antd so its pure parts can be unit-tested in Node.
 */
import { ERRORS, type ErrorCode, type FieldErrors } from '../../shared/errors';

/** Client-side failure codes besides the server's catalogue. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'BAD_RESPONSE';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

const CLIENT_MESSAGES: Record<ClientErrorCode, string> = {
  NETWORK_ERROR: '无法连接服务器，请检查网络后重试。',
  BAD_RESPONSE: '服务器返回了无法识别的内容，请稍后再试。',
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly fieldErrors: FieldErrors;
  readonly requestId: string | null;
  /** The server's reason code (x-error-reason, e.g. REVIEW_DEADLINE_PASSED); null when there was none. */
  reason: string | null = null;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    fieldErrors: FieldErrors = {},
    requestId?: string | null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fieldErrors = fieldErrors;
    this.requestId = requestId ?? null;
  }

  /** True when the request never got an answer (offline, server down). */
  get isNetworkError(): boolean {
    return this.code === 'NETWORK_ERROR';
  }
}

function isKnownCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERRORS, code);
}

/**
 * Turns a non-2xx response body into an ApiError. Pure: exported for tests.
 * Accepts the server's envelope; anything else becomes a generic error for the HTTP status.
 */
export function toApiError(
  status: number,
  body: unknown,
  requestIdHeader?: string | null,
  reasonHeader?: string | null,
): ApiError {
  const e = envelopeError(status, body, requestIdHeader);
  e.reason = reasonHeader ?? null;
  return e;
}

function envelopeError(status: number, body: unknown, requestIdHeader?: string | null): ApiError {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const code: ApiErrorCode = isKnownCode(b.code) ? b.code : statusToCode(status);
    const message = typeof b.message === 'string' && b.message ? b.message : defaultMessage(code);
    const fieldErrors: FieldErrors = {};
    if (b.fieldErrors && typeof b.fieldErrors === 'object') {
      for (const [k, v] of Object.entries(b.fieldErrors as Record<string, unknown>)) {
        if (typeof v === 'string') fieldErrors[k] = v;
      }
    }
    const requestId = typeof b.requestId === 'string' ? b.requestId : (requestIdHeader ?? null);
    return new ApiError(status, code, message, fieldErrors, requestId);
  }
  const code = statusToCode(status);
  return new ApiError(status, code, defaultMessage(code), {}, requestIdHeader ?? null);
}

function statusToCode(status: number): ApiErrorCode {
  switch (status) {
    case 400:
      return 'BAD_REQUEST';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'CONFLICT';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 423:
      return 'ACCOUNT_LOCKED';
    case 429:
      return 'RATE_LIMITED';
    case 502:
    case 503:
    case 504:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE';
  }
}

function defaultMessage(code: ApiErrorCode): string {
  return isKnownCode(code) ? ERRORS[code].message : CLIENT_MESSAGES[code as ClientErrorCode];
}

/** A message for any thrown value, with the request id when there is one (for 技术支持). */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'INTERNAL' && err.requestId) return `${err.message}（请求编号：${err.requestId}）`;
    return err.message;
  }
  return '操作未成功，请稍后再试。';
}

// ---------------------------------------------------------------------------------------------------------
// CSRF token and the "session expired" hook, both set by the session provider.

let csrfToken: string | null = null;

/** Remembers the CSRF token from GET /api/v1/auth/session (or a login/registration response). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Reads one cookie from a `document.cookie` string. Pure: exported for tests. */
export function readCookie(cookieString: string, name: string): string | null {
  for (const part of cookieString.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return part.slice(eq + 1).trim();
      }
    }
  }
  return null;
}

/** The token to send: the `csrf` cookie (the server keeps it in step with the session), else the remembered one. */
export function currentCsrfToken(): string | null {
  const doc = (globalThis as { document?: { cookie?: string } }).document;
  const fromCookie = doc?.cookie ? readCookie(doc.cookie, 'csrf') : null;
  return fromCookie || csrfToken;
}

type UnauthenticatedHandler = (err: ApiError) => void;
let onUnauthenticated: UnauthenticatedHandler | null = null;

/** The session provider registers what happens when a logged-in page gets 401 UNAUTHENTICATED. */
export function setUnauthenticatedHandler(handler: UnauthenticatedHandler | null): void {
  onUnauthenticated = handler;
}

type CsrfRefresher = () => Promise<string | null>;
let refreshCsrf: CsrfRefresher | null = null;

/** Lets the client fetch a fresh CSRF token (GET session) and retry once after CSRF_FAILED. */
export function setCsrfRefresher(refresher: CsrfRefresher | null): void {
  refreshCsrf = refresher;
}

// ---------------------------------------------------------------------------------------------------------

export interface RequestOptions {
  /** Query parameters; undefined and empty values are left out. */
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Do not run the global "session expired → /login" handler on 401 (login forms and the session probe). */
  skipAuthRedirect?: boolean;
  signal?: AbortSignal;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Builds `/api/...?...` from a path and query. Pure: exported for tests. */
export function buildUrl(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

async function send<T>(
  method: string,
  path: string,
  body: unknown,
  opts: RequestOptions = {},
  retried = false,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let payload: FormData | string | undefined;
  if (body instanceof FormData) {
    payload = body; // the browser sets the multipart boundary
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (!SAFE_METHODS.has(method)) {
    const token = currentCsrfToken();
    if (token) headers['x-csrf-token'] = token;
  }

  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK_ERROR', CLIENT_MESSAGES.NETWORK_ERROR);
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
    if (data === undefined && text)
      throw new ApiError(res.status, 'BAD_RESPONSE', CLIENT_MESSAGES.BAD_RESPONSE);
    return data as T;
  }

  const error = toApiError(
    res.status,
    data,
    res.headers.get('x-request-id'),
    res.headers.get('x-error-reason'),
  );
  if (error.code === 'CSRF_FAILED' && !retried && refreshCsrf) {
    const fresh = await refreshCsrf().catch(() => null);
    if (fresh) {
      setCsrfToken(fresh);
      return send<T>(method, path, body, opts, true);
    }
  }
  if (error.code === 'UNAUTHENTICATED' && !opts.skipAuthRedirect && onUnauthenticated) {
    onUnauthenticated(error);
  }
  throw error;
}

/** GET JSON. */
export function apiGet<T>(path: string, opts?: RequestOptions): Promise<T> {
  return send<T>('GET', path, undefined, opts);
}

/** POST JSON (or nothing) with the CSRF header. */
export function apiPost<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T> {
  return send<T>('POST', path, body, opts);
}

/** PUT JSON with the CSRF header. */
export function apiPut<T>(path: string, body?: unknown, opts?: RequestOptions): Promise<T> {
  return send<T>('PUT', path, body, opts);
}

/** DELETE with the CSRF header. */
export function apiDelete<T>(path: string, opts?: RequestOptions): Promise<T> {
  return send<T>('DELETE', path, undefined, opts);
}

/** POST multipart/form-data (file uploads) with the CSRF header. */
export function apiPostForm<T>(path: string, form: FormData, opts?: RequestOptions): Promise<T> {
  return send<T>('POST', path, form, opts);
}

/**
 * Builds FormData: text fields first (multipart parsers read fields before the file), then files.
 * Undefined and null values are left out. Pure: exported for tests.
 */
export function toFormData(
  fields: Record<string, unknown>,
  files: Record<string, Blob | File | undefined> = {},
): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined || v === null) continue;
    fd.append(k, typeof v === 'string' ? v : String(v));
  }
  for (const [k, file] of Object.entries(files)) {
    if (!file) continue;
    if (typeof File !== 'undefined' && file instanceof File) fd.append(k, file, file.name);
    else fd.append(k, file);
  }
  return fd;
}
