import { COMMON_PASSWORD_STEMS, COMMON_PASSWORDS_WHOLE } from './common-passwords.data';

/*
 * Refusal of common and derived passwords (issue 16 item 13; docs/adr/0018-account-safety.md). Pure: runs in
 * the browser (as the user types) and in the server (which decides).
 */

const STEMS = new Set(COMMON_PASSWORD_STEMS);
const WHOLE = new Set(COMMON_PASSWORDS_WHOLE);

/** Look-alike characters read as the letters they stand for (leet). */
const LOOK_ALIKE: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '8': 'b',
  '(': 'c',
  '3': 'e',
  '6': 'g',
  '9': 'g',
  '#': 'h',
  '1': 'i',
  '!': 'i',
  '|': 'l',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
  '+': 't',
  '2': 'z',
};

function readLookAlikes(s: string): string {
  return [...s].map((ch) => LOOK_ALIKE[ch] ?? ch).join('');
}

/** The core of a password: lower-cased, with leading and trailing runs of digits and symbols removed. */
function core(pw: string): string {
  return pw
    .toLowerCase()
    .replace(/^[^a-z]+/, '')
    .replace(/[^a-z]+$/, '');
}

/** Stems a password may have been made from. */
function candidateStems(pw: string): string[] {
  const c = core(pw);
  const lower = pw.toLowerCase();
  return [c, readLookAlikes(c), lower.replace(/[^a-z]/g, ''), readLookAlikes(lower).replace(/[^a-z]/g, '')];
}

/** Words no password should contain, wherever they stand (after reading look-alikes). */
const NEVER_INSIDE = ['password', 'passwd', 'qwerty', 'asdfgh', 'zxcvbn', 'iloveyou', 'woaini', '1qaz2wsx'];

export const PASSWORD_COMMON =
  '该密码过于常见或容易被猜到（如 P@ssw0rd、Admin@123、演示密码），请换一个不易猜到的密码';
export const PASSWORD_HAS_USERNAME = '密码不能包含用户名或用户名的倒序，请换一个密码';

/** Why `pw` is too easy to guess, or null. `username`, when known, may appear in it neither forwards nor backwards. */
export function guessablePasswordProblem(pw: string, username?: string | null): string | null {
  const lower = pw.toLowerCase();
  if (username) {
    const u = username.trim().toLowerCase();
    const reversed = [...u].reverse().join('');
    if (u.length >= 3 && (lower.includes(u) || lower.includes(reversed))) return PASSWORD_HAS_USERNAME;
  }
  if (WHOLE.has(lower)) return PASSWORD_COMMON;
  if (candidateStems(pw).some((s) => STEMS.has(s))) return PASSWORD_COMMON;
  const read = readLookAlikes(lower);
  if (NEVER_INSIDE.some((w) => lower.includes(w) || read.includes(w))) return PASSWORD_COMMON;
  return null;
}
