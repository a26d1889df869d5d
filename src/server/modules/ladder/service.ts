/**
 * 我的梯度: gathers what the ladder is judged on — the titles valid today, the latest 入库培育 filing and the latest
 * 科技型 self-evaluation (approved first, then the latest submitted, then a draft), the 质量评价得分 — and hands them
 * to the shared builder (src/shared/ladder). Read-only.
 */
import { and, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import { buildLadder, type FilingFacts } from '../../../shared/ladder/build';
import {
  FILING_KIND_LABELS,
  FILING_STATUS_LABELS,
  type FilingKind,
  type FilingStatus,
  type SectionKey,
} from '../../../shared/schemas/filing-api';
import type { LadderView } from '../../../shared/schemas/ladder-api';
import { shanghaiDay } from '../../../shared/recognition';
import type { DbOrTx } from '../../db/client';
import { campaigns, filings, filingSections, recognitions } from '../../db/schema';
import { scoresOf } from '../quality-scores/service';
import { currentParams } from '../standards/service';
import { STANDARD_TABLES } from '../../../shared/rules/tables';
import type { ParamVersion } from '../../../shared/rules/versioned';

const LADDER_KINDS = ['entry', 'update', 'rereview'];
const SUBMITTED = new Set(['county_review', 'city_review', 'approved', 'returned', 'refused']);

/** The filing the ladder uses among `kinds`: the latest approved, else the latest submitted, else the latest draft. */
async function latestFiling(db: DbOrTx, enterpriseId: string, kinds: string[]): Promise<FilingFacts | null> {
  const rows = await db
    .select({ f: filings, year: campaigns.year })
    .from(filings)
    .innerJoin(campaigns, eq(campaigns.id, filings.campaignId))
    .where(and(eq(filings.enterpriseId, enterpriseId), inArray(filings.kind, kinds)))
    .orderBy(desc(campaigns.year), desc(filings.lastActionAt));
  const pick =
    rows.find((r) => r.f.status === 'approved') ??
    rows.find((r) => SUBMITTED.has(r.f.status) && r.f.snapshot) ??
    rows[0] ??
    null;
  if (!pick) return null;
  const snapshot = pick.f.snapshot as {
    sections?: Record<string, unknown>;
    assessment?: Record<string, unknown>;
  } | null;
  const base = {
    campaignYear: pick.year,
    kindLabel: FILING_KIND_LABELS[pick.f.kind as FilingKind] ?? pick.f.kind,
    statusLabel: FILING_STATUS_LABELS[pick.f.status as FilingStatus] ?? pick.f.status,
  };
  if (snapshot?.sections && SUBMITTED.has(pick.f.status)) {
    return {
      ...base,
      submitted: true,
      sections: snapshot.sections as Partial<Record<SectionKey, unknown>>,
      assessment: snapshot.assessment ?? null,
    };
  }
  const sectionRows = await db.select().from(filingSections).where(eq(filingSections.filingId, pick.f.id));
  const sections: Partial<Record<SectionKey, unknown>> = {};
  for (const r of sectionRows) sections[r.section as SectionKey] = r.data;
  return { ...base, submitted: false, sections, assessment: null };
}

/** The thresholds in force of every table standard the ladder may judge by (sequential: one connection). */
async function paramsInForce(db: DbOrTx): Promise<Record<string, ParamVersion>> {
  const out: Record<string, ParamVersion> = {};
  for (const t of STANDARD_TABLES) out[t.id] = await currentParams(db, t.id);
  return out;
}

export async function ladderOf(db: DbOrTx, enterpriseId: string, now: Date): Promise<LadderView> {
  const titles = await db
    .select()
    .from(recognitions)
    .where(
      and(
        eq(recognitions.enterpriseId, enterpriseId),
        eq(recognitions.status, 'valid'),
        lte(recognitions.validFrom, now),
        gte(recognitions.validTo, now),
      ),
    )
    .orderBy(desc(recognitions.validTo));
  return buildLadder({
    asOf: shanghaiDay(now),
    titles: titles.map((r) => ({
      kind: r.kind,
      title: r.title,
      validFrom: shanghaiDay(r.validFrom),
      validTo: shanghaiDay(r.validTo),
      registrationNo: r.registrationNo,
      documentNo: r.documentNo,
    })),
    ladderFiling: await latestFiling(db, enterpriseId, LADDER_KINDS),
    techSmeFiling: await latestFiling(db, enterpriseId, ['tech_sme']),
    qualityScores: await scoresOf(db, enterpriseId),
    // The thresholds in force of every table standard the ladder may judge by (ADR 0015).
    params: await paramsInForce(db),
  });
}
