import type { FastifyBaseLogger } from 'fastify';
import { scheduleCampaignReminders } from '../modules/cycle/service';
import { eq } from 'drizzle-orm';
import { sampleSections } from '../../shared/filing/fixtures';
import type { Role } from '../../shared/permissions';
import { sectionKeysOf } from '../../shared/schemas/filing-api';
import { ensureDemoCampaign, shanghaiDate, type Campaign } from '../modules/campaigns/service';
import { checkSection } from '../modules/filings/rules';
import { hashPassword } from '../services/passwords';
import type { AppContext } from '../types';
import { SCENARIO_ACCOUNTS, seedDemoScenario } from './scenario';
import { seedTechSmeDemo } from './tech-sme';
import { enterprises, filingHistory, filings, filingSections, users } from '../db/schema';

export const DEMO_PASSWORD = 'Demo@2023js';

interface DemoUser {
  /** A government account's registered mobile (where the login SMS code goes with SECOND_FACTOR=on). */
  mobile?: string;
  username: string;
  role: Role;
  displayName: string;
  regionCode?: string;
  enterprise?: {
    name: string;
    uscc: string;
    contactName: string;
    mobile: string;
    countyCode: string;
    cityCode: string;
  };
}

/**
 * Demo accounts: an enterprise in 昆山 and one in 吴江, their county reviewers, the 苏州 and 南京 cities, the province,
 * an admin. The scenario (demo/scenario.ts) adds demo_qiye_ks2 and enterprises without logins.
 */
export const DEMO_USERS: DemoUser[] = [
  {
    username: 'demo_qiye_ks',
    role: 'enterprise',
    displayName: '昆山示范精密机械有限公司',
    enterprise: {
      name: '昆山示范精密机械有限公司',
      uscc: '913205837031234530',
      contactName: '王晓明',
      mobile: '13800000001',
      countyCode: '320583',
      cityCode: '320500',
    },
  },
  {
    username: 'demo_qiye_wj',
    role: 'enterprise',
    displayName: '苏州吴江示范新材料有限公司',
    enterprise: {
      name: '苏州吴江示范新材料有限公司',
      uscc: '913205097041234632',
      contactName: '李红',
      mobile: '13800000002',
      countyCode: '320509',
      cityCode: '320500',
    },
  },
  {
    username: 'ks_county',
    role: 'county_reviewer',
    displayName: '昆山市工信局审核员',
    regionCode: '320583',
    mobile: '13800000101',
  },
  {
    username: 'wj_county',
    role: 'county_reviewer',
    displayName: '吴江区工信局审核员',
    regionCode: '320509',
    mobile: '13800000102',
  },
  {
    username: 'sz_city',
    role: 'city_reviewer',
    displayName: '苏州市工信局审核员',
    regionCode: '320500',
    mobile: '13800000103',
  },
  {
    username: 'nj_city',
    role: 'city_reviewer',
    displayName: '南京市工信局审核员',
    regionCode: '320100',
    mobile: '13800000104',
  },
  {
    username: 'js_province',
    role: 'province',
    displayName: '江苏省工信厅中小企业局',
    regionCode: '320000',
    mobile: '13800000105',
  },
  {
    username: 'admin',
    role: 'admin',
    displayName: '系统管理员',
    regionCode: '320000',
    mobile: '13800000106',
  },
  {
    username: 'sec_admin',
    role: 'security_admin',
    displayName: '安全管理员',
    regionCode: '320000',
    mobile: '13800000107',
  },
  {
    username: 'audit_admin',
    role: 'audit_admin',
    displayName: '审计管理员',
    regionCode: '320000',
    mobile: '13800000108',
  },
];

/**
 * Creates demo data and demo accounts on an empty database (development mode only) and prints them.
 * Does nothing when any user exists, so restarting keeps what the developer did.
 */
