/**
 * Pure helpers of the filing editor (no React, no antd): value paths, amount normalisation on blur, the draft
 * keys and the restore decision, the conflict diff, the submit error grouping and the upload pre-check.
 * Unit-tested in tests/unit/web/filing-model.test.ts.
 */
import { slotOf, type AttachmentFormat } from '../../../../shared/filing/attachments';
import { fieldDef } from '../../../../shared/filing/fields';
import { parseAmount } from '../../../../shared/money';
import { SECTION_KEYS, SECTION_LABELS, type SectionKey } from '../../../../shared/schemas/filing-vocab';

export type Data = Record<string, unknown>;

// ------------------------------------------------------------------ paths

export function splitPath(path: string): (string | number)[] {
  return path.split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg));
}

/** The value at a dotted path ("contact.mobile", "years.2022.rdExpense", "mainProducts.0.name"). */
export function getAt(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const seg of path.split('.')) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

/** A copy of `data` with the value at `path` replaced (objects and arrays on the way are copied). */
export function setAt<T>(data: T, path: string, value: unknown): T {
  const segs = path.split('.');
  const walk = (node: unknown, i: number): unknown => {
    const key = segs[i]!;
    const isIndex = /^\d+$/.test(key);
    const copy: Record<string, unknown> | unknown[] = Array.isArray(node)
      ? [...(node as unknown[])]
      : node && typeof node === 'object'
        ? { ...(node as Record<string, unknown>) }
        : isIndex
          ? []
          : {};
    const k = Array.isArray(copy) ? Number(key) : key;
    const child = (copy as Record<string | number, unknown>)[k];
    (copy as Record<string | number, unknown>)[k] = i === segs.length - 1 ? value : walk(child, i + 1);
    return copy;
  };
  return walk(data, 0) as T;
}

