import { App, type FormInstance } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { errorMessage } from '../api/client';
import { applyFieldErrors, DEFAULT_FIELD_ALIASES } from './fieldErrors';

export interface UseSubmitOptions {
  /** The form whose fields show the error's field errors (applyFieldErrors). */
  form?: FormInstance;
  aliases?: Readonly<Record<string, string>>;
  /**
   * The general error to show instead of the error's own message when it carried field errors and every one of
   * them found its field (e.g. FIELDS_MARKED).
   */
  whenFieldsPlaced?: string;
  /**
   * Where the general error goes: 'inline' (default) into `error`, for a FormAlert or Alert next to the form;
   * 'message' as an antd message (a toast), for actions in tables and toolbars with no form to show it beside.
   */
  report?: 'inline' | 'message';
  /** Sees every error first (after the field errors were placed); returns true when it has shown it itself. */
  onError?: (err: unknown) => boolean | void;
}

export interface Submit<A extends unknown[], R> {
  /** Runs the action unless it is already running (a double click sends once); undefined when it failed. */
  submit: (...args: A) => Promise<R | undefined>;
  busy: boolean;
  /** The general error of the last run (Chinese, says what to do next), null when none or after a new run. */
  error: string | null;
  setError: (error: string | null) => void;
}

/** The usual general error when every field error is shown beside its field. */
export const FIELDS_MARKED = '请按标红字段的提示修改后重试。';

/**
 * The busy flag, the error and the try/catch/finally of a form submission or a button's action, in one place:
 * `const { submit, busy, error } = useSubmit(async (v) => { … }, { form })`, then `onFinish={submit}`,
 * `loading={busy}` and `<FormAlert state={error && { type: 'error', title: error }} />` (or report: 'message').
 */
export function useSubmit<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  options: UseSubmitOptions = {},
): Submit<A, R> {
  const { form, aliases = DEFAULT_FIELD_ALIASES, whenFieldsPlaced, report = 'inline', onError } = options;
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);

  const submit = useCallback(
    async (...args: A): Promise<R | undefined> => {
      if (running.current) return undefined;
      running.current = true;
      setBusy(true);
      setError(null);
      try {
        return await action(...args);
      } catch (err) {
        let text = errorMessage(err);
        if (form) {
          const fieldErrors = applyFieldErrors(form, err, aliases);
          if (whenFieldsPlaced && hasFieldErrors(err) && Object.keys(fieldErrors).length === 0)
            text = whenFieldsPlaced;
        }
        if (!onError?.(err)) {
          if (report === 'message') void message.error(text);
          else setError(text);
        }
        return undefined;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [action, form, aliases, whenFieldsPlaced, report, onError, message],
  );

  return { submit, busy, error, setError };
}

function hasFieldErrors(err: unknown): boolean {
  return (
    !!err &&
    typeof err === 'object' &&
    'fieldErrors' in err &&
    !!err.fieldErrors &&
    typeof err.fieldErrors === 'object' &&
    Object.keys(err.fieldErrors).length > 0
  );
}