export async function seedDemoData(ctx: AppContext, log: FastifyBaseLogger): Promise<void> {
  const existing = await ctx.db.select({ id: users.id }).from(users).limit(1);
  if (existing.length > 0) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await ctx.db.transaction(async (tx) => {
    for (const u of DEMO_USERS) {
      let enterpriseId: string | null = null;
      if (u.enterprise) {
        const [e] = await tx
          .insert(enterprises)
          .values({
            name: u.enterprise.name,
            uscc: u.enterprise.uscc,
            contactName: u.enterprise.contactName,
            contactMobile: u.enterprise.mobile,
            countyCode: u.enterprise.countyCode,
            cityCode: u.enterprise.cityCode,
          })
          .returning({ id: enterprises.id });
        enterpriseId = e!.id;
      }
      await tx.insert(users).values({
        username: u.username,
        passwordHash,
        role: u.role,
        displayName: u.displayName,
        enterpriseId,
        regionCode: u.regionCode ?? null,
        mobile: u.enterprise?.mobile ?? u.mobile ?? null,
      });
    }
  });
  const campaign = await seedDemoFiling(ctx);
  await seedDemoScenario(ctx, campaign, passwordHash);
  await seedTechSmeDemo(ctx, campaign);
  const lines = [...DEMO_USERS, ...SCENARIO_ACCOUNTS].map(
    (u) => `  ${u.username.padEnd(14)} ${u.displayName}`,
  );
  const banner = [
    '',
    '演示环境：已创建演示数据与演示账号（密码均为 ' + DEMO_PASSWORD + '）',
    ...lines,
    '  短信发件箱（开发用）：/dev/sms',
    '',
  ].join('\n');
  log.info(banner);
  console.log(banner);
}

/**
 * The demo campaign (its filing window includes today) and a 新增入库 draft of the 昆山 demo enterprise with every data
 * section filled from the shared sample (only the attachments are left to upload before submitting).
 */
async function seedDemoFiling(ctx: AppContext): Promise<Campaign> {
  const campaign = await ensureDemoCampaign(ctx);
  await scheduleCampaignReminders(ctx, campaign.id);
  const demo = DEMO_USERS.find((u) => u.username === 'demo_qiye_ks')!.enterprise!;
  const [enterprise] = await ctx.db.select().from(enterprises).where(eq(enterprises.uscc, demo.uscc));
  const [user] = await ctx.db.select().from(users).where(eq(users.username, 'demo_qiye_ks'));
  if (!enterprise || !user) return campaign;
  const now = ctx.clock.now();
  const rctx = {
    campaignYear: campaign.year,
    asOf: shanghaiDate(now),
    kind: 'entry' as const,
    attachments: [],
  };
  const sections = sampleSections(rctx);
  sections.basic = { ...sections.basic, enterpriseName: demo.name, uscc: demo.uscc };
  await ctx.db.transaction(async (tx) => {
    const [filing] = await tx
      .insert(filings)
      .values({
        enterpriseId: enterprise.id,
        campaignId: campaign.id,
        kind: 'entry',
        status: 'draft',
        enterpriseName: demo.name,
        uscc: demo.uscc,
        standardId: campaign.standardId,
        lastActionAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: filings.id });
    for (const key of sectionKeysOf(rctx.kind)) {
      const checked = checkSection(key, sections[key], rctx);
      await tx.insert(filingSections).values({
        filingId: filing!.id,
        section: key,
        data: checked.data,
        version: 1,
        complete: checked.complete,
        valid: checked.valid,
        updatedAt: now,
        updatedBy: user.id,
      });
    }
    await tx.insert(filingHistory).values({
      filingId: filing!.id,
      at: now,
      action: 'create',
      actorUserId: user.id,
      actorRole: 'enterprise',
      actorName: user.displayName,
      level: 'enterprise',
      fromStatus: null,
      toStatus: 'draft',
      details: { kind: 'entry', demo: true },
    });
  });
  return campaign;
}