export function isBlankValue(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

// ------------------------------------------------------------------ amounts

export interface AmountBlur {
  /** What the input shows after blur: the canonical amount ("1234.56") when valid, else the text as typed. */
  value: string;
  /** Chinese message when the text is not a valid amount (e.g. a third decimal), else null. */
  error: string | null;
}

/**
 * Normalises an amount field when it loses focus: "1,234.56", " 1 234.5 ", full-width "１２３４．５６" → "1234.56" (万元).
 * An invalid entry is kept exactly as typed (nothing is lost) with parseAmount's Chinese message.
 */
export function normalizeAmountOnBlur(raw: unknown, opts: { allowNegative?: boolean } = {}): AmountBlur {
  if (raw === null || raw === undefined) return { value: '', error: null };
  const text = typeof raw === 'number' ? String(raw) : String(raw);
  if (text.trim() === '') return { value: '', error: null };
  const r = parseAmount(text, { allowNegative: opts.allowNegative ?? false });
  if (!r.ok) return { value: text, error: r.message };
  return { value: r.value, error: null };
}

// ------------------------------------------------------------------ drafts

/** localStorage key of one section's unsaved edits: per user, filing and section (two accounts never mix). */
export function filingDraftKey(userId: string, filingId: string, section: SectionKey): string {
  return `filing:${userId}:${filingId}:${section}`;
}

/** Structural equality of JSON-like values (key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}

export interface StoredSectionDraft {
  data: Data;
  baseVersion: number;
}

/** Reads what usePersistentDraft-style storage gave back; null when it is not a section draft. */
export function asSectionDraft(values: unknown): StoredSectionDraft | null {
  if (!values || typeof values !== 'object') return null;
  const v = values as Record<string, unknown>;
  if (!v['data'] || typeof v['data'] !== 'object' || Array.isArray(v['data'])) return null;
  if (typeof v['baseVersion'] !== 'number' || !Number.isInteger(v['baseVersion'])) return null;
  return { data: v['data'] as Data, baseVersion: v['baseVersion'] };
}

/**
 * What to do with a stored draft when the page loads: 'discard' when the server already has the same data
 * (compared after normalising both, so "1,234.56" equals "1234.56"), otherwise 'restore' (the edits are put back
 * as unsaved, on the draft's base version: if the server moved on meanwhile the next save gets a conflict and
 * the user chooses).
 */
export function draftDecision(
  draft: StoredSectionDraft,
  server: { data: Data },
  normalize: (data: Data) => Data,
): 'restore' | 'discard' {
  let mine: Data;
  try {
    mine = normalize(draft.data);
  } catch {
    mine = draft.data;
  }
  return deepEqual(mine, server.data) ? 'discard' : 'restore';
}

// ------------------------------------------------------------------ conflict diff

export interface FieldDiff {
  path: string;
  label: string;
  mine: string;
  server: string;
}

function display(v: unknown): string {
  if (v === undefined || v === null || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length === 0 ? '（空）' : v.map((x) => display(x)).join('、');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function leaves(data: unknown, prefix: string, out: Map<string, unknown>): void {
  if (Array.isArray(data)) {
    // Rows of a list are compared field by field; a list of plain values (multi-select) is one leaf.
    if (data.every((x) => x === null || typeof x !== 'object')) {
      out.set(prefix, data);
      return;
    }
    data.forEach((row, i) => leaves(row, prefix ? `${prefix}.${i}` : String(i), out));
    if (data.length === 0) out.set(prefix, []);
    return;
  }
  if (data && typeof data === 'object') {
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
      leaves(v, prefix ? `${prefix}.${k}` : k, out);
    }
    return;
  }
  out.set(prefix, data);
}

/** "years.2022.rdExpense" → "2022 年度 · 研发费用"; "ipItems.0.name" → "知识产权第 1 行 · 名称". */
export function fieldLabel(section: SectionKey, path: string): string {
  const def = fieldDef(section, path);
  const segs = path.split('.');
  const parts: string[] = [];
  if (segs[0] === 'years' && segs[1]) parts.push(`${segs[1]} 年度`);
  else if (segs.length >= 3 && /^\d+$/.test(segs[1]!)) {
    const listDef = fieldDef(section, segs[0]!);
    parts.push(`${listDef?.label ?? segs[0]}第 ${Number(segs[1]) + 1} 行`);
  }
  parts.push(def?.label ?? (segs.length === 1 ? (fieldDef(section, segs[0]!)?.label ?? path) : path));
  return parts.join(' · ');
}

/** The fields whose values differ between my version and the server's, for the conflict dialog. */
export function diffSections(section: SectionKey, mine: Data, server: Data): FieldDiff[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  leaves(mine, '', a);
  leaves(server, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  const out: FieldDiff[] = [];
  for (const path of paths) {
    const x = a.get(path);
    const y = b.get(path);
    const blankX = isBlankValue(x) || (Array.isArray(x) && x.length === 0);
    const blankY = isBlankValue(y) || (Array.isArray(y) && y.length === 0);
    if (blankX && blankY) continue;
    if (deepEqual(x, y) || String(x) === String(y)) continue;
    out.push({ path, label: fieldLabel(section, path), mine: display(x), server: display(y) });
  }
  return out;
}

// ------------------------------------------------------------------ submit errors

/** "operations.years.2022.rdExpense" → { operations: { "years.2022.rdExpense": … } }, and the first section in order. */
export function groupSubmitErrors(fieldErrors: Record<string, string>): {
  bySection: Partial<Record<SectionKey, Record<string, string>>>;
  first: SectionKey | null;
} {
  const bySection: Partial<Record<SectionKey, Record<string, string>>> = {};
  for (const [key, message] of Object.entries(fieldErrors)) {
    const dot = key.indexOf('.');
    const section = (dot < 0 ? key : key.slice(0, dot)) as SectionKey;
    if (!SECTION_KEYS.includes(section)) continue;
    const field = dot < 0 ? '_' : key.slice(dot + 1);
    (bySection[section] ??= {})[field] = message;
  }
  const first = SECTION_KEYS.find((k) => bySection[k] && Object.keys(bySection[k]!).length > 0) ?? null;
  return { bySection, first };
}

export function sectionLabel(section: SectionKey): string {
  return SECTION_LABELS[section];
}

// ------------------------------------------------------------------ section status

export type SectionBadge = 'complete' | 'incomplete' | 'error';
export const SECTION_BADGE_TEXT: Record<SectionBadge, string> = {
  complete: '完整',
  incomplete: '未完成',
  error: '有错误',
};

export function sectionBadge(v: { complete: boolean; valid: boolean }): SectionBadge {
  if (!v.valid) return 'error';
  return v.complete ? 'complete' : 'incomplete';
}

// ------------------------------------------------------------------ uploads

const FORMAT_MIME: Record<AttachmentFormat, string[]> = {
  pdf: ['application/pdf'],
  jpg: ['image/jpeg'],
  png: ['image/png'],
};
const FORMAT_EXT: Record<AttachmentFormat, string[]> = {
  pdf: ['.pdf'],
  jpg: ['.jpg', '.jpeg'],
  png: ['.png'],
};

/**
 * The `accept` attribute of a slot's file input: extensions and MIME types (".pdf,application/pdf,.jpg,.jpeg,
 * image/jpeg,..."). The image MIME types make phones offer the camera next to the files, so a clerk can photograph
 * a certificate; a `capture` attribute would forbid picking a PDF, so there is none.
 */
export function acceptAttr(slotKey: string): string {
  const slot = slotOf(slotKey);
  return (slot?.accept ?? []).flatMap((f) => [...FORMAT_EXT[f], ...FORMAT_MIME[f]]).join(',');
}

export function formatsText(slotKey: string): string {
  return (slotOf(slotKey)?.accept ?? []).map((f) => f.toUpperCase()).join('、');
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} 字节`;
}

/**
 * The browser's check before an upload (the server checks the content again): type by extension or declared
 * MIME type, size against the session's limit, not empty. A Chinese message, or null when the file may go.
 */
export function precheckFile(
  file: { name: string; size: number; type: string },
  slotKey: string,
  maxBytes: number,
): string | null {
  const slot = slotOf(slotKey);
  if (!slot) return '附件类别不正确，请刷新页面后重试';
  const name = file.name.toLowerCase();
  const ok = slot.accept.some(
    (f) => FORMAT_EXT[f].some((ext) => name.endsWith(ext)) || FORMAT_MIME[f].includes(file.type),
  );
  if (!ok) {
    return `“${slot.label}”只接受 ${formatsText(slotKey)} 格式的文件，“${file.name}”不符合，请转换格式后再上传`;
  }
  if (file.size === 0) return `“${file.name}”是空文件（0 字节），请重新选择文件`;
  if (file.size > maxBytes) {
    return `“${file.name}”大小为 ${formatBytes(file.size)}，超过 ${formatBytes(maxBytes)} 的上限，请压缩或拆分后再上传`;
  }
  return null;
}

/** "审计报告（2022 年度）" for "auditReport:2022". */
export function slotLabel(slotKey: string): string {
  const slot = slotOf(slotKey);
  if (!slot) return slotKey;
  const year = slotKey.split(':')[1];
  return year ? `${slot.label}（${year} 年度）` : slot.label;
}

// ------------------------------------------------------------------ time

/** Today in Asia/Shanghai as 'YYYY-MM-DD' (the live self-assessment's asOf). */
export function shanghaiToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** "12 天 5 小时 3 分" until `deadline`; null once it has passed. */
export function countdownText(deadline: Date, now: Date): string | null {
  let ms = deadline.getTime() - now.getTime();
  if (ms <= 0) return null;
  const day = 86_400_000;
  const days = Math.floor(ms / day);
  ms -= days * day;
  const hours = Math.floor(ms / 3_600_000);
  ms -= hours * 3_600_000;
  const minutes = Math.floor(ms / 60_000);
  if (days > 0) return `${days} 天 ${hours} 小时 ${minutes} 分`;
  if (hours > 0) return `${hours} 小时 ${minutes} 分`;
  return `${Math.max(1, minutes)} 分钟`;
}

/** "2026-11-27 14:32:05" in Asia/Shanghai. */
export function dateTimeText(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  const f = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).formatToParts(d);
  const p = (t: string) => f.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}:${p('second')}`;
}

/** "14:32:05" in Asia/Shanghai. */
export function timeText(d: Date): string {
  return dateTimeText(d.toISOString()).slice(11);
}

/**
 * The section a `?tab=` asks for, among the sections of this filing's kind. A section the kind does not have (a
 * 科技型 link to 经营情况, a mistyped link) falls back to the first section, with a notice saying so, instead of
 * showing nothing.
 */
export function resolveTab(
  tabParam: string | null,
  keys: readonly SectionKey[],
): { tab: SectionKey; notice: string | null } {
  const first = keys[0] ?? 'basic';
  if (tabParam === null || tabParam === '') return { tab: first, notice: null };
  if ((keys as readonly string[]).includes(tabParam)) return { tab: tabParam as SectionKey, notice: null };
  const asked = (SECTION_KEYS as readonly string[]).includes(tabParam)
    ? `“${SECTION_LABELS[tabParam as SectionKey]}”不属于本类填报`
    : '链接中的部分不存在';
  return {
    tab: first,
    notice: `${asked}，已为您显示“${SECTION_LABELS[first]}”。请从下方标签中选择要填写的部分。`,
  };
}
