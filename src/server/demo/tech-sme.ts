/**
 * Demo data of the 2026 ladder (issue 12): demo_qiye_ks2 (昆山华睿智能装备) holds a 科技型中小企业 registration from
 * an approved 科技型中小企业评价 of the open campaign (登记编号, one year), and a 质量评价得分 recorded by the 苏州
 * city — so 我的梯度 shows a reached first tier and the 2026 专精特新 conditions with their figures. Only for
 * campaigns from 2026 (the 科技型 track opens then). Kept apart from the scenario (scenario.ts).
 */
import { eq } from 'drizzle-orm';
import {
  addDays,
  endOfShanghaiDay,
  shanghaiDay,
  startOfShanghaiDay,
  validTo,
} from '../../shared/recognition';
import { RULES_2026_FIRST_CAMPAIGN_YEAR, type Campaign } from '../modules/campaigns/service';
import type { AppContext } from '../types';
import { enterpriseEvents, enterprises, qualityScores, recognitions, users } from '../db/schema';
import { demoFiles } from './files';
import { addFiling, approvalSteps, at, sectionsOf, type Who } from './records';

export const DEMO_TECH_SME_REGISTRATION_NO = '2026320583A0000518';

export async function seedTechSmeDemo(ctx: AppContext, current: Campaign): Promise<void> {
  if (current.year < RULES_2026_FIRST_CAMPAIGN_YEAR) return;
  const [user] = await ctx.db.select().from(users).where(eq(users.username, 'demo_qiye_ks2'));
  if (!user?.enterpriseId) return;
  const [e] = await ctx.db.select().from(enterprises).where(eq(enterprises.id, user.enterpriseId));
  if (!e?.countyCode || !e.cityCode) return;
  const ent = {
    id: e.id,
    name: e.name,
    uscc: e.uscc,
    countyCode: e.countyCode,
    cityCode: e.cityCode,
    mobile: e.contactMobile,
  };
  const reviewer = async (username: string): Promise<Who> => {
    const [u] = await ctx.db.select().from(users).where(eq(users.username, username));
    return { userId: u?.id ?? null, role: u?.role ?? null, name: u?.displayName ?? username };
  };
  const county = await reviewer('ks_county');
  const city = await reviewer('sz_city');
  // Filed in the first days of the open campaign's window, approved by the city 8 days later.
  const filed = shanghaiDay(current.filingOpensAt);
  const approvedDay = addDays(filed, 8);
  const steps = approvalSteps(county, city, filed);
  const last = steps[steps.length - 1]!;
  last.details = { registrationNo: DEMO_TECH_SME_REGISTRATION_NO, validTo: validTo(approvedDay, 1) };
  await ctx.db.transaction(async (tx) => {
    const filingId = await addFiling(tx, {
      ent,
      campaign: current,
      kind: 'tech_sme',
      status: 'approved',
      submittedAt: at(filed),
      sections: sectionsOf(ent, current.year),
      files: demoFiles(ctx.storage),
      steps,
      submitter: { userId: user.id, role: 'enterprise', name: user.displayName },
    });
    const [rec] = await tx
      .insert(recognitions)
      .values({
        enterpriseId: ent.id,
        kind: 'tech_sme',
        title: '科技型中小企业',
        source: 'evaluation',
        filingId,
        issuer: '苏州市工信部门',
        registrationNo: DEMO_TECH_SME_REGISTRATION_NO,
        validFrom: startOfShanghaiDay(approvedDay),
        validTo: endOfShanghaiDay(validTo(approvedDay, 1)),
        createdAt: last.at,
      })
      .returning({ id: recognitions.id });
    await tx.insert(enterpriseEvents).values({
      enterpriseId: ent.id,
      at: last.at,
      event: 'recognised',
      actorUserId: city.userId,
      actorName: city.name,
      reason: `科技型中小企业评价审核通过，登记编号 ${DEMO_TECH_SME_REGISTRATION_NO}，有效期 ${approvedDay} 至 ${validTo(approvedDay, 1)}。`,
      details: {
        filingId,
        recognitionId: rec!.id,
        kind: 'tech_sme',
        registrationNo: DEMO_TECH_SME_REGISTRATION_NO,
      },
    });
    const source = '优质中小企业梯度培育平台查询结果（演示数据）';
    await tx.insert(qualityScores).values({
      enterpriseId: ent.id,
      year: current.year,
      score: '52.50',
      sourceType: 'entry',
      source,
      enteredBy: city.userId,
      enteredByName: city.name,
      enteredRegion: ent.cityCode,
      createdAt: last.at,
      updatedAt: last.at,
    });
    await tx.insert(enterpriseEvents).values({
      enterpriseId: ent.id,
      at: last.at,
      event: 'quality_score_set',
      actorUserId: city.userId,
      actorName: city.name,
      reason: `录入${current.year}年度专精特新发展质量评价得分 52.50 分（来源：${source}）`,
      details: { year: current.year, before: null, after: { score: '52.50', source }, sourceType: 'entry' },
    });
  });
}
