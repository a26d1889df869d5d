/**
 * Registry of versioned standards (rules.md preamble: "Keep rule sets versioned by year"). A filing records the id of
 * the standard that scored it; scoring by id never changes when a later standard is registered, and
 * `standardFor(kind, date)` picks the standard in force on a date. Pure: no I/O.
 */
import { classifySmeSize, type SmeSizeInput } from './sme-size-2011';
import { evaluateInnovativeSme } from './innovative-sme-2022';
import { evaluateSpecializedSme } from './specialized-sme-2022';
import { evaluateLittleGiant } from './little-giant-2022';
import { evaluateStandard, techSmeCaseView } from './tables';

export type StandardKind = 'tech-sme' | 'innovative-sme' | 'specialized-sme' | 'little-giant' | 'sme-size';

export interface StandardDef {
  /** Stable id stored with every filing, e.g. 'innovative-sme-2022'. Never reused. */
  id: string;
  kind: StandardKind;
  /** Chinese title. */
  title: string;
  /** Document number, e.g. 工信部企业〔2022〕63号. */
  documentNumber: string;
  /** First day in force, ISO date (inclusive). */
  effectiveFrom: string;
  /** Last day in force, ISO date (inclusive); null = open-ended. */
  effectiveTo: string | null;
  /** Notes on dates or content still to be confirmed. */
  toBeConfirmed?: string;
  evaluate: (input: unknown) => unknown;
}

export interface StandardRegistry {
  list(): readonly StandardDef[];
  /** The standard with this id, or undefined. */
  byId(id: string): StandardDef | undefined;
  /** The standard of `kind` in force on `date` (ISO 'YYYY-MM-DD' or a full ISO timestamp), or undefined. */
  standardFor(kind: StandardKind, date: string): StandardDef | undefined;
  /**
   * A NEW registry with `def` added. An open-ended earlier standard of the same kind is closed the day before `def`
   * starts. Throws on a duplicate id or any other overlap of periods of the same kind.
   */
  register(def: StandardDef): StandardRegistry;
  /** Evaluate with the standard of this id; throws for an unknown id. */
  evaluate(id: string, input: unknown): unknown;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function dayOf(date: string): string {
  const d = String(date).slice(0, 10);
  if (!ISO_DATE.test(d)) throw new Error(`Invalid ISO date: ${date}`);
  return d;
}

/** The ISO date before `day` (calendar arithmetic in UTC, independent of the local time zone). */
function dayBefore(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - 86_400_000).toISOString().slice(0, 10);
}

function overlaps(a: StandardDef, b: StandardDef): boolean {
  const aTo = a.effectiveTo ?? '9999-12-31';
  const bTo = b.effectiveTo ?? '9999-12-31';
  return a.effectiveFrom <= bTo && b.effectiveFrom <= aTo;
}

/** Build an immutable registry from standard definitions (validated: unique ids, no overlapping periods per kind). */
export function createStandardRegistry(defs: readonly StandardDef[]): StandardRegistry {
  const list: StandardDef[] = [];
  for (const def of defs) {
    dayOf(def.effectiveFrom);
    if (def.effectiveTo !== null) dayOf(def.effectiveTo);
    if (list.some((d) => d.id === def.id)) throw new Error(`Duplicate standard id ${def.id}`);
    // A later standard supersedes an open-ended earlier one of the same kind from its own first day: the earlier
    // one is closed the day before (its id and its evaluation stay unchanged).
    const openIdx = list.findIndex(
      (d) => d.kind === def.kind && d.effectiveTo === null && d.effectiveFrom < def.effectiveFrom,
    );
    if (openIdx >= 0)
      list[openIdx] = Object.freeze({ ...list[openIdx]!, effectiveTo: dayBefore(def.effectiveFrom) });
    const clash = list.find((d) => d.kind === def.kind && overlaps(d, def));
    if (clash) throw new Error(`Standard ${def.id} overlaps ${clash.id} for kind ${def.kind}`);
    list.push(Object.freeze({ ...def }));
  }
  const frozen = Object.freeze(list);
  const registry: StandardRegistry = {
    list: () => frozen,
    byId: (id) => frozen.find((d) => d.id === id),
    standardFor: (kind, date) => {
      const day = dayOf(date);
      return frozen.find(
        (d) => d.kind === kind && d.effectiveFrom <= day && (d.effectiveTo === null || day <= d.effectiveTo),
      );
    },
    register: (def) => createStandardRegistry([...frozen, def]),
    evaluate: (id, input) => {
      const def = registry.byId(id);
      if (!def) throw new Error(`Unknown standard id ${id}`);
      return def.evaluate(input);
    },
  };
  return registry;
}

