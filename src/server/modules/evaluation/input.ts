/**
 * The 创新型中小企业 input of a filing, derived from its SUBMITTED snapshot exactly as the self-assessment derives
 * it (src/shared/filing/assess.ts builds the same object inside assessFiling and does not export it). The 直通条件
 * flags, the 近三年股权融资 sum and the excluded IP items come from assessFiling itself; the IP items and the
 * figures are read with the same section readers. A test asserts that the engine gives the same result on this
 * input as the snapshot's assessment, so the two cannot drift apart unnoticed.
 *
 * IP items carry display fields (name, number, category) that the engine ignores, and `excluded` (a reviewer's
 * correction): excluded items are removed before evaluating.
 */
import { assessFiling, type FilingContext } from '../../../shared/filing';
import { fiscalYears, readInnovation, readOperations, readProducts } from '../../../shared/filing/sections';
import { ipExclusion } from '../../../shared/filing/assess';
import { evaluateInnovativeSme, type InnovativeSmeResult } from '../../../shared/rules';
import { STANDARDS } from '../../../shared/rules/standards';
import type { SectionKey } from '../../../shared/schemas/filing-api';

export type EvalInput = Record<string, unknown>;

export interface DisplayIpItem {
  class: 'I' | 'II';
  selfDeveloped: boolean;
  highValue: boolean;
  relatedToMainProduct: boolean;
  excluded?: boolean;
  name?: string;
  number?: string;
  category?: string;
}

export function innovativeInputOf(
  sections: Partial<Record<SectionKey, unknown>>,
  context: FilingContext,
): EvalInput {
  const ctx = { ...context, asOf: context.asOf.slice(0, 10) };
  const rctx = { campaignYear: ctx.campaignYear, asOf: ctx.asOf };
  const assessment = assessFiling(sections, ctx);
  const products = readProducts(sections.products, rctx);
  const ops = readOperations(sections.operations, rctx);
  const innovation = readInnovation(sections.innovation, rctx);
  const [, y2, y1] = fiscalYears(ctx.campaignYear);
  const last = ops.parsed.years[String(y1)] ?? { employees: null, rdStaff: null };
  const before = ops.parsed.years[String(y2)] ?? { employees: null, rdStaff: null };

  const rawItems =
    (sections.innovation && typeof sections.innovation === 'object'
      ? ((sections.innovation as Record<string, unknown>)['ipItems'] as unknown[] | undefined)
      : undefined) ?? [];
  const ip: DisplayIpItem[] = [];
  for (const item of innovation.parsed.ipItems) {
    if (ipExclusion(item, ctx.asOf)) continue;
    const raw = (rawItems[item.index] ?? {}) as Record<string, unknown>;
    const str = (k: string) => (typeof raw[k] === 'string' && raw[k] !== '' ? (raw[k] as string) : undefined);
    const display: DisplayIpItem = {
      class: item.ipClass!,
      selfDeveloped: item.acquisition === '自主研发',
      highValue: item.ipClass === 'I' && item.highValueBasis.length > 0,
      relatedToMainProduct: item.relatedToMainProduct === true,
    };
    const name = str('name');
    const number = str('number') ?? item.number ?? undefined;
    const category = str('category');
    if (name) display.name = name;
    if (number) display.number = number;
    if (category) display.category = category;
    ip.push(display);
  }
  const field = products.parsed.mainProducts[0]?.strategicEmergingField ?? null;
  const lastYear: Record<string, string> = {};
  for (const k of [
    'operatingRevenue',
    'rdExpense',
    'mainBusinessRevenue',
    'totalAssets',
    'totalLiabilities',
  ] as const) {
    const v = last[k];
    if (v) lastYear[k] = v;
  }
  const direct = Object.fromEntries(assessment.directConditions.map((d) => [d.key, d.met]));
  const input: EvalInput = {
    intellectualProperty: ip,
    lastYear,
    yearBefore: before.mainBusinessRevenue ? { mainBusinessRevenue: before.mainBusinessRevenue } : {},
    direct: {
      sciTechAwardWithin3Years: direct['sciTechAward'] === true,
      validHonor: direct['validHonor'] === true,
      provincialRdInstitution: direct['rdInstitution'] === true,
      equityFinancing3Years: assessment.equityFinancing3Years,
    },
  };
  if (field !== null) input['mainProductStrategicEmerging'] = field !== 'other';
  return input;
}

/** The input the engine sees: IP items a reviewer excluded are left out; display fields are harmless. */
export function engineInput(input: EvalInput): EvalInput {
  const items = Array.isArray(input['intellectualProperty'])
    ? (input['intellectualProperty'] as DisplayIpItem[])
    : [];
  return { ...input, intellectualProperty: items.filter((i) => i && i.excluded !== true) };
}

/** Evaluates by the standard id recorded on the filing (innovative-sme kinds only). */
export function evaluateByStandard(standardId: string, input: EvalInput): InnovativeSmeResult {
  const def = STANDARDS.byId(standardId);
  if (!def || def.kind !== 'innovative-sme') {
    // A filing always records an innovative-sme standard; anything else is a data error worth failing loudly on.
    throw new Error(`Standard ${standardId} is not an innovative-SME standard`);
  }
  return def.evaluate(engineInput(input)) as InnovativeSmeResult;
}

export { evaluateInnovativeSme };
