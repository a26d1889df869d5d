import { z } from 'zod';
import { zhCN } from 'zod/v4/locales';

// Every message a schema produces is Chinese, in the browser and on the server alike. Our own schemas
// carry specific messages; this locale covers the generic ones (wrong type, unknown key …).
z.config(zhCN());

export { z };

/** Turns Zod issues into `{ "a.b.0": message }`, the first message per field path. */
export function issuesToFieldErrors(
  issues: readonly { path: PropertyKey[]; message: string }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_';
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}
