/**
 * 我的梯度: the enterprise's three tiers from its titles, its filings and its 质量评价得分, judged by the standards the
 * rules engine selects for today's date (first application, or 复核 when the tier's title is held). No evaluation of
 * our own: 科技型 and the 2026 专精特新/小巨人 are the engine's tables; 创新型 is the filing's frozen 2022 result. Pure.
 */
import type { FilingAssessment } from '../filing/assess';
import { assessTechSmeFiling, standardTitleOf, TECH_SME_STANDARD_ID } from '../filing/tech-sme-assess';
import {
  evaluateStandard,
  selectStandard,
  tableById,
  type ConditionOutcome,
  type EngineResult,
  type Tier,
} from '../rules/engine';
import type { SectionKey } from '../schemas/filing-api';
import type {
  ConditionView,
  LadderView,
  MissingItem,
  StandardAssessment,
  TierStatus,
  TierView,
} from '../schemas/ladder-api';
import { littleGiantInput, specializedInput, type QualityPair } from './inputs';

export interface HeldTitle {
  kind: string;
  title: string;
  validFrom: string;
  validTo: string;
  registrationNo: string | null;
  documentNo: string | null;
}

export interface FilingFacts {
  campaignYear: number;
  kindLabel: string;
  statusLabel: string;
  /** Submitted (the snapshot's sections and frozen assessment) rather than a draft. */
  submitted: boolean;
  sections: Partial<Record<SectionKey, unknown>>;
  /** The frozen assessment of a submitted 入库 filing (创新型, 2022). */
  assessment: Record<string, unknown> | null;
}

export interface LadderFacts {
  /** 'YYYY-MM-DD' (Asia/Shanghai). */
  asOf: string;
  /** Titles valid on asOf. */
  titles: HeldTitle[];
  /** The latest 入库培育 filing (新增入库 / 数据更新 / 复核申请), submitted preferred. */
  ladderFiling: FilingFacts | null;
  /** The latest 科技型中小企业评价. */
  techSmeFiling: FilingFacts | null;
  qualityScores: { year: number; score: string; source: string }[];
  /**
   * The thresholds in force per standard id (the version the province last corrected, ADR 0015); a standard
   * without an entry is judged by its built-in thresholds.
   */
  params?: Record<string, { version: number; values: Record<string, string> }>;
}

const STATUS_ZH: Record<string, string> = {
  met: '达到',
  unmet: '未达到',
  pending: '暂无法判断',
  notAssessed: '不适用',
};

function conditionView(c: ConditionOutcome): ConditionView {
  return {
    key: c.key,
    title: c.title,
    clause: c.clause,
    status: c.status,
    statusLabel: STATUS_ZH[c.status] ?? c.status,
    explanation: c.explanation,
    toBeConfirmed: c.toBeConfirmed,
    leaves: c.leaves.map((l) => ({
      label: l.label,
      figure: l.figure,
      requirement: l.requirement,
      status: l.status,
    })),
  };
}

function fromEngine(r: EngineResult, reason: string, basis: string): StandardAssessment {
  return {
    standardId: r.standardId,
    standardTitle: standardTitleOf(r.standardId),
    reason,
    basis,
    qualified: r.qualified,
    total: r.total,
    conditions: r.conditions.map(conditionView),
    summary: r.summary,
  };
}

const basisOf = (f: FilingFacts) => `${f.campaignYear} 年度${f.kindLabel}（${f.statusLabel}）`;

function statusOf(held: boolean, assessments: StandardAssessment[]): TierStatus {
  if (held) return 'met';
  if (assessments.some((a) => a.qualified === true)) return 'met';
  if (assessments.length > 0 && assessments.every((a) => a.qualified === false)) return 'unmet';
  return 'pending';
}

function labelOf(status: TierStatus, held: boolean): string {
  if (held) return '已取得称号';
  if (status === 'met') return '符合条件（尚未取得称号）';
  return status === 'unmet' ? '未达到' : '暂无法判断';
}

function tier(
  key: TierView['key'],
  name: string,
  titles: HeldTitle[],
  assessments: StandardAssessment[],
  note: string | null,
): TierView {
  const held = titles.length > 0;
  const status = statusOf(held, assessments);
  return { key, name, status, statusLabel: labelOf(status, held), held, titles, assessments, note };
}

/** A 2026 table standard judged on the 入库 filing, or a note when the selection is a 2022 standard. */
function tableAssessment(
  t: Tier,
  review: boolean,
  facts: LadderFacts,
  input: (f: FilingFacts) => Record<string, unknown>,
): { assessment: StandardAssessment | null; note: string | null } {
  const sel = selectStandard({ tier: t, track: review ? 'review' : 'first', applicationDate: facts.asOf });
  if (!tableById(sel.standardId)) {
    return { assessment: null, note: `${sel.reason}；请以申报时的自评结果为准。` };
  }
  const f = facts.ladderFiling;
  if (!f) {
    return {
      assessment: null,
      note: '尚无入库培育填报数据（经营情况、知识产权等），暂无法判断。请先完成“新增入库”或“数据更新”。',
    };
  }
  const params = facts.params?.[sel.standardId];
  const r = evaluateStandard(sel.standardId, input(f), { review, ...(params ? { params } : {}) });
  return { assessment: fromEngine(r, sel.reason, basisOf(f)), note: null };
}

