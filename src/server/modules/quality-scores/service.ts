/**
 * 质量评价得分 as data (ADR 0012): one row per enterprise and year, entered by the province or a city or imported,
 * with its source. Setting a score writes an enterprise event (the enterprise's record) only when the score or the
 * source changed; an entry also writes its audit row (even when nothing changed), an import writes one audit row for
 * the whole file (exchange/quality-import.ts), each in the same transaction as the scores.
 * Jurisdiction: reading is for the departments only (the province every enterprise, a city or county its own);
 * entering is for the province (every enterprise) and a city (its own: an enterprise elsewhere, or an unknown credit
 * code, answers 404 NOT_FOUND, ADR 0004). Any other role is refused with a 403 (the routes' authorize() first, then
 * readScope/requireWriter here).
 */
import { and, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors';
import type { Actor } from '../../../shared/permissions';
import { can as canEnterprise, scope as enterprisePolicyScope } from '../../../shared/permissions/enterprise';
import { allows } from '../../../shared/permissions/policy';
import { normalizeUscc } from '../../../shared/rules/uscc';
import { QUALITY_SOURCE_TYPE_LABELS, type QualityScoreView } from '../../../shared/schemas/quality-api';
import type { DbOrTx, Tx } from '../../db/client';
import { enterpriseEvents, enterprises, qualityScores } from '../../db/schema';
import { enterpriseRegionScope } from '../../permissions/sql';
import { audit } from '../../plugins/audit';

type EnterpriseRow = typeof enterprises.$inferSelect;
type ScoreRow = typeof qualityScores.$inferSelect;

/** The enterprises the actor may read scores of ('quality.read'); an account without a region reads none (403). */
export function readScope(actor: Actor): SQL {
  if (enterprisePolicyScope(actor).kind === 'none') throw AppError.of('QUALITY_SCORES_GOV_ONLY');
  return enterpriseRegionScope(actor);
}

/** Whether the actor may enter or import a score for this enterprise ('quality.write'). */
export function mayWrite(actor: Actor, e: Pick<EnterpriseRow, 'id' | 'countyCode' | 'cityCode'>): boolean {
  return canEnterprise(actor, 'quality.write', {
    enterpriseId: e.id,
    countyCode: e.countyCode,
    cityCode: e.cityCode,
  });
}

export function requireWriter(actor: Actor): void {
  if (!allows(actor.role, 'quality.write')) throw AppError.of('QUALITY_SCORES_ENTRY_ONLY');
}

function view(s: ScoreRow, e: EnterpriseRow): QualityScoreView {
  const sourceType = s.sourceType === 'import' ? 'import' : 'entry';
  return {
    id: s.id,
    enterpriseId: e.id,
    enterpriseName: e.name,
    uscc: e.uscc,
    cityCode: e.cityCode,
    countyCode: e.countyCode,
    year: s.year,
    score: s.score,
    sourceType,
    sourceTypeLabel: QUALITY_SOURCE_TYPE_LABELS[sourceType],
    source: s.source,
    enteredByName: s.enteredByName,
    updatedAt: s.updatedAt.toISOString(),
  };
}

export async function findEnterpriseByUscc(db: DbOrTx, raw: string): Promise<EnterpriseRow | undefined> {
  const [e] = await db
    .select()
    .from(enterprises)
    .where(eq(enterprises.uscc, normalizeUscc(raw)));
  return e;
}

/** Numeric columns come back as "56.5" or "56.50" depending on the driver: compare as canonical strings. */
const canonical = (v: string) => {
  const [i, f = ''] = v.split('.');
  return `${i}.${(f + '00').slice(0, 2)}`;
};

/**
 * Sets the score of an enterprise and year inside the caller's transaction; writes the enterprise event when the
 * value or the source changed. Returns what happened.
 */
export async function setScoreTx(
  tx: Tx,
  actor: Actor,
  e: EnterpriseRow,
  v: { year: number; score: string; sourceType: 'entry' | 'import'; source: string },
  now: Date,
): Promise<{ outcome: 'created' | 'updated' | 'unchanged'; row: ScoreRow }> {
  const [before] = await tx
    .select()
    .from(qualityScores)
    .where(and(eq(qualityScores.enterpriseId, e.id), eq(qualityScores.year, v.year)))
    .for('update');
  if (before && canonical(before.score) === v.score && before.source === v.source) {
    return { outcome: 'unchanged', row: before };
  }
  const values = {
    score: v.score,
    sourceType: v.sourceType,
    source: v.source,
    enteredBy: actor.userId,
    enteredByName: actor.displayName,
    enteredRegion: actor.regionCode ?? '320000',
    updatedAt: now,
  };
  const [row] = before
    ? await tx.update(qualityScores).set(values).where(eq(qualityScores.id, before.id)).returning()
    : await tx
        .insert(qualityScores)
        .values({ enterpriseId: e.id, year: v.year, createdAt: now, ...values })
        .returning();
  const how = v.sourceType === 'import' ? '导入' : '录入';
  await tx.insert(enterpriseEvents).values({
    enterpriseId: e.id,
    at: now,
    event: 'quality_score_set',
    actorUserId: actor.userId,
    actorName: actor.displayName,
    reason: before
      ? `${how}${v.year}年度专精特新发展质量评价得分：${canonical(before.score)} 分改为 ${v.score} 分（来源：${v.source}）`
      : `${how}${v.year}年度专精特新发展质量评价得分 ${v.score} 分（来源：${v.source}）`,
    details: {
      year: v.year,
      before: before ? { score: canonical(before.score), source: before.source } : null,
      after: { score: v.score, source: v.source },
      sourceType: v.sourceType,
    },
  });
  return { outcome: before ? 'updated' : 'created', row: { ...row!, score: v.score } };
}

/** PUT /quality-scores: one entry, audited in the same transaction. */
export async function enterScore(
  db: DbOrTx,
  request: FastifyRequest,
  actor: Actor,
  body: { uscc: string; year: number; score: string; source: string },
  now: Date,
): Promise<QualityScoreView> {
  requireWriter(actor);
  const e = await findEnterpriseByUscc(db, body.uscc);
  if (!e || !mayWrite(actor, e)) throw AppError.of('QUALITY_SCORE_ENTERPRISE_NOT_FOUND');
  return db.transaction(async (tx) => {
    const r = await setScoreTx(tx, actor, e, { ...body, sourceType: 'entry' }, now);
    await audit(
      tx,
      request,
      {
        action: 'quality_score.enter',
        targetType: 'enterprise',
        targetId: e.id,
        details: { year: body.year, score: body.score, outcome: r.outcome },
      },
      now,
    );
    return view(r.row, e);
  });
}

export async function listScores(
  db: DbOrTx,
  actor: Actor,
  q: { year?: number | undefined; q?: string | undefined },
): Promise<QualityScoreView[]> {
  const where: SQL[] = [readScope(actor)];
  if (q.year) where.push(eq(qualityScores.year, q.year));
  const text = q.q?.trim();
  if (text && text.length >= 2) {
    const like = `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(enterprises.name, like), ilike(enterprises.uscc, like))!);
  }
  const rows = await db
    .select({ s: qualityScores, e: enterprises })
    .from(qualityScores)
    .innerJoin(enterprises, eq(enterprises.id, qualityScores.enterpriseId))
    .where(and(...where))
    .orderBy(desc(qualityScores.year), desc(qualityScores.updatedAt))
    .limit(500);
  return rows.map((r) => view(r.s, r.e));
}

/** The scores of one enterprise by year, newest first (the ladder's input). */
export async function scoresOf(
  db: DbOrTx,
  enterpriseId: string,
): Promise<{ year: number; score: string; source: string }[]> {
  const rows = await db
    .select()
    .from(qualityScores)
    .where(eq(qualityScores.enterpriseId, enterpriseId))
    .orderBy(desc(qualityScores.year));
  return rows.map((r) => ({ year: r.year, score: canonical(r.score), source: r.source }));
}
