import type {
  ConditionOutcome,
  ConditionStatus,
  EngineResult,
  EvaluateOptions,
  LeafOutcome,
  StandardSheet,
  StandardTable,
} from '../types';
import { renderText, resolveParams, thresholdsOf } from './params';
import { TO_BE_CONFIRMED_ZH, getPath, readFields } from './fields';
import { type Ctx } from './measure';
import { runIndicators } from './bands';
import { leafText, runCheck, statusWord } from './conditions';

/**
 * The sheet (thresholds and conditions with clause and level) of a table standard; texts quote the thresholds of
 * `values` (an administrator's corrections) or the built-in ones.
 */
export function sheetOf(table: StandardTable, values?: Record<string, string>): StandardSheet {
  const params = resolveParams(table, values);
  const text = (t: string): string => renderText(t, params);
  return {
    id: table.id,
    tier: table.tier,
    title: table.title,
    documentNumber: table.documentNumber,
    version: table.version,
    boundaryText: table.boundaryText,
    params: table.params,
    conditions: table.conditions.map((c) => ({
      key: c.key,
      title: text(c.title),
      clause: c.clause,
      level: c.level,
      ...(c.atReview !== undefined
        ? {
            atReview: text(
              c.atReviewText ?? (c.atReview === 'notAssessed' ? '复核时不评价' : '复核时另有规定'),
            ),
            atReviewLevel: c.atReviewLevel ?? c.level,
          }
        : {}),
      ...(c.note ? { note: c.note } : {}),
    })),
    notes: table.notes,
  };
}

/** Evaluate `raw` against a standard written as data. Never throws on bad input (errors are reported). */
export function evaluateTable(
  table: StandardTable,
  raw: unknown,
  options: EvaluateOptions = {},
): EngineResult {
  const { values, errors } = readFields(table, raw);
  const rawReview = getPath(raw, 'review');
  const review = options.review ?? rawReview === true;
  const params = resolveParams(table, options.params?.values);
  const ctx: Ctx = {
    table,
    values,
    params,
    fieldDefs: new Map(table.fields.map((f) => [f.path, f])),
    indicators: new Map(),
    total: null,
    totalRange: { min: 0, max: 0 },
    directMet: null,
    items: [],
    condition: '',
  };
  const reasons: string[] = [];
  runIndicators(ctx, reasons);

  const directStatuses = table.direct.map((d) => ({ d, status: runCheck(ctx, d.check, [], reasons) }));
  const directConditions = directStatuses.filter((x) => x.status === 'met').map((x) => x.d.key);
  ctx.directMet =
    directConditions.length > 0 ? true : directStatuses.some((x) => x.status === 'pending') ? null : false;

  const conditions: ConditionOutcome[] = table.conditions.map((c) => {
    const leaves: LeafOutcome[] = [];
    const check = review && c.atReview !== undefined ? c.atReview : c.check;
    const level = review && c.atReview !== undefined ? (c.atReviewLevel ?? c.level) : c.level;
    ctx.condition = c.key;
    let status: ConditionStatus =
      check === 'notAssessed' ? 'notAssessed' : runCheck(ctx, check, leaves, reasons);
    if (status === 'unmet' && c.onUnmet === 'pending') {
      status = 'pending';
      reasons.push(renderText(c.title, params));
    }
    const toBeConfirmed = level === 'S' || leaves.some((l) => l.toBeConfirmed);
    const detail =
      check === 'notAssessed'
        ? '复核时不评价此项'
        : leaves.map((l) => `${leafText(l)}（${statusWord(l.status)}）`).join('；');
    const title = renderText(c.title, params);
    return {
      key: c.key,
      title,
      clause: c.clause,
      level,
      status,
      leaves,
      explanation: `${title}（${c.clause}${toBeConfirmed ? `，${TO_BE_CONFIRMED_ZH}` : ''}）：${detail}。结果：${statusWord(status)}`,
      toBeConfirmed,
    };
  });
  const invalid = errors.length > 0;
  const unmet = invalid ? [] : conditions.filter((c) => c.status === 'unmet').map((c) => c.key);
  const pending = invalid ? [] : conditions.filter((c) => c.status === 'pending').map((c) => c.key);
  const qualified = invalid ? null : unmet.length > 0 ? false : pending.length > 0 ? null : true;

  const thresholds = thresholdsOf(params);
  const indicatorDetails = [...ctx.indicators.values()];
  const warnings = invalid
    ? []
    : (table.warnings ?? []).filter((w) => runCheck(ctx, w.check, [], []) === 'unmet').map((w) => w.text);
  const categories: Record<string, number | null> = {};
  for (const cat of table.categories ?? []) {
    const pts = indicatorDetails.filter((i) => i.category === cat.key).map((i) => i.points);
    categories[cat.key] = pts.every((x) => x !== null) ? pts.reduce<number>((a, b) => a + (b ?? 0), 0) : null;
  }
  const verdict =
    qualified === true
      ? `符合${table.title}`
      : qualified === false
        ? `不符合${table.title}`
        : '是否符合待确定（有待补充或待审核确认的事项）';
  const summary = invalid
    ? `填报数据有 ${errors.length} 处需要修改，修改后才能评价：${errors.map((e) => e.message).join('；')}`
    : [
        `按${table.title}（${table.documentNumber}，第 ${options.params?.version ?? table.version} 版）${review ? '复核' : '首次申请'}评价`,
        ...(ctx.total !== null ? [`评价总分 ${ctx.total} 分`] : []),
        ...(directConditions.length > 0
          ? [
              `满足直接确认条件：${table.direct
                .filter((d) => directConditions.includes(d.key))
                .map((d) => renderText(d.text, params))
                .join('；')}`,
            ]
          : []),
        ...conditions.filter((c) => c.status === 'unmet').map((c) => `未满足：${c.explanation}`),
        ...conditions.filter((c) => c.status === 'pending').map((c) => `待确定：${c.explanation}`),
        ...[...new Set(reasons)],
        `结论：${verdict}`,
      ].join('。') + '。';
  return {
    standardId: table.id,
    version: options.params?.version ?? table.version,
    title: table.title,
    documentNumber: table.documentNumber,
    status: invalid ? 'invalidInput' : 'evaluated',
    errors,
    review,
    conditions,
    unmet,
    pending,
    indicators: Object.fromEntries(indicatorDetails.map((i) => [i.key, i.points])),
    indicatorDetails,
    bases: Object.fromEntries(indicatorDetails.map((i) => [i.key, i.basis])),
    total: ctx.total,
    totalRange: ctx.totalRange,
    categories,
    items: ctx.items,
    reasons: invalid ? [] : [...new Set(reasons)],
    warnings,
    directConditions: invalid ? [] : directConditions,
    qualified,
    thresholds,
    boundary: table.boundaryText,
    summary,
  };
}
