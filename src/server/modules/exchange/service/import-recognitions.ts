import { and, eq, inArray } from 'drizzle-orm';
import { AppError } from '../../../../shared/errors';
import type { Actor } from '../../../../shared/permissions';
import { endOfShanghaiDay, isCalendarDay, startOfShanghaiDay } from '../../../../shared/recognition/validity';
import { normalizeUscc, validateUscc } from '../../../../shared/rules/uscc';
import { IMPORT_COLUMNS, type ImportResponse } from '../../../../shared/schemas/exchange-api';
import type { DbOrTx } from '../../../db/client';
import { enterpriseEvents, enterprises, recognitions } from '../../../db/schema';
import { normalizeRegistrationNo } from '../../review/tech-sme';
import { loadExcelJS } from '../../../services/heavy-modules';

// ---------------------------------------------------------------------------------------------------------
// Import of recognition lists

export type RawCell = string | number | Date | null;
export interface RawRow {
  /** Row number in the file; the header is row 1. */
  row: number;
  cells: RawCell[];
}

/** Parses CSV (RFC 4180 quotes; BOM stripped). */
export function parseCsv(text: string): string[][] {
  const s = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export async function readRows(data: Buffer, filename: string): Promise<RawRow[]> {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv')) {
    return parseCsv(data.toString('utf8')).map((cells, i) => ({ row: i + 1, cells }));
  }
  if (!lower.endsWith('.xlsx')) {
    throw AppError.of('IMPORT_FILE_TYPE', {}, { file: '请上传 .xlsx 或 .csv 文件' });
  }
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw AppError.of('IMPORT_FILE_UNREADABLE', {}, { file: '文件无法读取' });
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const out: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (r, n) => {
    const values = (r.values as unknown[]).slice(1).map((v): RawCell => {
      if (v === null || v === undefined) return null;
      if (v instanceof Date || typeof v === 'number' || typeof v === 'string') return v;
      if (typeof v === 'object' && 'text' in v) return String((v as { text: unknown }).text);
      if (typeof v === 'object' && 'result' in v) return (v as { result: RawCell }).result;
      if (typeof v === 'object' && 'richText' in v) {
        return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
      }
      return String(v);
    });
    out.push({ row: n, cells: values });
  });
  return out;
}

const text = (c: RawCell | undefined) =>
  c === null || c === undefined ? '' : c instanceof Date ? c.toISOString() : String(c).trim();

