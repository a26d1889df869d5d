/**
 * The one evaluator of standards written as data (./types.ts). Exact arithmetic only (src/shared/money.ts:
 * BigInt hundredths and rationals); it also writes the Chinese explanation. Pure: no I/O.
 */
import {
  addRatios,
  centsToAmount,
  compareRatios,
  makeRatio,
  parseAmount,
  parseCount,
  percent,
  formatPercent,
  type Ratio,
} from '../../money';
import { isObj, type FieldError } from '../input';
import { readIpItems, type IpItem } from '../ip';
import type {
  BandDef,
  BasisDef,
  Check,
  ConditionOutcome,
  ConditionStatus,
  EngineResult,
  EvaluateOptions,
  FieldDef,
  IndicatorOutcome,
  ItemOutcome,
  LeafOutcome,
  Metric,
  Op,
  ParamDef,
  StandardSheet,
  StandardTable,
  ThresholdUsed,
  ValueUnit,
} from './types';

/**
 * A field value: a boolean, an exact number in natural units (percent fields as fractions), an enum value, a list
 * of IP items, or null (pending).
 */
type Value = boolean | Ratio | string | IpItem[] | null;

function isRatio(v: Value | undefined): v is Ratio {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const UNIT_SUFFIX: Record<ValueUnit, string> = {
  amount: ' 万元',
  percent: '%',
  count: '',
  years: ' 年',
  score: ' 分',
};

const OP_TEXT: Record<Op, string> = { gte: '≥ ', gt: '> ', lte: '≤ ', lt: '< ' };

export const TO_BE_CONFIRMED_ZH = '待核实';

/** A threshold literal in its unit as an exact value in natural units ("3" percent → 3/100). */
export function thresholdValue(value: string, unit: ValueUnit): Ratio {
  if (unit === 'percent') return percent(value);
  const r = parseAmount(value);
  if (!r.ok) throw new Error(`Invalid threshold ${value}`);
  return makeRatio(r.cents, 100n);
}

/** A threshold as people read it: 「1500 万元」「3%」「3 年」「50 分」. */
export function displayThreshold(value: string, unit: ValueUnit): string {
  return `${value}${UNIT_SUFFIX[unit]}`;
}

/** Whether a decimal string is a valid threshold of `unit` (non-negative; counts and years are integers). */
export function validThreshold(value: string, unit: ValueUnit): boolean {
  if (!/^\d+(\.\d{1,4})?$/.test(value)) return false;
  if ((unit === 'count' || unit === 'years') && value.includes('.')) return false;
  if (unit === 'amount' || unit === 'score') return /^\d+(\.\d{1,2})?$/.test(value);
  return true;
}

function getPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    if (Array.isArray(cur)) cur = cur[Number(part)];
    else if (typeof cur === 'object') cur = (cur as Record<string, unknown>)[part];
    else return undefined;
  }
  return cur;
}

/** Read every declared field; invalid values are errors, absent ones follow `whenMissing`. */
export function readFields(
  table: StandardTable,
  raw: unknown,
): { values: Map<string, Value>; errors: FieldError[] } {
  const values = new Map<string, Value>();
  const errors: FieldError[] = [];
  if (table.inputLabel && !isObj(raw)) {
    errors.push({ path: '', message: `请填写${table.inputLabel}所需的数据` });
  }
  for (const f of table.fields) values.set(f.path, readField(f, getPath(raw, f.path), errors));
  return { values, errors };
}

const REQUIRED_HINT: Record<FieldDef['unit'], string> = {
  amount: '（单位：万元）',
  percent: '（单位：%）',
  count: '（整数）',
  years: '（整数）',
  score: '（单位：分）',
  bool: '（是/否）',
  enum: '',
  ipList: '',
};

