/**
 * Review-suite fixtures: the filings flow's setup plus the extra reviewers the review rules need (a second 昆山
 * county reviewer for concurrent approvals, the 南京 city reviewer), and a factory that puts a SUBMITTED filing in
 * the database the way the filings module's submit does (snapshot, assessment columns, sections, history), for
 * tests that need many filings or several enterprises. Journeys that test the enterprise side use the HTTP flow.
 */
import crypto from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import {
  campaigns,
  filingHistory,
  filings,
  filingSections,
  jobs,
  users,
} from '../../../src/server/db/schema';
import { ensureDefaultCampaign } from '../../../src/server/modules/campaigns/service';
import { assess } from '../../../src/server/modules/filings/rules';
import { ruleCtx, type Snapshot } from '../../../src/server/modules/filings/service';
import { sampleSections } from '../../../src/shared/filing/fixtures';
import { cityOf } from '../../../src/shared/regions';
import { sectionKeysOf, type SectionKey } from '../../../src/shared/schemas/filing-api';
import type { ActionRequest, ActionResponse, ReviewDetail } from '../../../src/shared/schemas/review-api';
import type { Role } from '../../../src/shared/permissions';
import { createEnterprise, loginAs, usccIn, type Persona } from '../../helpers/personas';
import type { TestApp, TestClient } from '../../helpers/test-app';
import { setup as filingSetup, YEAR, type Fixture } from '../filings/flow';

export { YEAR };

export interface ReviewFixture extends Fixture {
  /** A second 昆山 county reviewer (concurrent approvals). */
  ksCounty2: Persona;
  /** The 南京 city reviewer (320100). */
  njCity: Persona;
}

let seq = 0;

export async function createGovUser(
  t: TestApp,
  role: Role,
  regionCode: string,
  displayName: string,
): Promise<Persona> {
  seq += 1;
  const username = `rv_${role}_${process.pid}_${seq}`;
  const [row] = await t.ctx.db
    .insert(users)
    .values({ username, passwordHash: 'x', role, displayName, regionCode })
    .returning({ id: users.id });
  return {
    userId: row!.id,
    username,
    displayName,
    role,
    enterpriseId: null,
    regionCode,
    client: await loginAs(t, row!.id),
  };
}

export async function setupReview(): Promise<ReviewFixture> {
  const f = await filingSetup();
  return {
    ...f,
    ksCounty2: await createGovUser(f.t, 'county_reviewer', '320583', '昆山市工信局审核员（二）'),
    njCity: await createGovUser(f.t, 'city_reviewer', '320100', '南京市工信局审核员'),
  };
}

export function expectStatus(res: LightMyRequestResponse, status: number): void {
  if (res.statusCode !== status) {
    throw new Error(`expected HTTP ${status}, got ${res.statusCode}: ${res.body.slice(0, 800)}`);
  }
}

let enterpriseSeq = 100;

/** A new enterprise (and its logged-in user) registered in `countyCode`. */
export async function newEnterprise(t: TestApp, countyCode: string, name?: string): Promise<Persona> {
  enterpriseSeq += 1;
  return createEnterprise(t, {
    name: name ?? `测试企业${enterpriseSeq}有限公司`,
    uscc: usccIn(countyCode, enterpriseSeq),
    countyCode,
    cityCode: cityOf(countyCode)!.code,
  });
}

export interface InsertOptions {
  enterprise: Pick<Persona, 'enterpriseId' | 'displayName'>;
  countyCode: string;
  kind?: 'entry' | 'update' | 'tech_sme';
  status?: 'county_review' | 'city_review' | 'approved' | 'returned' | 'refused' | 'withdrawn';
  year?: number;
  submittedAt?: Date;
  uscc?: string;
  name?: string;
  industryCode?: string;
  /** Edits the sample sections before the assessment is computed. */
  edit?: (s: Record<SectionKey, Record<string, unknown>>) => void;
  /** Overrides of the denormalised columns (e.g. a score for the queue tests). */
  columns?: Partial<typeof filings.$inferInsert>;
}

