/**
 * The demo scenario (issue 5 item 9, issue 6 item 10): three campaigns (two past ones and the open one) so that
 * every page has something to show on a fresh demo database.
 *
 *   Y−2  legacy 在库 enterprises owe an update (obligations recorded at the opening); five 新增入库 and two 数据更新
 *        approved; 苏州's list announced (苏工信中小〔Y−2〕35号) — demo_qiye_wj holds its 创新型中小企业 from it;
 *        one legacy enterprise did not update and was cleared.
 *   Y−1  obligations recorded; two 新增入库 (one of them the demo_qiye_ks2 enterprise) and five 数据更新 approved;
 *        南京's list announced (宁工信中小〔Y−1〕28号); 苏州's list in 公示 now, with one open objection (tracking
 *        number); demo_qiye_wj did not update and was cleared (so it may file a 新增入库 again, as the filing
 *        journey does; its 清退 and appeal window are on /qiye/clearances, with the message and SMS it was sent);
 *        another enterprise's 清退 proposal lapsed unconfirmed (已失效, ADR 0021).
 *   Y    (open) pending at the 昆山 county (several enterprises, one of them resubmitted after a return — the
 *        reviewer sees what changed), pending at the 苏州 city (county-approved), one at 吴江, a returned 数据更新
 *        of demo_qiye_ks2 (reason and a marked field), one at the 南京 city; several enterprises not updated yet;
 *        an early 无锡 entry approved and on 无锡's list whose 公示 has ended (wx_city can 公告 it).
 *
 * Every submitted filing carries a real small PDF per required attachment slot (demo/files.ts), and an
 * enterprise's figures are looked up by fiscal year (records.ts sectionsOf), so last year's approved filing and
 * this year's agree on the years both hold (issue 16 item 14).
 *
 * The demo_qiye_ks draft (demo.ts) and demo_qiye_wj's empty current campaign are left as the journeys expect.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../shared/permissions';
import { addDays, shanghaiDay } from '../../shared/recognition';
import type { ReturnInfo } from '../../shared/schemas/filing-api';
import { ensureDefaultCampaign, type Campaign } from '../modules/campaigns/service';
import { recordUpdateObligations } from '../modules/cycle/service';
import { ensureEvaluations } from '../modules/evaluation/service';
import type { AppContext } from '../types';
import type { DbOrTx } from '../db/client';
import { enterpriseEvents, enterprises, users } from '../db/schema';
import { demoFiles } from './files';
import {
  addClearance,
  addEnterprise,
  addFiling,
  addList,
  addObjection,
  approvalSteps,
  at,
  scaleAmount,
  sectionsOf,
  setInDb,
  type DemoEnterprise,
  type Sections,
  type Who,
} from './records';

/** Logins created by the scenario (besides DEMO_USERS), for the banner. */
export const SCENARIO_ACCOUNTS = [
  { username: 'demo_qiye_ks2', displayName: '昆山华睿智能装备有限公司（有一份被退回的数据更新）' },
  { username: 'wx_city', displayName: '无锡市工信局审核员（名单公示期已满，待公告）' },
] as const;

/**
 * Sections that do NOT meet the 创新型 standard (low R&D, no IP, no direct condition). The figures are weak from
 * fiscal year `from` on, so an enterprise that declined shows the same earlier years in every filing.
 */
function weak(s: Sections, from = 0): Sections {
  s.recognitions = { ...s.recognitions, highTech: { held: false, certificateNo: '', issueDate: '' } };
  s.innovation = { ...s.innovation, ipItems: [] };
  const years = (s.operations['years'] ?? {}) as Record<string, Record<string, unknown>>;
  for (const [fiscalYear, y] of Object.entries(years)) {
    if (Number(fiscalYear) < from) continue;
    y['rdExpense'] = '10.00';
    y['totalLiabilities'] = y['totalAssets'];
  }
  return s;
}

async function who(ctx: AppContext, username: string): Promise<Who & { actor: Actor }> {
  const [u] = await ctx.db.select().from(users).where(eq(users.username, username));
  if (!u) throw new Error(`demo user ${username} missing`);
  return {
    userId: u.id,
    role: u.role,
    name: u.displayName,
    actor: {
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role as Actor['role'],
      enterpriseId: u.enterpriseId,
      regionCode: u.regionCode,
    },
  };
}