/** The standards this platform knows (the 2022 standards, 科技型 2017 and the 2026 standards). */
export const STANDARD_DEFS: readonly StandardDef[] = [
  {
    id: 'sme-size-2011',
    kind: 'sme-size',
    title: '中小企业划型标准规定',
    documentNumber: '工信部联企业〔2011〕300号',
    effectiveFrom: '2011-06-18',
    effectiveTo: null,
    toBeConfirmed: '未见2024/2025年修订（rules.md §4）；如有新标准，登记新版本并设定本版本截止日期',
    evaluate: (input) => classifySmeSize(input as SmeSizeInput),
  },
  {
    id: 'innovative-sme-2022',
    kind: 'innovative-sme',
    title: '创新型中小企业评价标准（《优质中小企业梯度培育管理暂行办法》附件1）',
    documentNumber: '工信部企业〔2022〕63号',
    effectiveFrom: '2022-06-01',
    effectiveTo: null,
    toBeConfirmed:
      '生效日期按63号文落款日期记录（待核对）；2026年新办法据称在合并标准出台前继续沿用本标准（rules.md 引言，[S/UNVERIFIED]）',
    evaluate: (input) => evaluateInnovativeSme(input),
  },
  {
    id: 'specialized-sme-2022',
    kind: 'specialized-sme',
    title: '专精特新中小企业认定标准（《优质中小企业梯度培育管理暂行办法》附件2）',
    documentNumber: '工信部企业〔2022〕63号',
    effectiveFrom: '2022-06-01',
    effectiveTo: '2026-03-31',
    toBeConfirmed: '截止日期依据2026年新办法（工信部企业〔2026〕2号，2026-04-01施行）[S/UNVERIFIED]',
    evaluate: (input) => evaluateSpecializedSme(input),
  },
  {
    id: 'little-giant-2022',
    kind: 'little-giant',
    title: '专精特新“小巨人”企业认定标准（《优质中小企业梯度培育管理暂行办法》附件3）',
    documentNumber: '工信部企业〔2022〕63号',
    effectiveFrom: '2022-06-01',
    effectiveTo: '2026-03-31',
    toBeConfirmed: '截止日期依据2026年新办法（工信部企业〔2026〕2号，2026-04-01施行）[S/UNVERIFIED]',
    evaluate: (input) => evaluateLittleGiant(input),
  },
  {
    id: 'tech-sme-2017',
    kind: 'tech-sme',
    title: '科技型中小企业评价标准（《科技型中小企业评价办法》）',
    documentNumber: '国科发政〔2017〕115号',
    effectiveFrom: '2017-05-03',
    effectiveTo: null,
    toBeConfirmed: '生效日期按115号文印发日期记录（待核对）；2026年纳入梯度培育（工信部企业〔2026〕2号）',
    evaluate: (input) => techSmeCaseView(evaluateStandard('tech-sme-2017', input)),
  },
  {
    id: 'specialized-sme-2026',
    kind: 'specialized-sme',
    title: '专精特新中小企业认定标准（《优质中小企业梯度培育管理办法》附件1）',
    documentNumber: '工信部企业〔2026〕2号',
    effectiveFrom: '2026-04-01',
    effectiveTo: null,
    toBeConfirmed: '官方PDF原文未读到，门槛依据多个来源一致（rules-2026.md §3、§9）；复核规则 [S] 待核实',
    evaluate: (input) => evaluateStandard('specialized-sme-2026', input),
  },
  {
    id: 'little-giant-2026',
    kind: 'little-giant',
    title: '专精特新“小巨人”企业认定标准（《优质中小企业梯度培育管理办法》附件2）',
    documentNumber: '工信部企业〔2026〕2号',
    effectiveFrom: '2026-04-01',
    effectiveTo: null,
    toBeConfirmed:
      '官方PDF原文未读到，门槛依据多个来源一致（rules-2026.md §4）；复核规则与复合增长率公式 [S] 待核实',
    evaluate: (input) => evaluateStandard('little-giant-2026', input),
  },
];

/** The default registry. */
export const STANDARDS: StandardRegistry = createStandardRegistry(STANDARD_DEFS);

/** The standard of `kind` in force on `date` in the default registry. */
export function standardFor(kind: StandardKind, date: string): StandardDef | undefined {
  return STANDARDS.standardFor(kind, date);
}

/** The standard with this id in the default registry. */
export function standardById(id: string): StandardDef | undefined {
  return STANDARDS.byId(id);
}

/** The standard's name for people (never its internal id): its title and document number. */
export function standardLabel(id: string | null | undefined): string {
  const def = id ? standardById(id) : undefined;
  if (!def) return id ? '其他评价标准' : '—';
  return def.documentNumber ? `${def.title}（${def.documentNumber}）` : def.title;
}
