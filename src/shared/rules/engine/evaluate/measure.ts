import {
  addRatios,
  centsToAmount,
  compareRatios,
  makeRatio,
  percent,
  formatPercent,
  type Ratio,
} from '../../../money';
import type { FieldDef, IndicatorOutcome, ItemOutcome, Metric, ParamDef, StandardTable } from '../types';
import { UNIT_SUFFIX, isRatio, type Value } from './fields';

export interface Ctx {
  table: StandardTable;
  values: Map<string, Value>;
  params: Map<string, ParamDef & { corrected: boolean }>;
  fieldDefs: Map<string, FieldDef>;
  indicators: Map<string, IndicatorOutcome>;
  total: number | null;
  totalRange: { min: number; max: number };
  directMet: boolean | null;
  /** Named items found while checking (`CheckMeta`) and the condition being checked. */
  items: ItemOutcome[];
  condition: string;
}

export type Measured =
  | {
      ok: true;
      compare: (t: Ratio) => -1 | 0 | 1;
      figure: string;
      ratio?: Ratio;
      value?: Ratio;
      /** The highest possible value when `compare` measures the lowest (a total with undecided indicators). */
      range?: Ratio;
    }
  | { ok: false; figure: string; reason?: string };

export function fieldLabel(ctx: Ctx, path: string): string {
  return ctx.fieldDefs.get(path)?.label ?? path;
}

export function displayValue(r: Ratio, unit: FieldDef['unit']): string {
  if (unit === 'percent') return formatPercent(r);
  if (unit === 'count' || unit === 'years') return `${r.num / r.den}${UNIT_SUFFIX[unit]}`;
  const cents = (r.num * 100n) / r.den;
  return `${centsToAmount(cents)}${unit === 'amount' ? ' 万元' : unit === 'score' ? ' 分' : ''}`;
}

function cmp(a: Ratio): (t: Ratio) => -1 | 0 | 1 {
  return (t) => compareRatios(a, t);
}

function numberOf(ctx: Ctx, path: string): Ratio | null | 'notNumber' {
  const v = ctx.values.get(path);
  if (v === undefined) throw new Error(`Field ${path} is not declared in ${ctx.table.id}`);
  if (v === null) return null;
  if (!isRatio(v)) return 'notNumber';
  return v;
}

export function metricLabel(ctx: Ctx, m: Metric): string {
  switch (m.type) {
    case 'field':
      return fieldLabel(ctx, m.field);
    case 'ratio':
      return m.label ?? `${fieldLabel(ctx, m.num)} ÷ ${fieldLabel(ctx, m.den)}`;
    case 'sum':
      return m.label ?? m.fields.map((f) => fieldLabel(ctx, f)).join(' + ');
    case 'growth':
      return m.label ?? `${fieldLabel(ctx, m.to)}较${fieldLabel(ctx, m.from)}的复合增长率`;
    case 'diff':
      return m.label ?? `${fieldLabel(ctx, m.a)} − ${fieldLabel(ctx, m.b)}`;
    case 'meanGrowth':
      return m.label ?? `近2年${fieldLabel(ctx, m.fields[2])}平均增长率`;
    case 'count':
    case 'countTrue':
      return m.label ?? '项数';
    case 'category':
      return `${ctx.table.categories?.find((c) => c.key === m.key)?.name ?? m.key}指标得分`;
    case 'total':
      return '评价总分';
    case 'points':
      return `${ctx.table.indicators.find((i) => i.key === m.indicator)?.name ?? m.indicator}得分`;
  }
}

