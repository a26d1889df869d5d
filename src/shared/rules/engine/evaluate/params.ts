import type { ParamDef, StandardTable, ThresholdUsed } from '../types';
import { displayThreshold, validThreshold } from './fields';

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