function readField(f: FieldDef, v: unknown, errors: FieldError[]): Value {
  if (f.unit === 'ipList') return readIpItems(v, f.path, errors);
  if (v === undefined || v === null || v === '') {
    if (f.unit === 'enum' && f.default !== undefined) return f.default;
    if (f.required) {
      errors.push({
        path: f.path,
        message: `${f.unit === 'bool' || f.unit === 'enum' ? '请选择' : '请填写'}“${f.label}”${REQUIRED_HINT[f.unit]}`,
      });
      return null;
    }
    if (f.whenMissing === 'false') return false;
    if (f.whenMissing === 'zero') return makeRatio(0n, 1n);
    return null;
  }
  if (f.unit === 'enum') {
    if (typeof v === 'string' && (f.values ?? []).includes(v)) return v;
    errors.push({ path: f.path, message: `“${f.label}”的取值不正确，请从选项中选择` });
    return null;
  }
  if (f.unit === 'bool') {
    if (typeof v === 'boolean') return v;
    errors.push({ path: f.path, message: `“${f.label}”只能选择“是”或“否”` });
    return null;
  }
  if (typeof v !== 'number' && typeof v !== 'string') {
    errors.push({ path: f.path, message: `“${f.label}”应为数字` });
    return null;
  }
  if (f.unit === 'count' || f.unit === 'years') {
    const r = parseCount(v);
    if (!r.ok || (f.max !== undefined && r.value > f.max)) {
      errors.push({
        path: f.path,
        message:
          f.invalidText ?? `“${f.label}”：${r.ok ? `不能大于 ${f.max}` : r.message.replace('人数', '数量')}`,
      });
      return null;
    }
    return makeRatio(BigInt(r.value), 1n);
  }
  const r = parseAmount(v, { allowNegative: f.allowNegative ?? false });
  if (!r.ok) {
    const unit = f.unit === 'amount' ? '' : `（单位：${f.unit === 'percent' ? '%' : '分'}）`;
    errors.push({ path: f.path, message: `“${f.label}”${unit}：${r.message}` });
    return null;
  }
  if (
    f.max !== undefined &&
    (r.cents > BigInt(f.max) * 100n || (f.unit === 'score' && r.cents % 100n !== 0n))
  ) {
    errors.push({ path: f.path, message: f.invalidText ?? `“${f.label}”不能大于 ${f.max}` });
    return null;
  }
  return f.unit === 'percent' ? makeRatio(r.cents, 10000n) : makeRatio(r.cents, 100n);
}

/** Resolve the thresholds: built-in values with an administrator's corrections applied. */
export function resolveParams(
  table: StandardTable,
  overrides?: Record<string, string>,
): Map<string, ParamDef & { corrected: boolean }> {
  return resolveSheetParams(table, overrides);
}

/** Resolved thresholds per standard and correction (read-only): every evaluation of a version shares one. */
const resolvedCache = new WeakMap<object, Map<string, Map<string, ParamDef & { corrected: boolean }>>>();

/**
 * Resolve the thresholds of any standard with params (a table or a sheet). Unknown keys are refused. The map is
 * shared by the evaluations of the same version: read it, never change it.
 */
export function resolveSheetParams(
  sheet: { id: string; params: ParamDef[] },
  overrides?: Record<string, string>,
): Map<string, ParamDef & { corrected: boolean }> {
  const key = overrides
    ? JSON.stringify(Object.entries(overrides).sort(([a], [b]) => a.localeCompare(b)))
    : '';
  let perSheet = resolvedCache.get(sheet);
  if (!perSheet) resolvedCache.set(sheet, (perSheet = new Map()));
  const hit = perSheet.get(key);
  if (hit) return hit;
  const resolved = resolveUncached(sheet, overrides);
  if (perSheet.size < 64) perSheet.set(key, resolved);
  return resolved;
}

function resolveUncached(
  sheet: { id: string; params: ParamDef[] },
  overrides?: Record<string, string>,
): Map<string, ParamDef & { corrected: boolean }> {
  const table = sheet;
  for (const k of Object.keys(overrides ?? {})) {
    if (!table.params.some((p) => p.key === k)) throw new Error(`Unknown parameter ${k} of ${table.id}`);
  }
  const out = new Map<string, ParamDef & { corrected: boolean }>();
  for (const p of table.params) {
    const o = overrides?.[p.key];
    const corrected = o !== undefined && o !== p.value;
    if (o !== undefined && !validThreshold(o, p.unit)) throw new Error(`Invalid value ${o} for ${p.key}`);
    out.set(p.key, { ...p, value: o ?? p.value, corrected });
  }
  return out;
}