/** A date cell: an Excel date, an Excel serial number, or 2023-04-10 / 2023/4/10 / 2023.4.10 / 2023年4月10日. */
export function parseDay(c: RawCell | undefined): string | null | 'invalid' {
  if (c === null || c === undefined || (typeof c === 'string' && c.trim() === '')) return null;
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? 'invalid' : c.toISOString().slice(0, 10);
  if (typeof c === 'number') {
    if (!Number.isFinite(c) || c < 1) return 'invalid';
    // Excel's day 1 is 1900-01-01 (with the 1900 leap-year bug): serial 25569 = 1970-01-01.
    return new Date(Math.round((c - 25569) * 86_400_000)).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(c.trim());
  if (!m) return 'invalid';
  const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isCalendarDay(day) ? day : 'invalid';
}

const TITLE_KINDS: { test: RegExp; kind: string; issuer: string }[] = [
  { test: /小巨人/, kind: 'little_giant', issuer: '工业和信息化部' },
  { test: /专精特新/, kind: 'provincial_specialized', issuer: '江苏省工业和信息化厅' },
  // 科技型中小企业 (国科发政〔2017〕115号): registered by number on the national 科技型中小企业 platform.
  { test: /科技型/, kind: 'tech_sme', issuer: '全国科技型中小企业服务平台' },
  { test: /创新型/, kind: 'innovative', issuer: '江苏省工业和信息化厅' },
];

interface GoodRow {
  row: number;
  name: string;
  uscc: string;
  title: string;
  kind: string;
  issuer: string;
  /** 批次/文号; optional for 科技型 (its registration number identifies it). */
  documentNo: string | null;
  /** 科技型中小企业: the 登记编号 (normalised); null for the other titles. */
  registrationNo: string | null;
  validFrom: string;
  validTo: string;
}

/**
 * Validates every row first (nothing is written before all rows are checked), then, in one transaction, adds
 * or updates a recognition (source 'import') for each valid row whose credit code matches an enterprise.
 * Re-importing the same file changes nothing (keyed by enterprise, kind, source and 批次/文号).
 */
export async function importRecognitions(
  db: DbOrTx,
  actor: Actor,
  raw: RawRow[],
  now: Date,
): Promise<ImportResponse> {
  const header = raw[0];
  if (!header) throw AppError.of('IMPORT_FILE_EMPTY', {}, { file: '文件为空' });
  const names = header.cells.map((c) => text(c).replace(/\s+/g, ''));
  const index = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<
    (typeof IMPORT_COLUMNS)[number],
    number
  >;
  const missing = IMPORT_COLUMNS.filter((c) => index[c] < 0);
  if (missing.length > 0) {
    throw AppError.of(
      'IMPORT_COLUMNS_MISSING',
      { columns: missing.join('、') },
      { file: `缺少列：${missing.join('、')}` },
    );
  }
  // 登记编号: optional column, required on the rows of 科技型中小企业.
  const regIndex = names.indexOf('登记编号');
  const errors: ImportResponse['errors'] = [];
  const warnings: ImportResponse['warnings'] = [];
  const good: GoodRow[] = [];
  const seen = new Map<string, number>();
  let rows = 0;
  for (const r of raw.slice(1)) {
    const get = (c: (typeof IMPORT_COLUMNS)[number]) => r.cells[index[c]];
    if (r.cells.every((c) => text(c) === '')) continue;
    rows += 1;
    const problems: string[] = [];
    const name = text(get('企业名称'));
    if (!name) problems.push('缺少企业名称');
    const rawCode = text(get('统一社会信用代码'));
    const code = normalizeUscc(rawCode);
    if (!rawCode) problems.push('缺少统一社会信用代码');
    else {
      const v = validateUscc(rawCode);
      if (!v.valid)
        problems.push(`统一社会信用代码“${rawCode}”不正确：${v.errors[0]?.message ?? '格式不正确'}`);
    }
    const title = text(get('称号'));
    const kind = TITLE_KINDS.find((k) => k.test.test(title));
    if (!title) problems.push('缺少称号');
    else if (!kind)
      problems.push(
        `无法识别称号“${title}”（应为专精特新“小巨人”、专精特新中小企业、创新型中小企业或科技型中小企业）`,
      );
    const techSme = kind?.kind === 'tech_sme';
    const documentNo = text(get('批次/文号'));
    if (!documentNo && !techSme) problems.push('缺少批次/文号');
    let registrationNo: string | null = null;
    if (techSme) {
      const rawNo = regIndex >= 0 ? text(r.cells[regIndex]) : '';
      if (!rawNo) problems.push('科技型中小企业须填写登记编号（请在表头加“登记编号”列）');
      else {
        const n = normalizeRegistrationNo(rawNo);
        if (n.ok) registrationNo = n.value;
        else problems.push(n.message);
      }
    }
    const from = parseDay(get('认定日期'));
    const to = parseDay(get('有效期至'));
    if (from === null) problems.push('缺少认定日期');
    else if (from === 'invalid') problems.push('认定日期格式不正确（应为 2023-04-10 或 2023年4月10日）');
    if (to === null) problems.push('缺少有效期至');
    else if (to === 'invalid') problems.push('有效期至格式不正确（应为 2026-04-09 或 2026年4月9日）');
    if (from && to && from !== 'invalid' && to !== 'invalid' && to < from)
      problems.push('有效期至早于认定日期');
    if (problems.length === 0 && kind) {
      // A 登记编号 is one registration, whichever enterprise a row names.
      const key = techSme ? `tech_sme|${registrationNo}` : `${code}|${kind.kind}|${documentNo}`;
      const first = seen.get(key);
      if (first !== undefined) problems.push(`与第 ${first} 行重复`);
      else seen.set(key, r.row);
    }
    if (problems.length > 0) {
      errors.push({ row: r.row, message: problems.join('；') });
      continue;
    }
    good.push({
      row: r.row,
      name,
      uscc: code,
      title,
      kind: kind!.kind,
      issuer: kind!.issuer,
      documentNo: documentNo || null,
      registrationNo,
      validFrom: from as string,
      validTo: to as string,
    });
  }

  const codes = [...new Set(good.map((g) => g.uscc))];
  const found =
    codes.length === 0
      ? []
      : await db
          .select({ id: enterprises.id, name: enterprises.name, uscc: enterprises.uscc })
          .from(enterprises)
          .where(inArray(enterprises.uscc, codes));
  const byCode = new Map(found.map((e) => [normalizeUscc(e.uscc), e]));
  const result = { created: 0, updated: 0, unchanged: 0 };
  const matched: { g: GoodRow; enterpriseId: string }[] = [];
  for (const g of good) {
    const e = byCode.get(g.uscc);
    if (!e) {
      errors.push({
        row: g.row,
        message: `平台中没有统一社会信用代码为 ${g.uscc} 的企业（企业须先在平台注册）`,
      });
      continue;
    }
    if (e.name.trim() !== g.name) {
      warnings.push({
        row: g.row,
        message: `企业名称“${g.name}”与平台登记的“${e.name}”不一致，已按统一社会信用代码匹配`,
      });
    }
    if (g.registrationNo) {
      const [taken] = await db
        .select({ enterpriseId: recognitions.enterpriseId })
        .from(recognitions)
        .where(and(eq(recognitions.kind, 'tech_sme'), eq(recognitions.registrationNo, g.registrationNo)));
      if (taken && taken.enterpriseId !== e.id) {
        errors.push({
          row: g.row,
          message: `登记编号“${g.registrationNo}”已登记给平台中的另一家企业，请核对`,
        });
        continue;
      }
    }
    matched.push({ g, enterpriseId: e.id });
  }

  await db.transaction(async (tx) => {
    for (const { g, enterpriseId } of matched) {
      const validFrom = startOfShanghaiDay(g.validFrom);
      const validTo = endOfShanghaiDay(g.validTo);
      const [existing] = await tx
        .select()
        .from(recognitions)
        .where(
          g.registrationNo
            ? // 科技型: the registration number is the key (it may have been recorded on approval here).
              and(eq(recognitions.kind, 'tech_sme'), eq(recognitions.registrationNo, g.registrationNo))
            : and(
                eq(recognitions.enterpriseId, enterpriseId),
                eq(recognitions.kind, g.kind),
                eq(recognitions.source, 'import'),
                eq(recognitions.documentNo, g.documentNo!),
              ),
        );
      if (existing && existing.source !== 'import') {
        // Recorded when a 科技型 filing was approved on this platform: that record stands.
        warnings.push({
          row: g.row,
          message: `登记编号“${g.registrationNo}”已在本平台审核通过时登记，未重复导入`,
        });
        result.unchanged += 1;
        continue;
      }
      if (existing) {
        if (
          existing.validFrom.getTime() === validFrom.getTime() &&
          existing.validTo.getTime() === validTo.getTime() &&
          existing.title === g.title
        ) {
          result.unchanged += 1;
        } else {
          await tx
            .update(recognitions)
            .set({ validFrom, validTo, title: g.title })
            .where(eq(recognitions.id, existing.id));
          result.updated += 1;
        }
        continue;
      }
      const [rec] = await tx
        .insert(recognitions)
        .values({
          enterpriseId,
          kind: g.kind,
          title: g.title,
          source: 'import',
          issuer: g.issuer,
          documentNo: g.documentNo,
          registrationNo: g.registrationNo,
          validFrom,
          validTo,
          status: 'valid',
          createdAt: now,
        })
        .returning({ id: recognitions.id });
      await tx.insert(enterpriseEvents).values({
        enterpriseId,
        at: now,
        event: 'recognised',
        actorUserId: actor.userId,
        actorName: actor.displayName,
        reason: `导入认定名单：${g.title}（${g.registrationNo ? `登记编号 ${g.registrationNo}` : g.documentNo}）`,
        details: { recognitionId: rec!.id, source: 'import', row: g.row },
      });
      result.created += 1;
    }
  });
  errors.sort((a, b) => a.row - b.row);
  return { rows, ...result, errors, warnings };
}
