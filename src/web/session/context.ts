import { createContext, useContext } from 'react';
import type { SessionResponse, UserView } from '../../shared/schemas/auth';

export type SessionStatus = 'loading' | 'ready' | 'error';

export interface SessionValue {
  status: SessionStatus;
  /** Why the session could not be loaded (status "error"). */
  errorMessage: string | null;
  user: UserView | null;
  csrfToken: string | null;
  mode: SessionResponse['mode'] | null;
  /** Show the 演示环境 banner. */
  demo: boolean;
  limits: SessionResponse['limits'];
  sessionIdleMinutes: number;
  /** Reloads GET /api/v1/auth/session. */
  refresh: () => Promise<SessionResponse | null>;
  /** Takes a SessionResponse returned by login, registration, password or mobile change. */
  apply: (session: SessionResponse) => void;
  /** POST /api/v1/auth/logout, then reloads the (anonymous) session. */
  logout: () => Promise<void>;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession() must be used inside <SessionProvider>');
  return value;
}