async function enterpriseOf(db: DbOrTx, username: string): Promise<DemoEnterprise> {
  const [row] = await db
    .select({ e: enterprises })
    .from(users)
    .innerJoin(enterprises, eq(enterprises.id, users.enterpriseId))
    .where(eq(users.username, username));
  const e = row!.e;
  return {
    id: e.id,
    name: e.name,
    uscc: e.uscc,
    countyCode: e.countyCode!,
    cityCode: e.cityCode!,
    mobile: e.contactMobile,
  };
}

export async function seedDemoScenario(
  ctx: AppContext,
  current: Campaign,
  passwordHash: string,
): Promise<void> {
  const now = ctx.clock.now();
  const today = shanghaiDay(now);
  const Y = current.year;
  const p2 = await ensureDefaultCampaign(ctx, Y - 2);
  const p1 = await ensureDefaultCampaign(ctx, Y - 1);
  const ks = await who(ctx, 'ks_county');
  const wj = await who(ctx, 'wj_county');
  const sz = await who(ctx, 'sz_city');
  const nj = await who(ctx, 'nj_city');
  const province = await who(ctx, 'js_province');
  await ctx.db.insert(users).values({
    username: 'wx_city',
    passwordHash,
    role: 'city_reviewer',
    displayName: '无锡市工信局审核员',
    regionCode: '320200',
  });
  const wx = await who(ctx, 'wx_city');
  const jn: Who = { userId: null, role: 'county_reviewer', name: '江宁区工信局审核员' };
  const countyOf = (e: DemoEnterprise) =>
    e.countyCode === '320583' ? ks : e.countyCode === '320509' ? wj : jn;
  const cityOf = (e: DemoEnterprise) => (e.cityCode === '320100' ? nj : sz);
  // Every demo filing: the enterprise's figures by fiscal year and a real file per required attachment slot.
  const df = demoFiles(ctx.storage);
  const sectionsFor = (e: DemoEnterprise, campaignYear: number) => sectionsOf(e, campaignYear);
  const file = (
    db: DbOrTx,
    o: Omit<Parameters<typeof addFiling>[1], 'sections'> & { sections?: Sections },
  ): Promise<string> =>
    addFiling(db, { ...o, sections: o.sections ?? sectionsFor(o.ent, o.campaign.year), files: df });

  await ctx.db.transaction(async (tx) => {
    // ---------------------------------------------------------------- before Y−2: the legacy database
    const legacyDay = at(`${Y - 3}-12-15`);
    const wjDemo = await enterpriseOf(tx, 'demo_qiye_wj');
    const w3 = await addEnterprise(tx, {
      name: '苏州吴江恒远纺织科技有限公司',
      countyCode: '320509',
      n: 3,
      dbStatus: 'in_db',
      createdAt: at(`${Y - 3}-06-01`),
    });
    const k4 = await addEnterprise(tx, {
      name: '昆山宏达电子元件有限公司',
      countyCode: '320583',
      n: 4,
      dbStatus: 'in_db',
      createdAt: at(`${Y - 3}-06-01`),
    });
    await tx
      .update(enterprises)
      .set({ dbStatus: 'in_db', createdAt: at(`${Y - 3}-05-20`), updatedAt: legacyDay })
      .where(eq(enterprises.id, wjDemo.id));
    await tx.insert(enterpriseEvents).values(
      [wjDemo, w3, k4].map((e) => ({
        enterpriseId: e.id,
        at: legacyDay,
        event: 'entered',
        actorName: '系统',
        reason: '平台上线前已在优质中小企业培育库（历史数据导入）',
        details: { source: 'import' },
      })),
    );

    // ---------------------------------------------------------------- Y−2
    await recordUpdateObligations(tx, p2.id, { now: p2.filingOpensAt });
    const made = (name: string, countyCode: string, n: number, created: string) =>
      addEnterprise(tx, { name, countyCode, n, dbStatus: 'none', createdAt: at(created) });
    const k1 = await made('昆山精研数控科技有限公司', '320583', 11, `${Y - 2}-02-22`);
    const k2 = await made('昆山瑞丰新能源材料有限公司', '320583', 12, `${Y - 2}-02-23`);
    const k3 = await made('昆山永信包装制品有限公司', '320583', 13, `${Y - 2}-02-24`);
    const w1 = await made('苏州吴江华彩光电有限公司', '320509', 21, `${Y - 2}-02-25`);
    const n1 = await made('南京江宁智造软件有限公司', '320115', 31, `${Y - 2}-02-26`);
    const p2Day = (i: number) => `${Y - 2}-03-${String(2 + i).padStart(2, '0')}`;
    const p2Entries: [DemoEnterprise, boolean][] = [
      [k1, true],
      [k2, true],
      [k3, false],
      [w1, true],
      [n1, true],
    ];
    for (const [i, [e, strong]] of p2Entries.entries()) {
      const s = sectionsFor(e, p2.year);
      await file(tx, {
        ent: e,
        campaign: p2,
        kind: 'entry',
        status: 'approved',
        submittedAt: at(p2Day(i)),
        sections: strong ? s : weak(s),
        steps: approvalSteps(countyOf(e), cityOf(e), p2Day(i)),
      });
    }
    for (const [i, e] of [wjDemo, w3].entries()) {
      const s = sectionsFor(e, p2.year);
      await file(tx, {
        ent: e,
        campaign: p2,
        kind: 'update',
        status: 'approved',
        submittedAt: at(p2Day(6 + i)),
        sections: e === w3 ? weak(s) : s,
        steps: approvalSteps(countyOf(e), cityOf(e), p2Day(6 + i)),
      });
    }
    await setInDb(tx, [k1, k2, k3, w1, n1], at(`${Y - 2}-03-20`));
    await addClearance(tx, {
      campaign: p2,
      ent: k4,
      proposedAt: at(`${Y - 2}-04-09`, '00:10'),
      confirmedBy: sz,
      confirmedAt: at(`${Y - 2}-04-20`, '16:00'),
      publicBaseUrl: ctx.config.publicBaseUrl,
    });
  });

  // Evaluations through the real service (one per approved filing), then the lists.
  await ensureEvaluations(ctx, province.actor, p2.id);
  await ctx.db.transaction(async (tx) => {
    await addList(tx, {
      campaign: p2,
      cityCode: '320500',
      title: `苏州市${Y - 2}年度创新型中小企业名单`,
      issuer: '苏州市工业和信息化局',
      createdBy: sz,
      createdAt: at(`${Y - 2}-03-31`),
      objectionContact: '苏州市工业和信息化局中小企业处，电话 0512-68612345，地址 苏州市三香路 998 号',
      publicity: { start: `${Y - 2}-04-02`, end: `${Y - 2}-04-08` },
      announced: { day: `${Y - 2}-04-12`, documentNo: `苏工信中小〔${Y - 2}〕35号` },
    });
  });

  // ---------------------------------------------------------------- Y−1
  const byName = async (name: string): Promise<DemoEnterprise> => {
    const [e] = await ctx.db.select().from(enterprises).where(eq(enterprises.name, name));
    return {
      id: e!.id,
      name: e!.name,
      uscc: e!.uscc,
      countyCode: e!.countyCode!,
      cityCode: e!.cityCode!,
      mobile: e!.contactMobile,
    };
  };
  const wjDemo = await enterpriseOf(ctx.db, 'demo_qiye_wj');
  const k1 = await byName('昆山精研数控科技有限公司');
  const k2 = await byName('昆山瑞丰新能源材料有限公司');
  const k3 = await byName('昆山永信包装制品有限公司');
  const w1 = await byName('苏州吴江华彩光电有限公司');
  const w3 = await byName('苏州吴江恒远纺织科技有限公司');
  const n1 = await byName('南京江宁智造软件有限公司');
  let k5!: DemoEnterprise;
  let w2!: DemoEnterprise;
  await ctx.db.transaction(async (tx) => {
    await recordUpdateObligations(tx, p1.id, { now: p1.filingOpensAt });
    k5 = await addEnterprise(tx, {
      name: '昆山华睿智能装备有限公司',
      countyCode: '320583',
      n: 15,
      dbStatus: 'none',
      createdAt: at(`${Y - 1}-02-21`),
      contactName: '沈佳怡',
    });
    await tx.insert(users).values({
      username: 'demo_qiye_ks2',
      passwordHash,
      role: 'enterprise',
      displayName: k5.name,
      enterpriseId: k5.id,
      mobile: '13800000003',
    });
    w2 = await addEnterprise(tx, {
      name: '苏州吴江澄湖精密铸造有限公司',
      countyCode: '320509',
      n: 22,
      dbStatus: 'none',
      createdAt: at(`${Y - 1}-02-22`),
    });
    const p1Day = (i: number) => `${Y - 1}-03-${String(2 + i).padStart(2, '0')}`;
    for (const [i, e] of [k5, w2].entries()) {
      await file(tx, {
        ent: e,
        campaign: p1,
        kind: 'entry',
        status: 'approved',
        submittedAt: at(p1Day(i)),
        steps: approvalSteps(countyOf(e), cityOf(e), p1Day(i)),
      });
    }
    for (const [i, e] of [k1, k2, w1, n1, w3].entries()) {
      const s = sectionsFor(e, p1.year);
      await file(tx, {
        ent: e,
        campaign: p1,
        kind: 'update',
        status: 'approved',
        submittedAt: at(p1Day(3 + i)),
        sections: e === w3 ? weak(s) : e === k2 ? weak(s, Y - 2) : s,
        steps: approvalSteps(countyOf(e), cityOf(e), p1Day(3 + i)),
      });
    }
    await setInDb(tx, [k5, w2], at(`${Y - 1}-03-20`));
    // Not updated in Y−1: demo_qiye_wj is cleared (confirmed by the city); 昆山永信's proposal awaits the city.
    await addClearance(tx, {
      campaign: p1,
      ent: wjDemo,
      proposedAt: at(`${Y - 1}-04-09`, '00:10'),
      confirmedBy: sz,
      confirmedAt: at(`${Y - 1}-04-22`, '15:30'),
      publicBaseUrl: ctx.config.publicBaseUrl,
    });
    // 苏州 did not confirm 昆山永信's proposal within 60 days: it lapsed (已失效, ADR 0021).
    await addClearance(tx, {
      campaign: p1,
      ent: k3,
      proposedAt: at(`${Y - 1}-04-09`, '00:10'),
      publicBaseUrl: ctx.config.publicBaseUrl,
    });
  });
  await ensureEvaluations(ctx, province.actor, p1.id);
  await ctx.db.transaction(async (tx) => {
    await addList(tx, {
      campaign: p1,
      cityCode: '320100',
      title: `南京市${Y - 1}年度创新型中小企业名单`,
      issuer: '南京市工业和信息化局',
      createdBy: nj,
      createdAt: at(`${Y - 1}-03-30`),
      objectionContact: '南京市工业和信息化局中小企业处，电话 025-68788888',
      publicity: { start: `${Y - 1}-04-01`, end: `${Y - 1}-04-07` },
      announced: { day: `${Y - 1}-04-11`, documentNo: `宁工信中小〔${Y - 1}〕28号` },
    });
    // 苏州's list of Y−1 is in 公示 now (5 days from yesterday), with one objection still open.
    const start = addDays(today, -1);
    const sz1 = await addList(tx, {
      campaign: p1,
      cityCode: '320500',
      title: `苏州市${Y - 1}年度创新型中小企业名单`,
      issuer: '苏州市工业和信息化局',
      createdBy: sz,
      createdAt: new Date(now.getTime() - 3 * 86_400_000),
      objectionContact: '苏州市工业和信息化局中小企业处，电话 0512-68612345，地址 苏州市三香路 998 号',
      publicity: { start, end: addDays(start, 4) },
    });
    const target = sz1.entries[0];
    if (target) {
      await addObjection(tx, {
        listId: sz1.listId,
        entryId: target.id,
        createdAt: new Date(now.getTime() - 2 * 3600_000),
      });
    }
  });

  // ---------------------------------------------------------------- Y (open)
  await ctx.db.transaction(async (tx) => {
    await recordUpdateObligations(tx, current.id, { now: current.filingOpensAt });
    const day = (daysAgo: number, time = '10:00') => at(addDays(today, -daysAgo), time);
    const fresh = (name: string, countyCode: string, n: number) =>
      addEnterprise(tx, { name, countyCode, n, dbStatus: 'none', createdAt: day(12) });
    const k6 = await fresh('昆山博远汽车零部件有限公司', '320583', 16);
    const k7 = await fresh('昆山澜海生物医药科技有限公司', '320583', 17);
    const k8 = await fresh('昆山卓越激光技术有限公司', '320583', 18);
    const n2 = await fresh('南京麒麟数据科技有限公司', '320115', 32);
    const enterpriseWho = (e: DemoEnterprise): Who => ({ userId: null, role: 'enterprise', name: e.name });

    // Pending at the 昆山 county: two new entries and an update.
    await file(tx, {
      ent: k6,
      campaign: current,
      kind: 'entry',
      status: 'county_review',
      submittedAt: day(6),
    });
    await file(tx, {
      ent: k7,
      campaign: current,
      kind: 'entry',
      status: 'county_review',
      submittedAt: day(4),
    });
    // A 数据更新 whose latest year more than tripled its main business (a large new contract): the reviewer sees
    // the year-over-year comparison and a data-quality flag (growth above 200 %) to check against the audit report.
    const k1Update = sectionsFor(k1, current.year);
    const k1Years = k1Update.operations['years'] as Record<string, Record<string, unknown>>;
    const k1Earlier = k1Years[String(Y - 2)]!;
    k1Years[String(Y - 1)] = {
      ...k1Years[String(Y - 1)],
      operatingRevenue: scaleAmount(k1Earlier['operatingRevenue'], 7n, 2n),
      mainBusinessRevenue: scaleAmount(k1Earlier['mainBusinessRevenue'], 7n, 2n),
    };
    await file(tx, {
      ent: k1,
      campaign: current,
      kind: 'update',
      status: 'county_review',
      submittedAt: day(3),
      sections: k1Update,
    });

    // Returned by the county, corrected and resubmitted: the reviewer sees what changed.
    const revenuePath = `years.${Y - 1}.operatingRevenue`;
    const before = sectionsFor(k8, current.year);
    const after = sectionsFor(k8, current.year);
    const years = after.operations['years'] as Record<string, Record<string, unknown>>;
    years[String(Y - 1)] = { ...years[String(Y - 1)], operatingRevenue: '7035.60' };
    const k8Return: ReturnInfo & { to: 'enterprise' } = {
      reason: '上年度营业收入与审计报告不一致，请核对后重新提交',
      level: 'county',
      at: day(5, '16:00').toISOString(),
      sections: [{ section: 'operations', fields: { [revenuePath]: '与审计报告利润表不一致' } }],
      to: 'enterprise',
    };
    await file(tx, {
      ent: k8,
      campaign: current,
      kind: 'entry',
      status: 'county_review',
      submittedAt: day(7),
      sections: after,
      returnInfo: k8Return,
      steps: [
        {
          action: 'county_return',
          level: 'county',
          who: ks,
          at: day(5, '16:00'),
          from: 'county_review',
          to: 'returned',
          reason: k8Return.reason,
          details: { returnSections: k8Return.sections, to: 'enterprise' },
        },
        {
          action: 'resubmit',
          level: 'enterprise',
          who: enterpriseWho(k8),
          at: day(2, '09:30'),
          from: 'returned',
          to: 'county_review',
          details: { previousSections: before, changedSections: ['operations'], returnInfo: k8Return },
        },
      ],
    });

    // Pending at the 苏州 city: approved by the 昆山 and the 吴江 county.
    for (const [i, e] of [k2, w1].entries()) {
      const s = sectionsFor(e, current.year);
      await file(tx, {
        ent: e,
        campaign: current,
        kind: 'update',
        status: 'city_review',
        sections: e === k2 ? weak(s, Y - 2) : s,
        submittedAt: day(8 - i),
        steps: [
          {
            action: 'county_approve',
            level: 'county',
            who: countyOf(e),
            at: day(5 - i, '14:30'),
            from: 'county_review',
            to: 'city_review',
          },
        ],
      });
    }

    // 吴江: an update waiting for its county.
    await file(tx, {
      ent: w2,
      campaign: current,
      kind: 'update',
      status: 'county_review',
      submittedAt: day(2),
    });

    // demo_qiye_ks2: its update returned with a reason and a marked field.
    const [ks2] = await tx.select().from(users).where(eq(users.username, 'demo_qiye_ks2'));
    const k5Return: ReturnInfo & { to: 'enterprise' } = {
      reason: '研发费用与营业收入数据需与审计报告核对一致，请修改标注的项目后重新提交',
      level: 'county',
      at: day(1, '11:00').toISOString(),
      sections: [
        {
          section: 'operations',
          fields: {
            [revenuePath]: '与审计报告利润表不一致，请按审计报告填写',
            [`years.${Y - 1}.rdExpense`]: '请按研发费用加计扣除申报表填写',
          },
        },
      ],
      to: 'enterprise',
    };
    await file(tx, {
      ent: k5,
      campaign: current,
      kind: 'update',
      status: 'returned',
      submittedAt: day(4),
      submitter: { userId: ks2!.id, role: 'enterprise', name: ks2!.displayName },
      returnInfo: k5Return,
      // Filed before the signed 自评表 became a required upload: the return does not mark 附件, yet resubmission
      // needs it, so the editor opens 附件 for it (issue 16 item 1, ADR 0011).
      missingAttachments: ['selfAssessment'],
      steps: [
        {
          action: 'county_return',
          level: 'county',
          who: ks,
          at: day(1, '11:00'),
          from: 'county_review',
          to: 'returned',
          reason: k5Return.reason,
          details: { returnSections: k5Return.sections, to: 'enterprise' },
        },
      ],
    });

    // 无锡: an early entry approved by the city in the first days of the window (its list below).
    const x1 = await fresh('无锡江阴紫金芯材科技有限公司', '320281', 41);
    const x1Filed = addDays(today, -10);
    const jy: Who = { userId: null, role: 'county_reviewer', name: '江阴市工信局审核员' };
    const [x1County, x1City] = approvalSteps(jy, wx, x1Filed);
    await file(tx, {
      ent: x1,
      campaign: current,
      kind: 'entry',
      status: 'approved',
      submittedAt: at(x1Filed, '09:30'),
      steps: [
        { ...x1County!, at: at(addDays(x1Filed, 1), '15:00') },
        { ...x1City!, at: at(addDays(x1Filed, 2), '10:40') },
      ],
    });
    await setInDb(tx, [x1], at(addDays(x1Filed, 2), '10:40'));

    // 南京: a new entry approved by its county, at the 南京 city.
    await file(tx, {
      ent: n2,
      campaign: current,
      kind: 'entry',
      status: 'city_review',
      submittedAt: day(5),
      steps: [
        {
          action: 'county_approve',
          level: 'county',
          who: jn,
          at: day(3, '15:00'),
          from: 'county_review',
          to: 'city_review',
        },
      ],
    });
  });

  // 无锡's list of the open campaign: its 公示 ended three days ago, nobody objected — ready for 公告 by wx_city.
  // (无锡, so the journeys' own 苏州 and 南京 lists of the open campaign stay theirs to build.)
  await ensureEvaluations(ctx, province.actor, current.id);
  await ctx.db.transaction(async (tx) => {
    const start = addDays(today, -7);
    await addList(tx, {
      campaign: current,
      cityCode: '320200',
      title: `无锡市${Y}年度创新型中小企业名单（第一批）`,
      issuer: '无锡市工业和信息化局',
      createdBy: wx,
      createdAt: at(addDays(start, -1), '16:00'),
      objectionContact: '无锡市工业和信息化局中小企业处，电话 0510-81821234',
      publicity: { start, end: addDays(start, 4) },
    });
  });
}
