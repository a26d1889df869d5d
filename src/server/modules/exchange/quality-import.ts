/**
 * 数据交换: import of 专精特新发展质量评价得分 (columns 企业名称、统一社会信用代码、年度、得分、来源; .xlsx or .csv).
 * Every row is checked first (credit code, year, score 0–100 with two decimals, source, jurisdiction); the good rows
 * are written in one transaction with one enterprise event each and the import's audit row. Idempotent: a row equal
 * to what is stored changes nothing.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { normalizeUscc, validateUscc } from '../../../shared/rules/uscc';
import {
  parseQualityScore,
  QUALITY_IMPORT_COLUMNS,
  type QualityImportResponse,
} from '../../../shared/schemas/quality-api';
import type { DbOrTx } from '../../db/client';
import { audit } from '../../plugins/audit';
import { findEnterpriseByUscc, mayWrite, requireWriter, setScoreTx } from '../quality-scores/service';
import type { RawRow } from './service';

const text = (c: unknown) =>
  c === null || c === undefined ? '' : c instanceof Date ? c.toISOString() : String(c).trim();

type Column = (typeof QUALITY_IMPORT_COLUMNS)[number];

export async function importQualityScores(
  db: DbOrTx,
  request: FastifyRequest,
  actor: Actor,
  raw: RawRow[],
  meta: { filename: string },
  now: Date,
): Promise<QualityImportResponse> {
  requireWriter(actor);
  const header = raw[0];
  if (!header) throw AppError.of('IMPORT_FILE_EMPTY', {}, { file: '文件为空' });
  const names = header.cells.map((c) => text(c).replace(/\s+/g, ''));
  const index = Object.fromEntries(QUALITY_IMPORT_COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<
    Column,
    number
  >;
  const missing = QUALITY_IMPORT_COLUMNS.filter((c) => index[c] < 0);
  if (missing.length > 0) {
    throw AppError.of(
      'IMPORT_COLUMNS_MISSING',
      { columns: missing.join('、') },
      { file: `缺少列：${missing.join('、')}` },
    );
  }
  const errors: QualityImportResponse['errors'] = [];
  const warnings: QualityImportResponse['warnings'] = [];
  const good: {
    row: number;
    enterprise: NonNullable<Awaited<ReturnType<typeof findEnterpriseByUscc>>>;
    year: number;
    score: string;
    source: string;
  }[] = [];
  const seen = new Map<string, number>();
  let rows = 0;
  for (const r of raw.slice(1)) {
    const get = (c: Column) => r.cells[index[c]];
    if (r.cells.every((c) => text(c) === '')) continue;
    rows += 1;
    const problems: string[] = [];
    const name = text(get('企业名称'));
    const rawCode = text(get('统一社会信用代码'));
    if (!rawCode) problems.push('缺少统一社会信用代码');
    else if (!validateUscc(rawCode).valid) problems.push(`统一社会信用代码“${rawCode}”不正确`);
    const yearText = text(get('年度')).replace(/年$/, '');
    const year = /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
    if (!Number.isInteger(year) || year < 2020 || year > 2100) {
      problems.push(`年度“${yearText}”不正确（应为四位年份，例如 2026）`);
    }
    const score = parseQualityScore(
      typeof get('得分') === 'number' ? String(get('得分')) : text(get('得分')),
    );
    if (!score.ok) problems.push(score.message);
    const source = text(get('来源'));
    if (source.length < 2) problems.push('缺少得分来源');
    else if (source.length > 200) problems.push('得分来源不能超过 200 个字');
    const key = `${normalizeUscc(rawCode)}|${year}`;
    if (problems.length === 0) {
      const first = seen.get(key);
      if (first !== undefined) problems.push(`与第 ${first} 行重复（同一企业同一年度）`);
      else seen.set(key, r.row);
    }
    if (problems.length > 0) {
      errors.push({ row: r.row, message: problems.join('；') });
      continue;
    }
    const enterprise = await findEnterpriseByUscc(db, rawCode);
    if (!enterprise || !mayWrite(actor, enterprise)) {
      errors.push({
        row: r.row,
        message: enterprise
          ? '该企业不在您的管辖范围内，未导入'
          : `平台中没有统一社会信用代码为 ${normalizeUscc(rawCode)} 的企业（企业须先在平台注册）`,
      });
      continue;
    }
    if (name && name !== enterprise.name.trim()) {
      warnings.push({
        row: r.row,
        message: `企业名称“${name}”与平台登记的“${enterprise.name}”不一致，已按统一社会信用代码匹配`,
      });
    }
    good.push({ row: r.row, enterprise, year, score: (score as { value: string }).value, source });
  }
  const result = { created: 0, updated: 0, unchanged: 0 };
  await db.transaction(async (tx) => {
    for (const g of good) {
      const r = await setScoreTx(
        tx,
        actor,
        g.enterprise,
        { year: g.year, score: g.score, sourceType: 'import', source: g.source },
        now,
      );
      result[r.outcome] += 1;
    }
    await audit(
      tx,
      request,
      {
        action: 'exchange.quality_scores.import',
        details: { filename: meta.filename, rows, ...result, errors: errors.length },
      },
      now,
    );
  });
  errors.sort((a, b) => a.row - b.row);
  return { rows, ...result, errors, warnings };
}
