import { useCallback, useEffect, useRef, useState } from 'react';
import { browserStorage, clearDraft, loadDraft, saveDraft, type DraftValues } from './draftStorage';

export interface PersistentDraftOptions {
  /** Extra keys never stored (passwords, captcha and SMS codes are never stored anyway). */
  omit?: readonly string[];
  /** Milliseconds to wait after the last change before writing. */
  debounceMs?: number;
}

export interface PersistentDraft<T extends object> {
  /** The restored values, for the form's `initialValues` (undefined when there is no draft). */
  initialValues: Partial<T> | undefined;
  /** When the restored draft was saved (ms since epoch), or null. */
  restoredAt: number | null;
  /** Pass as the form's `onValuesChange`. */
  onValuesChange: (changed: unknown, all: T) => void;
  /** Write now (e.g. before leaving the page). */
  flush: () => void;
  /** Forget the draft (after a successful submit, or when the user asks). */
  clear: () => void;
}

/**
 * Mirrors a form's values to localStorage and restores them, so an expired session, a closed tab or a
 * failed upload does not lose what was typed. Secrets and files are never stored (draftStorage.ts).
 * Keys of signed-in pages should include the user id (`filing:${user.id}:…`) so two accounts on one
 * computer do not see each other's drafts.
 */
export function usePersistentDraft<T extends object>(
  key: string,
  options: PersistentDraftOptions = {},
): PersistentDraft<T> {
  const { omit, debounceMs = 400 } = options;
  const [restored] = useState(() => loadDraft(browserStorage(), key, Date.now()));
  const pending = useRef<DraftValues | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const omitRef = useRef(omit);
  useEffect(() => {
    omitRef.current = omit;
  }, [omit]);

  const flush = useCallback(() => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    if (pending.current) {
      saveDraft(browserStorage(), key, pending.current, Date.now(), omitRef.current ?? []);
      pending.current = null;
    }
  }, [key]);

  const onValuesChange = useCallback(
    (_changed: unknown, all: T) => {
      pending.current = all as DraftValues;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, debounceMs);
    },
    [flush, debounceMs],
  );

  const clear = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    pending.current = null;
    clearDraft(browserStorage(), key);
  }, [key]);

  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  return {
    initialValues: restored?.values as Partial<T> | undefined,
    restoredAt: restored?.savedAt ?? null,
    onValuesChange,
    flush,
    clear,
  };
}
