import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  apiGet,
  apiPost,
  apiPostForm,
  buildUrl,
  errorMessage,
  readCookie,
  setCsrfRefresher,
  setCsrfToken,
  setUnauthenticatedHandler,
  toApiError,
  toFormData,
} from '../../../src/web/api/client';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(null);
  setUnauthenticatedHandler(null);
  setCsrfRefresher(null);
});

describe('pure helpers', () => {
  it('toApiError reads the envelope', () => {
    const e = toApiError(400, {
      code: 'VALIDATION_FAILED',
      message: '有误',
      fieldErrors: { uscc: '已注册', n: 1 },
      requestId: 'r',
    });
    expect(e).toBeInstanceOf(ApiError);
    expect([e.status, e.code, e.message, e.requestId]).toEqual([400, 'VALIDATION_FAILED', '有误', 'r']);
    expect(e.fieldErrors).toEqual({ uscc: '已注册' });
  });

  it('toApiError copes with a body that is not the envelope', () => {
    const e = toApiError(502, undefined, 'hdr');
    expect(e.code).toBe('SERVICE_UNAVAILABLE');
    expect(e.message).toMatch(/系统/);
    expect(e.requestId).toBe('hdr');
    expect(toApiError(418, { code: 'TEAPOT' }).code).toBe('BAD_RESPONSE');
  });

  it('toApiError keeps the reason code from the x-error-reason header', () => {
    const body = { code: 'WINDOW_CLOSED', message: '审核截止时间已过', fieldErrors: {}, requestId: 'r' };
    expect(toApiError(409, body, 'r', 'REVIEW_DEADLINE_PASSED').reason).toBe('REVIEW_DEADLINE_PASSED');
    expect(toApiError(409, body, 'r').reason).toBeNull();
  });

  it('errorMessage adds the request id to internal errors', () => {
    expect(errorMessage(new ApiError(500, 'INTERNAL', '系统出现错误', {}, 'abc'))).toContain('请求编号：abc');
    expect(errorMessage(new Error('x'))).toBe('操作未成功，请稍后再试。');
  });

  it('readCookie and buildUrl', () => {
    expect(readCookie('a=1; csrf=tok%2Den; b=2', 'csrf')).toBe('tok-en');
    expect(readCookie('a=1', 'csrf')).toBeNull();
    expect(buildUrl('/api/x', { mobile: '138', empty: '', none: undefined, n: 2 })).toBe(
      '/api/x?mobile=138&n=2',
    );
    expect(buildUrl('/api/x')).toBe('/api/x');
  });

  it('toFormData puts text fields before files', () => {
    const fd = toFormData({ username: 'u', skip: undefined, n: 1 }, { licence: new File(['x'], 'l.png') });
    expect([...fd.keys()]).toEqual(['username', 'n', 'licence']);
    expect((fd.get('licence') as File).name).toBe('l.png');
  });
});

describe('requests', () => {
  it('sends the CSRF header on POST only, with same-origin credentials', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('tok');
    await apiGet('/api/v1/auth/session');
    await apiPost('/api/v1/auth/login', { username: 'a' });
    const calls = fetchMock.mock.calls as unknown as [string, RequestInit][];
    const [getUrl, getInit] = calls[0]!;
    const [, postInit] = calls[1]!;
    expect(getUrl).toBe('/api/v1/auth/session');
    expect(getInit.credentials).toBe('same-origin');
    expect((getInit.headers as Record<string, string>)['x-csrf-token']).toBeUndefined();
    expect((postInit.headers as Record<string, string>)['x-csrf-token']).toBe('tok');
    expect((postInit.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(postInit.body).toBe('{"username":"a"}');
  });

  it('multipart: no content-type of its own (the browser sets the boundary)', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(201, { user: null }));
    vi.stubGlobal('fetch', fetchMock);
    await apiPostForm('/api/v1/auth/register', toFormData({ a: '1' }));
    const init = (fetchMock.mock.calls as unknown as [string, RequestInit][])[0]![1];
    expect((init.headers as Record<string, string>)['content-type']).toBeUndefined();
    expect(init.body).toBeInstanceOf(FormData);
  });

  it('throws ApiError with the envelope; 401 UNAUTHENTICATED calls the session handler', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    vi.stubGlobal('fetch', async () =>
      jsonResponse(401, { code: 'UNAUTHENTICATED', message: '登录已过期', fieldErrors: {}, requestId: 'r' }),
    );
    await expect(apiPost('/api/v1/account/password', {})).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      status: 401,
    });
    expect(handler).toHaveBeenCalledTimes(1);
    // Login forms opt out; wrong passwords are INVALID_CREDENTIALS, not a session problem.
    await expect(apiPost('/x', {}, { skipAuthRedirect: true })).rejects.toBeInstanceOf(ApiError);
    vi.stubGlobal('fetch', async () =>
      jsonResponse(401, {
        code: 'INVALID_CREDENTIALS',
        message: '用户名或密码错误。',
        fieldErrors: { password: '用户名或密码错误。' },
        requestId: 'r',
      }),
    );
    await expect(apiPost('/api/v1/auth/login', {})).rejects.toMatchObject({
      fieldErrors: { password: '用户名或密码错误。' },
    });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('retries once with a fresh token after CSRF_FAILED', async () => {
    let n = 0;
    const fetchMock = vi.fn(async () =>
      ++n === 1
        ? jsonResponse(403, { code: 'CSRF_FAILED', message: '页面已过期', fieldErrors: {}, requestId: 'r' })
        : jsonResponse(200, { ok: 1 }),
    );
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('old');
    setCsrfRefresher(async () => 'new');
    await expect(apiPost('/api/v1/x', {})).resolves.toEqual({ ok: 1 });
    const calls = fetchMock.mock.calls as unknown as [string, RequestInit][];
    expect((calls[1]![1].headers as Record<string, string>)['x-csrf-token']).toBe('new');
  });

  it('network failures become NETWORK_ERROR; 204 gives undefined', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(apiGet('/api/x')).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
    vi.stubGlobal('fetch', async () => new Response(null, { status: 204 }));
    await expect(apiPost('/api/v1/auth/logout')).resolves.toBeUndefined();
  });
});
