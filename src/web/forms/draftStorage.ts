/**
 * Pure storage logic of the form drafts (usePersistentDraft): what is kept, how it is stored, when it
 * expires. Secrets (passwords, verification codes, captcha answers) and files are never stored.
 */

export const DRAFT_PREFIX = 'sme-draft:';
export const DRAFT_VERSION = 1;
/** Drafts older than this are dropped when read. */
export const DRAFT_MAX_AGE_MS = 14 * 24 * 60 * 60 * 1000;

/** Keys never stored, at any depth. */
export const SENSITIVE_KEY = /password|passwd|captcha|smscode|token|secret/i;

export type DraftValues = Record<string, unknown>;

export interface StoredDraft {
  v: number;
  savedAt: number;
  values: DraftValues;
}

/** The part of the Web Storage API the drafts use (localStorage in the browser; a Map in tests). */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function clean(value: unknown, omit: ReadonlySet<string>): unknown {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) return value.map((x) => clean(x, omit) ?? null);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (omit.has(k) || SENSITIVE_KEY.test(k)) continue;
      const c = clean(v, omit);
      if (c !== undefined) out[k] = c;
    }
    return out;
  }
  // Files, Blobs, Dates, class instances (dayjs, antd upload files…): not stored.
  return undefined;
}

/** Drops secrets, the `omit` keys, files and anything that is not plain JSON data. */
export function sanitizeDraft(values: DraftValues, omit: readonly string[] = []): DraftValues {
  return (clean(values, new Set(omit)) as DraftValues | undefined) ?? {};
}

export function hasContent(values: DraftValues): boolean {
  return Object.values(values).some((v) =>
    typeof v === 'string' ? v.trim() !== '' : Array.isArray(v) ? v.length > 0 : v !== null && v !== undefined,
  );
}

export function serializeDraft(values: DraftValues, now: number, omit: readonly string[] = []): string {
  const stored: StoredDraft = { v: DRAFT_VERSION, savedAt: now, values: sanitizeDraft(values, omit) };
  return JSON.stringify(stored);
}

/** A stored draft, or null when missing, unreadable, of another version, or too old. */
export function parseDraft(raw: string | null, now: number, maxAgeMs = DRAFT_MAX_AGE_MS): StoredDraft | null {
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isPlainObject(parsed)) return null;
  const { v, savedAt, values } = parsed;
  if (v !== DRAFT_VERSION || typeof savedAt !== 'number' || !isPlainObject(values)) return null;
  if (now - savedAt > maxAgeMs || savedAt - now > 60_000) return null;
  return { v, savedAt, values: sanitizeDraft(values) };
}

export function draftStorageKey(key: string): string {
  return DRAFT_PREFIX + key;
}

/** Reads a draft; removes it when it is stale or unreadable. Storage failures (private mode) are ignored. */
export function loadDraft(
  storage: DraftStorage | null,
  key: string,
  now: number,
  maxAgeMs = DRAFT_MAX_AGE_MS,
) {
  if (!storage) return null;
  try {
    const raw = storage.getItem(draftStorageKey(key));
    const draft = parseDraft(raw, now, maxAgeMs);
    if (raw && !draft) storage.removeItem(draftStorageKey(key));
    return draft && hasContent(draft.values) ? draft : null;
  } catch {
    return null;
  }
}

/** Writes a draft (or removes it when nothing is left to keep). Returns false when storage refused. */
export function saveDraft(
  storage: DraftStorage | null,
  key: string,
  values: DraftValues,
  now: number,
  omit: readonly string[] = [],
): boolean {
  if (!storage) return false;
  try {
    const clean = sanitizeDraft(values, omit);
    if (!hasContent(clean)) storage.removeItem(draftStorageKey(key));
    else storage.setItem(draftStorageKey(key), serializeDraft(clean, now));
    return true;
  } catch {
    return false;
  }
}

export function clearDraft(storage: DraftStorage | null, key: string): void {
  try {
    storage?.removeItem(draftStorageKey(key));
  } catch {
    // ignore
  }
}

/** localStorage when the browser allows it. */
export function browserStorage(): DraftStorage | null {
  try {
    return (globalThis as { localStorage?: DraftStorage }).localStorage ?? null;
  } catch {
    return null;
  }
}
