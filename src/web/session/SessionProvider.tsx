import { App } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SessionResponse } from '../../shared/schemas/auth';
import { authApi } from '../api/auth';
import { errorMessage, setCsrfRefresher, setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import { SessionContext, type SessionStatus, type SessionValue } from './context';

const FALLBACK_LIMITS: SessionResponse['limits'] = {
  licenceMaxBytes: 5 * 1024 * 1024,
  attachmentMaxBytes: 20 * 1024 * 1024,
};

/** Loads GET /api/v1/auth/session once and shares it; reacts to "session expired" from any API call. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const { message } = App.useApp();
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [errorText, setErrorText] = useState<string | null>(null);
  const [session, setSession] = useState<SessionResponse | null>(null);
  const userRef = useRef(session?.user ?? null);

  const apply = useCallback((s: SessionResponse) => {
    setCsrfToken(s.csrfToken);
    userRef.current = s.user;
    setSession(s);
    setStatus('ready');
    setErrorText(null);
  }, []);

  const refresh = useCallback(async () => {
    try {
      const s = await authApi.session();
      apply(s);
      return s;
    } catch (err) {
      setErrorText(errorMessage(err));
      setStatus((prev) => (prev === 'ready' ? prev : 'error'));
      return null;
    }
  }, [apply]);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      // Already signed out or the server is unreachable: the local state is cleared either way.
    }
    userRef.current = null;
    setSession((prev) => (prev ? { ...prev, user: null } : prev));
    await refresh();
  }, [refresh]);

  useEffect(() => {
    let live = true;
    authApi.session().then(
      (s) => {
        if (live) apply(s);
      },
      (err: unknown) => {
        if (!live) return;
        setErrorText(errorMessage(err));
        setStatus('error');
      },
    );
    return () => {
      live = false;
    };
  }, [apply]);

  useEffect(() => {
    setCsrfRefresher(async () => (await refresh())?.csrfToken ?? null);
    setUnauthenticatedHandler(() => {
      // Only a signed-in page reacts; the route guard then sends the user to /login?next=<this page>.
      if (!userRef.current) return;
      userRef.current = null;
      setSession((prev) => (prev ? { ...prev, user: null } : prev));
      message.warning({
        content: '登录已过期，请重新登录后继续操作。',
        duration: 8,
        key: 'session-expired',
      });
    });
    return () => {
      setCsrfRefresher(null);
      setUnauthenticatedHandler(null);
    };
  }, [refresh, message]);

  const value = useMemo<SessionValue>(
    () => ({
      status,
      errorMessage: errorText,
      user: session?.user ?? null,
      csrfToken: session?.csrfToken ?? null,
      mode: session?.mode ?? null,
      demo: session?.demo ?? false,
      limits: session?.limits ?? FALLBACK_LIMITS,
      sessionIdleMinutes: session?.sessionIdleMinutes ?? 30,
      refresh,
      apply,
      logout,
    }),
    [status, errorText, session, refresh, apply, logout],
  );

  return <SessionContext value={value}>{children}</SessionContext>;
}
