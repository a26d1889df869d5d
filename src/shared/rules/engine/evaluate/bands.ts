import { type Ratio } from '../../../money';
import type { BandDef, BasisDef, IndicatorOutcome, ValueUnit } from '../types';
import { measure, type Ctx, type Measured } from './measure';
import { thresholdValue } from './fields';
import { runCheck } from './conditions';
import { inputsOf, ratioViewOf } from './explanation';

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

export function runIndicators(ctx: Ctx, reasons: string[]): void {
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
