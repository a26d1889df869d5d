import { compareRatios } from '../../../money';
import type { Check, ConditionStatus, LeafOutcome, Op, ValueUnit } from '../types';
import { fieldLabel, measure, metricLabel, type Ctx } from './measure';
import { renderText } from './params';
import { OP_TEXT, TO_BE_CONFIRMED_ZH, displayThreshold, thresholdValue } from './fields';

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

export function statusWord(s: ConditionStatus): string {
  return s === 'met' ? '满足' : s === 'unmet' ? '不满足' : s === 'pending' ? '待确定' : '不评价';
}

/** Evaluate a check; leaves are appended to `leaves` in order; a named node is also reported as an item. */
export function runCheck(ctx: Ctx, check: Check, leaves: LeafOutcome[], reasons: string[]): ConditionStatus {
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

export function leafText(l: LeafOutcome): string {
  return `${l.label} ${l.figure}，要求 ${l.requirement}${l.toBeConfirmed ? `（${TO_BE_CONFIRMED_ZH}）` : ''}`;
}
