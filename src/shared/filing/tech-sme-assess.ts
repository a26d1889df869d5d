/**
 * The self-assessment of a 科技型中小企业 filing: the 科技型评价指标 section mapped onto the input of the rules
 * engine's 国科发政〔2017〕115号 table and evaluated there (no evaluation of our own). Live in the browser, frozen by
 * the server at submission. Never throws on bad input (the engine reports what is missing). Pure: no I/O.
 */
import { evaluateStandard, tableById, type EngineResult, type EvaluateOptions } from '../rules/engine';
import { standardById } from '../rules/standards';
import type { SectionKey } from '../schemas/filing-api';
import { readTechSme, type TechSmeParsed } from './tech-sme';
import { normalizeContext, type FilingContext } from './types';

export const TECH_SME_STANDARD_ID = 'tech-sme-2017';

export interface TechSmeAssessment {
  kind: 'tech_sme';
  standardId: string;
  /** Chinese name of the standard with its document number, e.g. 科技型中小企业评价标准（国科发政〔2017〕115号）. */
  standardTitle: string;
  /** The accounting year of the figures. */
  fiscalYear: number;
  result: EngineResult;
}

/** The engine's input (cases/README.md `tech-sme-2017`) from the section's parsed values. */
export function techSmeInputOf(p: TechSmeParsed): Record<string, unknown> {
  const declared = [p.residentEnterprise, p.notProhibited, p.noMajorIncident];
  const basicConditionsMet = declared.some((v) => v === false)
    ? false
    : declared.every((v) => v === true)
      ? true
      : null;
  return {
    employees: p.employees,
    techStaff: p.techStaff,
    salesRevenue: p.salesRevenue,
    totalAssets: p.totalAssets,
    rdExpense: p.rdExpense,
    totalCost: p.totalCost,
    ip: { classOne: p.ipClassI, classTwo: p.ipClassII },
    basicConditionsMet,
    direct: {
      highTech: p.highTechValid,
      nationalAwardTop3: p.nationalAwardTop3,
      provincialRdInstitution: p.provincialRdInstitution,
      ledStandard: p.ledStandard,
    },
  };
}

/**
 * The Chinese name of a standard with its document number, e.g. 科技型中小企业评价标准（国科发政〔2017〕115号）: what
 * people read instead of the internal id (a table of the rules engine, or a 2022 standard of the registry).
 */
export function standardTitleOf(id: string): string {
  const t = tableById(id) ?? standardById(id);
  return t ? `${t.title}（${t.documentNumber}）` : '适用标准待确定';
}

/**
 * The evaluation options of the live self-assessment: the thresholds in force the server sent with the filing
 * (`FilingDetail.ruleParams`), when they are those of the 科技型 table; else the built-in ones.
 */
export function techSmeOptionsOf(
  ruleParams: { standardId: string; version: number; values: Record<string, string> } | null | undefined,
): EvaluateOptions {
  return ruleParams && ruleParams.standardId === TECH_SME_STANDARD_ID
    ? { params: { version: ruleParams.version, values: ruleParams.values } }
    : {};
}

export function assessTechSmeFiling(
  sections: Partial<Record<SectionKey, unknown>>,
  context: FilingContext,
  options: EvaluateOptions = {},
): TechSmeAssessment {
  const ctx = normalizeContext(context);
  const parsed = readTechSme(sections?.techSme, ctx).parsed;
  return {
    kind: 'tech_sme',
    standardId: TECH_SME_STANDARD_ID,
    standardTitle: standardTitleOf(TECH_SME_STANDARD_ID),
    fiscalYear: ctx.campaignYear - 1,
    result: evaluateStandard(TECH_SME_STANDARD_ID, techSmeInputOf(parsed), options),
  };
}