interface Ctx {
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

type Measured =
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

function fieldLabel(ctx: Ctx, path: string): string {
  return ctx.fieldDefs.get(path)?.label ?? path;
}

function displayValue(r: Ratio, unit: FieldDef['unit']): string {
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

function metricLabel(ctx: Ctx, m: Metric): string {
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
function measure(ctx: Ctx, m: Metric): Measured {
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

function opHolds(c: -1 | 0 | 1, op: Op): boolean {
  return op === 'gte' ? c >= 0 : op === 'gt' ? c > 0 : op === 'lte' ? c <= 0 : c < 0;
}

function combineAll(s: ConditionStatus[]): ConditionStatus {
  const used = s.filter((x) => x !== 'notAssessed');
  if (used.includes('unmet')) return 'unmet';
  if (used.includes('pending')) return 'pending';
  return used.length === 0 ? 'notAssessed' : 'met';
}

function combineAny(s: ConditionStatus[]): ConditionStatus {
  if (s.includes('met')) return 'met';
  if (s.includes('pending')) return 'pending';
  return s.every((x) => x === 'notAssessed') ? 'notAssessed' : 'unmet';
}

function statusWord(s: ConditionStatus): string {
  return s === 'met' ? '满足' : s === 'unmet' ? '不满足' : s === 'pending' ? '待确定' : '不评价';
}

/** Evaluate a check; leaves are appended to `leaves` in order; a named node is also reported as an item. */
function runCheck(ctx: Ctx, check: Check, leaves: LeafOutcome[], reasons: string[]): ConditionStatus {
  if (check.key === undefined) return runCheckBody(ctx, check, leaves, reasons);
  const own: LeafOutcome[] = [];
  const at = ctx.items.length;
  const status = runCheckBody(ctx, check, own, reasons);
  leaves.push(...own);
  const level = check.level ?? 'V';
  ctx.items.splice(at, 0, {
    key: check.key,
    condition: ctx.condition,
    title: renderText(check.title ?? check.key, ctx.params),
    status,
    source: check.source ?? 'auto',
    leaves: own,
    detail: own.map((l) => `${leafText(l)}（${statusWord(l.status)}）`).join('；'),
    toBeConfirmed: level === 'S' || own.some((l) => l.toBeConfirmed),
  });
  return status;
}

/** Replace `{paramKey}` in a Chinese text by the threshold in force (「不低于{mainShareMin}」→「不低于70%」). */
export function renderText(text: string, params: Map<string, ParamDef & { corrected: boolean }>): string {
  if (!text.includes('{')) return text;
  let perParams = renderedCache.get(params);
  if (!perParams) renderedCache.set(params, (perParams = new Map()));
  let out = perParams.get(text);
  if (out === undefined) perParams.set(text, (out = renderUncached(text, params)));
  return out;
}

/** Rendered texts per resolved thresholds (the maps are shared per version, so texts are rendered once). */
const renderedCache = new WeakMap<Map<string, ParamDef & { corrected: boolean }>, Map<string, string>>();

function renderUncached(text: string, params: Map<string, ParamDef & { corrected: boolean }>): string {
  return text.replace(/\{([A-Za-z0-9_.]+)\}/g, (whole, key: string) => {
    const p = params.get(key);
    return p ? displayThreshold(p.value, p.unit).replace(' ', '') : whole;
  });
}

function runCheckBody(ctx: Ctx, check: Check, leaves: LeafOutcome[], reasons: string[]): ConditionStatus {
  switch (check.type) {
    case 'all':
      return combineAll(check.of.map((c) => runCheck(ctx, c, leaves, reasons)));
    case 'any':
      return combineAny(check.of.map((c) => runCheck(ctx, c, leaves, reasons)));
    case 'flag': {
      const v = ctx.values.get(check.field);
      const status: ConditionStatus =
        v === null || v === undefined ? 'pending' : v === true ? 'met' : 'unmet';
      leaves.push({
        label: fieldLabel(ctx, check.field),
        figure: v === null || v === undefined ? '待确认' : v === true ? '是' : '否',
        requirement: '是',
        status,
        param: null,
        toBeConfirmed: false,
      });
      return status;
    }
    case 'equals': {
      const v = ctx.values.get(check.field);
      const status: ConditionStatus =
        v === null || v === undefined ? 'pending' : v === check.value ? 'met' : 'unmet';
      leaves.push({
        label: fieldLabel(ctx, check.field),
        figure: typeof v === 'string' ? v : '待确认',
        requirement: check.value,
        status,
        param: null,
        toBeConfirmed: false,
      });
      return status;
    }
    case 'direct': {
      const status: ConditionStatus = ctx.directMet === null ? 'pending' : ctx.directMet ? 'met' : 'unmet';
      leaves.push({
        label: '直接确认条件',
        figure: ctx.directMet ? '满足' : ctx.directMet === false ? '均不满足' : '待确认',
        requirement: '满足其中一项',
        status,
        param: null,
        toBeConfirmed: false,
      });
      return status;
    }
    case 'compare': {
      let threshold: { value: string; unit: ValueUnit; level: 'V' | 'S'; key: string | null };
      if (check.param) {
        const p = ctx.params.get(check.param);
        if (!p) throw new Error(`Unknown parameter ${check.param} in ${ctx.table.id}`);
        threshold = { value: p.value, unit: p.unit, level: p.level, key: p.key };
      } else if (check.literal) {
        threshold = { ...check.literal, level: 'V', key: null };
      } else throw new Error(`Comparison without threshold in ${ctx.table.id}`);
      const m = measure(ctx, check.metric);
      const requirement = `${OP_TEXT[check.op]}${displayThreshold(threshold.value, threshold.unit)}`;
      let status: ConditionStatus;
      if (!m.ok) {
        status = 'pending';
        if (m.reason) reasons.push(m.reason);
      } else {
        const t = thresholdValue(threshold.value, threshold.unit);
        const lo = opHolds(m.compare(t), check.op);
        const hi = m.range ? opHolds(compareRatios(m.range, t), check.op) : lo;
        status = lo && hi ? 'met' : !lo && !hi ? 'unmet' : 'pending';
      }
      leaves.push({
        label: metricLabel(ctx, check.metric),
        figure: m.figure,
        requirement,
        status,
        param: threshold.key,
        toBeConfirmed: threshold.level === 'S',
      });
      return status;
    }
  }
}

function leafText(l: LeafOutcome): string {
  return `${l.label} ${l.figure}，要求 ${l.requirement}${l.toBeConfirmed ? `（${TO_BE_CONFIRMED_ZH}）` : ''}`;
}

function pickBand(
  ctx: Ctx,
  measured: Measured & { ok: true },
  bands: BandDef[],
  direction: 'atLeast' | 'atMost',
): BandDef {
  for (const b of bands) {
    let edge: { value: string; unit: ValueUnit };
    if (b.param) {
      const p = ctx.params.get(b.param);
      if (!p) throw new Error(`Unknown parameter ${b.param} in ${ctx.table.id}`);
      edge = p;
    } else if (b.literal) edge = b.literal;
    else return b;
    const c = measured.compare(thresholdValue(edge.value, edge.unit));
    const onEdge = c === 0 && ctx.table.boundary === 'higher';
    if (direction === 'atLeast' ? c > 0 || onEdge : c < 0 || onEdge) return b;
  }
  return bands[bands.length - 1]!;
}

function bandRule(ctx: Ctx, b: BasisDef): string {
  if (b.rule) return renderText(b.rule, ctx.params);
  return b.bands
    .map(
      (band) =>
        `${band.letter}. ${renderText(band.text, ctx.params)} ${band.points}分${band.level === 'S' ? '（待确认）' : ''}`,
    )
    .join('；');
}

/** Measure one basis: its band and points, or why it cannot be decided. */
function runBasis(
  ctx: Ctx,
  b: BasisDef,
  max: number,
): { band: BandDef | null; points: number | null; figure: string | null; reason?: string; ratio?: Ratio } {
  if (!b.metric) {
    for (const band of b.bands) {
      if (!band.when) return { band, points: band.points, figure: null };
      const st = runCheck(ctx, band.when, [], []);
      if (st === 'met') return { band, points: band.points, figure: null };
      if (st === 'pending') return { band: null, points: null, figure: null };
    }
    const last = b.bands[b.bands.length - 1]!;
    return { band: last, points: last.points, figure: null };
  }
  const m = measure(ctx, b.metric);
  if (!m.ok) return { band: null, points: null, figure: m.figure, ...(m.reason ? { reason: m.reason } : {}) };
  if (b.pointsFromValue) {
    const v = m.value!;
    const points = Number(v.num / v.den);
    return { band: null, points: Math.min(points, max), figure: m.figure };
  }
  const band = pickBand(ctx, m, b.bands, b.direction);
  return { band, points: band.points, figure: m.figure, ...(m.ratio ? { ratio: m.ratio } : {}) };
}

function runIndicators(ctx: Ctx, reasons: string[]): void {
  for (const ind of ctx.table.indicators) {
    let best: { basis: BasisDef; band: BandDef | null; points: number; figure: string | null } | null = null;
    let pending = false;
    let reason: string | null = null;
    const parts: string[] = [];
    const measured: IndicatorOutcome['measured'] = [];
    const ratios: { key: string; ratio: Ratio }[] = [];
    for (const b of ind.bases) {
      const r = runBasis(ctx, b, ind.max);
      if (r.ratio) ratios.push({ key: b.key, ratio: r.ratio });
      measured.push({
        key: b.key,
        label: b.label,
        figure: r.figure,
        band: r.band?.letter ?? null,
        points: r.points,
      });
      if (r.points === null) {
        if (b.optional && r.reason) continue;
        pending = true;
        if (r.reason) {
          reasons.push(r.reason);
          reason ??= r.reason;
        }
        parts.push(`${b.label}：${r.reason ?? r.figure ?? '待确定'}`);
        continue;
      }
      parts.push(
        `${b.label}${r.figure ? ` ${r.figure}` : ''}，${r.band ? `属于 ${r.band.letter} 档（${r.band.text}），` : ''}${r.points} 分`,
      );
      if (!best || r.points > best.points)
        best = { basis: b, band: r.band, points: r.points, figure: r.figure };
    }
    // With several bases, one computable basis is enough only when it already reaches the maximum.
    const decided = best !== null && (!pending || best.points === ind.max);
    if (!decided && ind.pendingReason) {
      reasons.push(ind.pendingReason);
      reason ??= ind.pendingReason;
    }
    const ratioBasis = decided ? best!.basis.key : null;
    const withRatio = ratios.find((x) => x.key === ratioBasis) ?? ratios[0];
    const outcome: IndicatorOutcome = {
      inputs: inputsOf(ctx, ind.bases),
      ratio: withRatio && !(pending && !decided && reason) ? ratioViewOf(withRatio.ratio) : null,
      key: ind.key,
      name: ind.name,
      max: ind.max,
      clause: ind.clause,
      level: ind.level,
      basis: decided ? best!.basis.key : null,
      band: decided ? (best!.band?.letter ?? null) : null,
      points: decided ? best!.points : null,
      figure: decided ? best!.figure : null,
      explanation: `${ind.name}（${ind.clause}，满分 ${ind.max} 分）：${parts.join('；')}${
        decided ? (ind.bases.length > 1 ? `；取较高者得 ${best!.points} 分` : '') : '；数据不全，暂无法计分'
      }`,
      category: ind.category ?? null,
      bandText: decided ? (best!.band?.text ?? null) : null,
      measured,
      reason: decided ? null : reason,
      toBeConfirmed: ind.level === 'S' || (decided && best!.band?.level === 'S'),
    };
    ctx.indicators.set(ind.key, outcome);
  }
  const all = [...ctx.indicators.values()];
  const known = all.reduce((a, i) => a + (i.points ?? 0), 0);
  const unknownMax = all.reduce((a, i) => a + (i.points === null ? i.max : 0), 0);
  ctx.totalRange = { min: known, max: known + unknownMax };
  ctx.total = all.length > 0 && all.every((i) => i.points !== null) ? known : null;
}

function ratioViewOf(r: Ratio): { num: string; den: string; display: string } {
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
function inputsOf(ctx: Ctx, bases: BasisDef[]): { label: string; value: string }[] {
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

/** The thresholds as recorded with a result. */
export function thresholdsOf(params: Map<string, ParamDef & { corrected: boolean }>): ThresholdUsed[] {
  return [...params.values()].map((p) => ({
    key: p.key,
    label: p.label,
    unit: p.unit,
    value: p.value,
    display: displayThreshold(p.value, p.unit),
    clause: p.clause,
    level: p.level,
    corrected: p.corrected,
  }));
}

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