/** A submitted filing put in the database as the filings module's submit would (no attachments). */
export async function insertSubmitted(t: TestApp, o: InsertOptions): Promise<typeof filings.$inferSelect> {
  const year = o.year ?? YEAR;
  const campaign = await ensureDefaultCampaign(t.ctx, year);
  const submittedAt = o.submittedAt ?? t.clock.now();
  const kind = o.kind ?? 'entry';
  const cityCode = cityOf(o.countyCode)!.code;
  const sections = sampleSections({ campaignYear: year });
  const name = o.name ?? o.enterprise.displayName;
  const uscc = o.uscc ?? usccIn(o.countyCode, Math.floor(Math.random() * 900000));
  sections.basic = { ...sections.basic, enterpriseName: name, uscc, countyCode: o.countyCode, cityCode };
  if (o.industryCode) sections.basic['industryCode'] = o.industryCode;
  o.edit?.(sections);
  const rctx = ruleCtx(campaign, kind, submittedAt, []);
  const a = assess(sections, rctx, campaign.standardId);
  const verificationCode = crypto.randomBytes(8).toString('hex').toUpperCase();
  const snapshot: Snapshot = {
    sections,
    attachments: [],
    assessment: a.assessment,
    standardId: campaign.standardId,
    fiscalYear: year - 1,
    submittedAt: submittedAt.toISOString(),
    verificationCode,
    countyCode: o.countyCode,
    cityCode,
  };
  const [row] = await t.ctx.db
    .insert(filings)
    .values({
      enterpriseId: o.enterprise.enterpriseId!,
      campaignId: campaign.id,
      kind,
      status: o.status ?? 'county_review',
      statusVersion: 1,
      countyCode: o.countyCode,
      cityCode,
      enterpriseName: name,
      uscc,
      industryCode: a.industryCode,
      smeSize: a.smeSize,
      scoreTotal: a.scoreTotal,
      directMet: a.directMet,
      qualified: a.qualified,
      standardId: campaign.standardId,
      snapshot: snapshot as unknown as Record<string, unknown>,
      verificationCode,
      submittedAt,
      lastActionAt: submittedAt,
      createdAt: submittedAt,
      updatedAt: submittedAt,
      ...o.columns,
    })
    .returning();
  for (const key of sectionKeysOf(kind)) {
    await t.ctx.db
      .insert(filingSections)
      .values({ filingId: row!.id, section: key, data: sections[key], version: 1 });
  }
  await t.ctx.db.insert(filingHistory).values({
    filingId: row!.id,
    at: submittedAt,
    action: 'submit',
    level: 'enterprise',
    actorName: name,
    fromStatus: 'draft',
    toStatus: 'county_review',
  });
  return row!;
}

export async function act(
  client: TestClient,
  id: string,
  body: ActionRequest,
): Promise<LightMyRequestResponse> {
  return client.post(`/api/v1/review/filings/${id}/actions`, body as unknown as Record<string, unknown>);
}

/** Acts and expects 200. */
export async function actOk(client: TestClient, id: string, body: ActionRequest): Promise<ActionResponse> {
  const res = await act(client, id, body);
  expectStatus(res, 200);
  return res.json() as ActionResponse;
}

export async function detail(client: TestClient, id: string): Promise<ReviewDetail> {
  const res = await client.get(`/api/v1/review/filings/${id}`);
  expectStatus(res, 200);
  return res.json() as ReviewDetail;
}

export async function historyOf(t: TestApp, filingId: string) {
  return t.ctx.db
    .select()
    .from(filingHistory)
    .where(eq(filingHistory.filingId, filingId))
    .orderBy(asc(filingHistory.id));
}

export async function jobsOf(t: TestApp, filingId: string) {
  const all = await t.ctx.db.select().from(jobs).where(eq(jobs.kind, 'notify.filing')).orderBy(asc(jobs.id));
  return all.filter((j) => (j.payload as { filingId?: string }).filingId === filingId);
}

export async function filingRow(t: TestApp, id: string) {
  const [row] = await t.ctx.db.select().from(filings).where(eq(filings.id, id));
  return row!;
}

export async function campaignOf(t: TestApp, year = YEAR) {
  const [row] = await t.ctx.db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.year, year)));
  return row!;
}