export function buildLadder(facts: LadderFacts): LadderView {
  const held = (...kinds: string[]) => facts.titles.filter((t) => kinds.includes(t.kind));
  const techTitles = held('tech_sme', 'innovative');
  const specTitles = held('provincial_specialized');
  const giantTitles = held('little_giant');
  const year = Number(facts.asOf.slice(0, 4));
  const score = (y: number) => facts.qualityScores.find((s) => s.year === y)?.score ?? null;
  const scores: QualityPair = [score(year), score(year - 1)];
  const titlesHeld = { techOrInnovative: techTitles.length > 0, specialized: specTitles.length > 0 };

  // Tier 1: 科技型 (115号, engine) or 创新型 (63号 附件1, the filing's frozen result).
  const t1: StandardAssessment[] = [];
  if (facts.techSmeFiling) {
    const f = facts.techSmeFiling;
    const params = facts.params?.[TECH_SME_STANDARD_ID];
    const a = assessTechSmeFiling(
      f.sections,
      { campaignYear: f.campaignYear, asOf: facts.asOf, kind: 'tech_sme' },
      params ? { params } : {},
    );
    const sel = selectStandard({ tier: 'tech-sme', track: 'first', applicationDate: facts.asOf });
    t1.push(fromEngine(a.result, sel.reason, basisOf(f)));
  }
  const frozen = facts.ladderFiling?.assessment as FilingAssessment | null | undefined;
  if (facts.ladderFiling && frozen?.innovative) {
    const sel = selectStandard({ tier: 'innovative-sme', track: 'first', applicationDate: facts.asOf });
    t1.push({
      standardId: 'innovative-sme-2022',
      standardTitle: standardTitleOf('innovative-sme-2022'),
      reason: sel.reason,
      basis: basisOf(facts.ladderFiling),
      qualified: frozen.innovative.qualified,
      total: frozen.innovative.total,
      conditions: [],
      summary: frozen.innovative.explanation?.summary ?? '',
    });
  }
  const tiers: TierView[] = [
    tier(
      'tech-innovative',
      '科技和创新型中小企业（科技型或创新型）',
      techTitles,
      t1,
      t1.length === 0 ? '尚未提交科技型中小企业评价或入库培育填报，暂无法判断。' : null,
    ),
  ];

  const opts = (review: boolean) => ({
    asOf: facts.asOf,
    submitted: facts.ladderFiling?.submitted ?? false,
    titles: titlesHeld,
    scores,
    review,
  });
  const spec = tableAssessment('specialized-sme', specTitles.length > 0, facts, (f) =>
    specializedInput(f, opts(specTitles.length > 0)),
  );
  tiers.push(
    tier('specialized', '专精特新中小企业', specTitles, spec.assessment ? [spec.assessment] : [], spec.note),
  );
  const giant = tableAssessment('little-giant', giantTitles.length > 0, facts, (f) =>
    littleGiantInput(f, opts(giantTitles.length > 0)),
  );
  tiers.push(
    tier(
      'little-giant',
      '专精特新“小巨人”企业',
      giantTitles,
      giant.assessment ? [giant.assessment] : [],
      giant.note,
    ),
  );

  return { asOf: facts.asOf, tiers, next: nextOf(tiers), qualityScores: facts.qualityScores };
}

function nextOf(tiers: TierView[]): LadderView['next'] {
  const t = tiers.find((x) => !x.held);
  if (!t) return null;
  const missing: MissingItem[] = [];
  for (const a of t.assessments) {
    if (a.conditions.length === 0 && a.qualified !== true) {
      // 创新型 (2022): a score standard, judged as a whole.
      missing.push({
        standardTitle: a.standardTitle,
        title: '评价得分达到 60 分以上（创新能力 ≥ 20 分，成长性、专业化各 ≥ 15 分），或满足任一直通条件',
        clause: '工信部企业〔2022〕63号 附件1',
        status: a.qualified === false ? 'unmet' : 'pending',
        detail: a.summary || '尚无评价结果',
        toBeConfirmed: false,
      });
    }
    for (const c of a.conditions) {
      if (c.status !== 'unmet' && c.status !== 'pending') continue;
      const leaves = c.leaves.filter((l) => l.status === c.status);
      const detail =
        leaves.length > 0
          ? leaves.map((l) => `${l.label}：${l.figure}，要求 ${l.requirement}`).join('；')
          : c.status === 'pending'
            ? '尚无数据或须审核部门认定'
            : c.explanation;
      missing.push({
        standardTitle: a.standardTitle,
        title: c.title,
        clause: c.clause,
        status: c.status,
        detail,
        toBeConfirmed: c.toBeConfirmed,
      });
    }
  }
  const unmet = missing.filter((m) => m.status === 'unmet').length;
  const pending = missing.length - unmet;
  let summary: string;
  if (t.status === 'met') summary = `已符合${t.name}的条件，可在申报期内申请认定。`;
  else if (t.assessments.length === 0) summary = t.note ?? `尚无可用于判断${t.name}的数据。`;
  else {
    summary = `距${t.name}还有 ${unmet} 项条件未达到${pending > 0 ? `，${pending} 项暂无法判断（缺少数据或须审核认定）` : ''}。`;
  }
  return { key: t.key, name: t.name, summary, missing };
}
