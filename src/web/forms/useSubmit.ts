import { App, type FormInstance } from 'antd';
import { useCallback, useRef, useState } from 'react';
import type { FieldErrors } from '../../shared/errors';
import { errorMessage } from '../api/client';
import { applyFieldErrors, DEFAULT_FIELD_ALIASES } from './fieldErrors';

export interface UseSubmitOptions {
  /** The form whose fields show the error's field errors (applyFieldErrors). */
  form?: FormInstance;
  aliases?: Readonly<Record<string, string>>;
  /**
   * The general error to show instead of the error's own message when it carried field errors and every one of
   * them found its field (e.g. FIELDS_MARKED); null shows no general error then (the red fields say it all).
   */
  whenFieldsPlaced?: string | null;
  /**
   * When some field errors found no field in the form, the general error is those messages joined with '；'
   * (instead of the error's own, less precise message).
   */
  showUnplaced?: boolean;
  /**
   * Where the general error goes: 'inline' (default) into `error`, for a FormAlert or Alert next to the form;
   * 'message' as an antd message (a toast), for actions in tables and toolbars with no form to show it beside;
   * a function for a page that shows several actions' errors in one place of its own.
   */
  report?: 'inline' | 'message' | ((text: string) => void);
  /**
   * Sees every error first (after the field errors were placed; `unplaced` are the ones no field could show).
   * Returns true when it has shown the error itself, or a text to show as the general error instead.
   */
  onError?: (err: unknown, unplaced: FieldErrors) => boolean | string | void;
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
 * An action that finds a problem before calling the server (client-side checks) simply returns.
 */
export function useSubmit<A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
  options: UseSubmitOptions = {},
): Submit<A, R> {
  const {
    form,
    aliases = DEFAULT_FIELD_ALIASES,
    whenFieldsPlaced,
    showUnplaced = false,
    report = 'inline',
    onError,
  } = options;
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
        let text: string | null = errorMessage(err);
        let unplaced: FieldErrors = {};
        if (form) {
          unplaced = applyFieldErrors(form, err, aliases);
          const rest = Object.values(unplaced);
          if (whenFieldsPlaced !== undefined && hasFieldErrors(err) && rest.length === 0)
            text = whenFieldsPlaced;
          else if (showUnplaced && rest.length > 0) text = rest.join('；');
        }
        const handled = onError?.(err, unplaced);
        if (typeof handled === 'string') text = handled;
        if (handled !== true && text !== null) {
          if (report === 'message') void message.error(text);
          else if (report === 'inline') setError(text);
          else report(text);
        }
        return undefined;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
    [action, form, aliases, whenFieldsPlaced, showUnplaced, report, onError, message],
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
