/**
 * The 创新型中小企业 input of a filing, derived from its SUBMITTED snapshot by the same function the
 * self-assessment uses (`innovativeSmeInputOf` in src/shared/filing/assess.ts), so the two cannot drift apart.
 *
 * IP items carry display fields (index, name, number, category) that the engine ignores, and `excluded` (a
 * reviewer's correction): excluded items are removed before evaluating.
 */
import { innovativeSmeInputOf, type FilingContext } from '../../../shared/filing';
import type { InnovativeIpItem } from '../../../shared/filing/assess';
import { evaluateInnovativeSme, type InnovativeSmeResult } from '../../../shared/rules';
import { STANDARDS } from '../../../shared/rules/standards';
import { evaluateInnovativeVersioned } from '../../../shared/rules/innovative-sme-2022';
import type { ParamVersion } from '../../../shared/rules/versioned';
import type { SectionKey } from '../../../shared/schemas/filing-api';

export type EvalInput = Record<string, unknown>;

export type DisplayIpItem = Pick<
  InnovativeIpItem,
  'class' | 'selfDeveloped' | 'highValue' | 'relatedToMainProduct'
> &
  Partial<Pick<InnovativeIpItem, 'index' | 'name' | 'number' | 'category'>> & { excluded?: boolean };

export function innovativeInputOf(
  sections: Partial<Record<SectionKey, unknown>>,
  context: FilingContext,
): EvalInput {
  return innovativeSmeInputOf(sections, { ...context, asOf: context.asOf.slice(0, 10) });
}

/** The input the engine sees: IP items a reviewer excluded are left out; display fields are harmless. */
export function engineInput(input: EvalInput): EvalInput {
  const items = Array.isArray(input['intellectualProperty'])
    ? (input['intellectualProperty'] as DisplayIpItem[])
    : [];
  return { ...input, intellectualProperty: items.filter((i) => i && i.excluded !== true) };
}

/**
 * Evaluates by the standard id recorded on the filing (innovative-sme kinds only), with the thresholds of
 * `params` (the version in force when the evaluation was first made; absent = built-in). The result records the
 * version and the thresholds it used.
 */
export function evaluateByStandard(
  standardId: string,
  input: EvalInput,
  params?: ParamVersion,
): InnovativeSmeResult & { version: number } {
  const def = STANDARDS.byId(standardId);
  if (!def || def.kind !== 'innovative-sme') {
    // A filing always records an innovative-sme standard; anything else is a data error worth failing loudly on.
    throw new Error(`Standard ${standardId} is not an innovative-SME standard`);
  }
  if (standardId === 'innovative-sme-2022') return evaluateInnovativeVersioned(engineInput(input), params);
  return { ...(def.evaluate(engineInput(input)) as InnovativeSmeResult), version: 1 };
}

export { evaluateInnovativeSme };