/** Measure a metric: a comparator against thresholds (natural units) and its display, or why it cannot be. */
export function measure(ctx: Ctx, m: Metric): Measured {
  const missing = { ok: false as const, figure: '未填写' };
  switch (m.type) {
    case 'field': {
      const v = numberOf(ctx, m.field);
      if (v === null || v === 'notNumber') return missing;
      return {
        ok: true,
        compare: cmp(v),
        figure: displayValue(v, ctx.fieldDefs.get(m.field)!.unit),
        value: v,
      };
    }
    case 'diff': {
      const a = numberOf(ctx, m.a);
      const b = numberOf(ctx, m.b);
      if (a === null || b === null || a === 'notNumber' || b === 'notNumber') return missing;
      const d = addRatios(a, makeRatio(-b.num, b.den));
      return { ok: true, compare: cmp(d), figure: displayValue(d, 'amount'), value: d };
    }
    case 'count': {
      const v = ctx.values.get(m.field);
      if (!Array.isArray(v)) return missing;
      const n = v.filter((item) =>
        Object.entries(m.where).every(
          ([k, want]) => (item as unknown as Record<string, unknown>)[k] === want,
        ),
      ).length;
      return numberMeasure(n, ' 项');
    }
    case 'countTrue': {
      let n = 0;
      for (const f of m.fields) {
        const v = ctx.values.get(f);
        if (v === null || v === undefined) return missing;
        if (v === true) n += 1;
      }
      return numberMeasure(n, ' 项');
    }
    case 'meanGrowth': {
      const ys = m.fields.map((f) => numberOf(ctx, f));
      if (ys.some((y) => y === null || y === 'notNumber')) return missing;
      const [y3, y2, y1] = ys as [Ratio, Ratio, Ratio];
      if (m.formula === 'cagr')
        return measure(ctx, { type: 'growth', from: m.fields[0], to: m.fields[2], years: 2 });
      const zero = y2.num === 0n ? m.fields[1] : y3.num === 0n ? m.fields[0] : null;
      if (zero) {
        return {
          ok: false,
          figure: '无法计算',
          reason: `${fieldLabel(ctx, zero)}为 0，无法计算${metricLabel(ctx, m)}，请审核人员人工认定`,
        };
      }
      const g1 = addRatios(makeRatio(y1.num * y2.den, y1.den * y2.num), makeRatio(-1n, 1n));
      const g2 = addRatios(makeRatio(y2.num * y3.den, y2.den * y3.num), makeRatio(-1n, 1n));
      const sum = addRatios(g1, g2);
      const avg = makeRatio(sum.num, sum.den * 2n);
      return { ok: true, compare: cmp(avg), figure: formatPercent(avg), ratio: avg };
    }
    case 'category': {
      if (ctx.total === null) return { ok: false, figure: '待定' };
      const pts = [...ctx.indicators.values()].filter((i) => i.category === m.key).map((i) => i.points ?? 0);
      return numberMeasure(
        pts.reduce((a, b) => a + b, 0),
        ' 分',
      );
    }
    case 'ratio': {
      const n = numberOf(ctx, m.num);
      const d = numberOf(ctx, m.den);
      if (n === null || d === null || n === 'notNumber' || d === 'notNumber') return missing;
      if (d.num === 0n) {
        return {
          ok: false,
          figure: '无法计算',
          reason:
            m.zeroText ?? `${fieldLabel(ctx, m.den)}为 0，无法计算${metricLabel(ctx, m)}，请审核人员人工认定`,
        };
      }
      const r = makeRatio(n.num * d.den, n.den * d.num);
      if (m.impossibleAbove && compareRatios(r, percent(m.impossibleAbove.percent)) > 0) {
        return { ok: false, figure: '数据不合理', reason: m.impossibleAbove.reason };
      }
      return { ok: true, compare: cmp(r), figure: formatPercent(r), ratio: r };
    }
    case 'sum': {
      let acc = makeRatio(0n, 1n);
      for (const f of m.fields) {
        const v = numberOf(ctx, f);
        if (v === null || v === 'notNumber') return missing;
        acc = addRatios(acc, v);
      }
      if (m.mean) acc = makeRatio(acc.num, acc.den * BigInt(m.fields.length));
      return {
        ok: true,
        compare: cmp(acc),
        figure: displayValue(acc, ctx.fieldDefs.get(m.fields[0]!)!.unit),
      };
    }
    case 'growth': {
      const from = numberOf(ctx, m.from);
      const to = numberOf(ctx, m.to);
      if (from === null || to === null || from === 'notNumber' || to === 'notNumber') return missing;
      if (from.num === 0n) {
        return {
          ok: false,
          figure: '无法计算',
          reason: m.zeroText ?? `${fieldLabel(ctx, m.from)}为 0，无法计算复合增长率，请审核人员人工认定`,
        };
      }
      const factor = makeRatio(to.num * from.den, to.den * from.num);
      const yearly = m.years === 1 ? { ratio: addRatios(factor, makeRatio(-1n, 1n)) } : {};
      // growth ≥ t ⇔ factor ≥ (1 + t)^years (for 1 + t ≥ 0), exactly.
      const compare = (t: Ratio): -1 | 0 | 1 => {
        const base = addRatios(makeRatio(1n, 1n), t);
        if (base.num < 0n) return 1;
        const power = makeRatio(base.num ** BigInt(m.years), base.den ** BigInt(m.years));
        return compareRatios(factor, power);
      };
      return {
        ok: true,
        compare,
        ...yearly,
        figure: `${compoundDisplay(factor, m.years)}（${fieldLabel(ctx, m.to)}为${fieldLabel(ctx, m.from)}的 ${formatPercent(factor)}）`,
      };
    }
    case 'total': {
      if (ctx.total !== null) return numberMeasure(ctx.total, ' 分');
      if (!m.range) return { ok: false, figure: '待定' };
      const { min, max } = ctx.totalRange;
      const lo = makeRatio(BigInt(min), 1n);
      const hi = makeRatio(BigInt(max), 1n);
      // Decided only when the lowest and the highest possible totals compare alike with the threshold.
      return { ok: true, figure: `${min}–${max} 分（有待评定的指标）`, compare: cmp(lo), range: hi };
    }
    case 'points': {
      const p = ctx.indicators.get(m.indicator)?.points ?? null;
      return p === null ? { ok: false, figure: '待定' } : numberMeasure(p, ' 分');
    }
  }
}

function numberMeasure(n: number, suffix: string): Measured & { ok: true } {
  const r = makeRatio(BigInt(n), 1n);
  return { ok: true, compare: cmp(r), figure: `${n}${suffix}`, value: r };
}

/** Display of a compound yearly rate factor^(1/years) − 1 for 1 or 2 years (exact square root by bisection on BigInt). */
function compoundDisplay(factor: Ratio, years: number): string {
  if (years === 1) return `年增长率 ${formatPercent(makeRatio(factor.num - factor.den, factor.den))}`;
  if (years !== 2 || factor.num < 0n) return `按${years}年复合计算`;
  // round(√factor · 10000) in hundredths of a percent, half up: √(factor · 10^8 · 4) rounded.
  const scaled = (factor.num * 4n * 10n ** 8n) / factor.den;
  let x = BigInt(Math.floor(Math.sqrt(Number(scaled))));
  while (x * x > scaled) x -= 1n;
  while ((x + 1n) * (x + 1n) <= scaled) x += 1n;
  const hundredths = (x + 1n) / 2n - 10000n;
  return `约 ${centsToAmount(hundredths)}%`;
}
