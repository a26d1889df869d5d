import { formatPercent, type Ratio } from '../../../money';
import type { BasisDef, Check, Metric, ParamDef, StandardTable } from '../types';
import { displayValue, type Ctx } from './measure';
import { renderText } from './params';

function bandRule(ctx: Ctx, b: BasisDef): string {
  if (b.rule) return renderText(b.rule, ctx.params);
  return b.bands
    .map(
      (band) =>
        `${band.letter}. ${renderText(band.text, ctx.params)} ${band.points}分${band.level === 'S' ? '（待确认）' : ''}`,
    )
    .join('；');
}

export function ratioViewOf(r: Ratio): { num: string; den: string; display: string } {
  return { num: r.num.toString(), den: r.den.toString(), display: formatPercent(r) };
}

function fieldsOfMetric(m: Metric | undefined): string[] {
  if (!m) return [];
  switch (m.type) {
    case 'field':
    case 'count':
      return [m.field];
    case 'ratio':
      return [m.num, m.den];
    case 'sum':
    case 'countTrue':
      return m.fields;
    case 'growth':
      return [m.to, m.from];
    case 'meanGrowth':
      return [m.fields[2], m.fields[1], m.fields[0]];
    case 'diff':
      return [m.a, m.b];
    default:
      return [];
  }
}

function fieldsOfCheck(c: Check | undefined): string[] {
  if (!c) return [];
  switch (c.type) {
    case 'flag':
    case 'equals':
      return [c.field];
    case 'compare':
      return fieldsOfMetric(c.metric);
    case 'all':
    case 'any':
      return c.of.flatMap(fieldsOfCheck);
    default:
      return [];
  }
}

/** The figures an indicator uses, for people: 「上年度营业收入：3000.00 万元」. */
export function inputsOf(ctx: Ctx, bases: BasisDef[]): { label: string; value: string }[] {
  const paths = [
    ...new Set(
      bases.flatMap((b) => [...fieldsOfMetric(b.metric), ...b.bands.flatMap((x) => fieldsOfCheck(x.when))]),
    ),
  ];
  return paths.map((path) => {
    const def = ctx.fieldDefs.get(path)!;
    const v = ctx.values.get(path);
    let value: string;
    if (v === null || v === undefined) value = '未填写';
    else if (typeof v === 'boolean') value = v ? '是' : '否';
    else if (typeof v === 'string') value = v;
    else if (Array.isArray(v)) value = `${v.length} 项`;
    else value = displayValue(v, def.unit).trim();
    return { label: def.label, value };
  });
}

/** The Chinese rule text of each indicator (bands of every basis), for explanations. */
export function indicatorRules(
  table: StandardTable,
  params: Map<string, ParamDef & { corrected: boolean }>,
): Record<string, string> {
  const ctx = { table, params } as Ctx;
  return Object.fromEntries(
    table.indicators.map((ind) => [ind.key, ind.bases.map((b) => bandRule(ctx, b)).join('；或 ')]),
  );
}
