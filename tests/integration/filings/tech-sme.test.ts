/**
 * 科技型中小企业评价 as a filing kind (issue 12 item 3): the enterprise files its own 115号 fields in the shared
 * section editor, the county and the city review it as any filing, and the city's approval records the 登记编号 as
 * a one-year recognition — not an entry into the 培育库.
 */
import { and, eq } from 'drizzle-orm';
import { ensureDefaultCampaign } from '../../../src/server/modules/campaigns/service';
import { enterpriseEvents, enterprises, filings, recognitions } from '../../../src/server/db/schema';
import { findLastApproved } from '../../../src/server/modules/filings/repository';
import { ManualClock } from '../../../src/server/services/clock';
import { sampleAttachmentSlots, sampleSections } from '../../../src/shared/filing/fixtures';
import {
  assessTechSmeFiling,
  techSmeOptionsOf,
  type TechSmeAssessment,
} from '../../../src/shared/filing/tech-sme-assess';
import type { FilingDetail } from '../../../src/shared/schemas/filing-api';
import { realPdf, uploadAttachment } from '../../helpers/files';
import { createEnterprise, createPersonas, usccIn, type Personas } from '../../helpers/personas';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';
import { act, actOk } from '../review/helpers';
import { DECLARATIONS, expectStatus, getFiling, saveSection } from './flow';

const YEAR = 2026;
const RULE_CTX = { campaignYear: YEAR, asOf: '2026-05-10', kind: 'tech_sme' as const };
let t: TestApp;
let p: Personas;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2026-05-10T09:00:00+08:00') });
  await ensureDefaultCampaign(t.ctx, 2023);
  p = await createPersonas(t);
});
afterAll(async () => {
  await t.close();
});

async function startTechSme(client: TestClient): Promise<FilingDetail> {
  const res = await client.post('/api/v1/filings', { kind: 'tech_sme' });
  expectStatus(res, 201);
  return res.json() as FilingDetail;
}

/** A 科技型 filing of `client`'s enterprise, filled with the sample and its files, then submitted. */
async function submitted(client: TestClient, basic: Record<string, unknown> = {}): Promise<FilingDetail> {
  const d = await startTechSme(client);
  const sample = sampleSections({ campaignYear: YEAR });
  expectStatus(
    await saveSection(client, d.id, 'basic', { ...sample.basic, ...basic }, d.sections.basic.version),
    200,
  );
  expectStatus(await saveSection(client, d.id, 'techSme', sample.techSme, d.sections.techSme.version), 200);
  for (const slot of sampleAttachmentSlots(RULE_CTX)) {
    const up = await uploadAttachment(client, d.id, slot, {
      filename: `${slot.replace(':', '-')}.pdf`,
      contentType: 'application/pdf',
      data: await realPdf(slot),
    });
    expectStatus(up, 201);
  }
  const res = await client.post(`/api/v1/filings/${d.id}/submit`, { declarations: DECLARATIONS });
  expectStatus(res, 200);
  return res.json() as FilingDetail;
}

async function statusVersion(client: TestClient, id: string): Promise<number> {
  const res = await client.get(`/api/v1/review/filings/${id}`);
  expectStatus(res, 200);
  return (res.json() as { statusVersion: number }).statusVersion;
}

describe('科技型中小企业评价: the filing kind', () => {
  it('is offered by a 2026 campaign (not by the 2023 one) and has its own three sections', async () => {
    await ensureDefaultCampaign(t.ctx, YEAR);
    const current = (await p.wjEnterprise.client.get('/api/v1/campaigns/current')).json();
    expect(current.campaign.year).toBe(YEAR);
    expect(current.campaign.kindsOpen).toContain('tech_sme');
    expect(current.canStart.tech_sme).toEqual({ allowed: true, reason: null });

    const d = await startTechSme(p.wjEnterprise.client);
    expect(d.kindLabel).toBe('科技型中小企业评价');
    expect(d.editableSections).toEqual(['basic', 'techSme', 'attachments']);
    expect(d.sections.techSme.complete).toBe(false);
    expect(d.sections.techSme.fieldErrors['employees']).toContain('职工总数');
    // The 入库 sections are not part of it: not editable.
    const refused = await saveSection(p.wjEnterprise.client, d.id, 'products', {}, 0);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('INVALID_STATE');
  });

  it('validates its fields: 科技人员 cannot exceed 职工总数; a 高企 certificate number is needed when claimed', async () => {
    const list = (await p.wjEnterprise.client.get('/api/v1/filings')).json().items as FilingDetail[];
    const d = await getFiling(p.wjEnterprise.client, list.find((x) => x.kind === 'tech_sme')!.id);
    const res = await saveSection(
      p.wjEnterprise.client,
      d.id,
      'techSme',
      { employees: 10, techStaff: 12, highTechValid: true, salesRevenue: '12,345.6' },
      d.sections.techSme.version,
    );
    expectStatus(res, 200);
    const s = res.json();
    expect(s.fieldErrors['techStaff']).toContain('不能多于职工总数');
    expect(s.fieldErrors['highTechCertNo']).toContain('请填写');
    expect(s.data.salesRevenue).toBe('12345.60');
    expect(s.valid).toBe(false);
  });

  it('runs file → county → city → approved, freezing the 115号 self-assessment and recording the 登记编号 for one year', async () => {
    const client = p.ksEnterprise.client;
    const filed = await submitted(client);
    expect(filed.status).toBe('county_review');
    expect(filed.submission?.standardId).toBe('tech-sme-2017');
    const assessment = filed.submission!.assessment as {
      standardTitle: string;
      result: { total: number; qualified: boolean; directConditions: string[] };
    };
    // Worked by hand in fixtures.ts: 16 + 30 + 30.
    expect(assessment.result.total).toBe(76);
    expect(assessment.result.qualified).toBe(true);
    expect(assessment.standardTitle).toBe('科技型中小企业评价标准（国科发政〔2017〕115号）');
    expect(filed.scoreTotal).toBe(76);

    await actOk(p.ksCounty.client, filed.id, {
      action: 'county_approve',
      expectedStatusVersion: await statusVersion(p.ksCounty.client, filed.id),
    });
    const v = await statusVersion(p.szCity.client, filed.id);
    const missing = await act(p.szCity.client, filed.id, {
      action: 'city_approve',
      expectedStatusVersion: v,
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fieldErrors.registrationNo).toContain('登记编号');
    const bad = await act(p.szCity.client, filed.id, {
      action: 'city_approve',
      expectedStatusVersion: v,
      registrationNo: '12',
    });
    expect(bad.statusCode).toBe(400);

    const ok = await actOk(p.szCity.client, filed.id, {
      action: 'city_approve',
      expectedStatusVersion: v,
      registrationNo: ' 2026320583a0001234 ',
    });
    expect(ok.status).toBe('approved');

    const recs = await t.ctx.db
      .select()
      .from(recognitions)
      .where(
        and(eq(recognitions.enterpriseId, p.ksEnterprise.enterpriseId!), eq(recognitions.kind, 'tech_sme')),
      );
    expect(recs).toHaveLength(1);
    const rec = recs[0]!;
    expect(rec.registrationNo).toBe('2026320583A0001234');
    expect(rec.filingId).toBe(filed.id);
    expect(rec.title).toBe('科技型中小企业');
    expect(rec.source).toBe('evaluation');
    // One year: 2026-05-10 … 2027-05-09 (Asia/Shanghai days).
    expect(rec.validFrom.toISOString()).toBe('2026-05-09T16:00:00.000Z');
    expect(rec.validTo.toISOString()).toBe('2027-05-09T15:59:59.999Z');
    const events = await t.ctx.db
      .select()
      .from(enterpriseEvents)
      .where(eq(enterpriseEvents.enterpriseId, p.ksEnterprise.enterpriseId!));
    const recognised = events.find((e) => e.event === 'recognised');
    expect(recognised?.reason).toContain('2026320583A0001234');
    expect(recognised?.actorName).toBe(p.szCity.displayName);
    // A 科技型 registration is not an entry into the 培育库.
    const [ent] = await t.ctx.db
      .select({ dbStatus: enterprises.dbStatus })
      .from(enterprises)
      .where(eq(enterprises.id, p.ksEnterprise.enterpriseId!));
    expect(ent!.dbStatus).toBe('none');
    // The history of the filing carries the number.
    const history = (await client.get(`/api/v1/filings/${filed.id}/history`)).json().items as {
      action: string;
    }[];
    expect(history.map((h) => h.action)).toEqual(['create', 'submit', 'county_approve', 'city_approve']);

    // Its 申报书 prints the 115号 result; it is not a 创新型 evaluation of the city.
    const pdf = await client.get(`/api/v1/filings/${filed.id}/document.pdf`);
    expectStatus(pdf, 200);
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const campaignId = filed.campaign.id;
    const prepared = await p.szCity.client.post(`/api/v1/evaluation/campaigns/${campaignId}/prepare`, {});
    expectStatus(prepared, 200);
    expect(JSON.stringify(prepared.json())).not.toContain(filed.id);
    // Next year's 数据更新 is not based on it.
    const [row] = await t.ctx.db.select().from(filings).where(eq(filings.id, filed.id));
    expect(row!.kind).toBe('tech_sme');
    expect(await findLastApproved(t.ctx.db, p.ksEnterprise.enterpriseId!, 2027)).toBeUndefined();
  });

  it('refuses a 登记编号 already recorded for another registration, changing nothing', async () => {
    const other = await createEnterprise(t, {
      name: '昆山另一家科技有限公司',
      uscc: usccIn('320583', 7),
      countyCode: '320583',
      cityCode: '320500',
    });
    const filed = await submitted(other.client, {
      enterpriseName: '昆山另一家科技有限公司',
      uscc: usccIn('320583', 7),
    });
    await actOk(p.ksCounty.client, filed.id, {
      action: 'county_approve',
      expectedStatusVersion: await statusVersion(p.ksCounty.client, filed.id),
    });
    const res = await act(p.szCity.client, filed.id, {
      action: 'city_approve',
      expectedStatusVersion: await statusVersion(p.szCity.client, filed.id),
      registrationNo: '2026320583A0001234',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('已登记过');
    expect((await getFiling(other.client, filed.id)).status).toBe('city_review');
  });

  it('judges by the thresholds the province corrected: the live self-assessment gets them, the submission freezes them', async () => {
    const first = await createEnterprise(t, {
      name: '昆山第四家科技有限公司',
      uscc: usccIn('320583', 9),
      countyCode: '320583',
      cityCode: '320500',
    });
    const before = await startTechSme(first.client);
    expect(before.ruleParams).toEqual({ standardId: 'tech-sme-2017', version: 1, values: {} });
    const corrected = await p.province.client.post('/api/v1/standards/tech-sme-2017/versions', {
      expectedVersion: 1,
      values: { employeesMax: '150' },
      reason: '核对115号文',
    });
    expectStatus(corrected, 200);

    const other = await createEnterprise(t, {
      name: '昆山第三家科技有限公司',
      uscc: usccIn('320583', 8),
      countyCode: '320583',
      cityCode: '320500',
    });
    const started = await getFiling(first.client, before.id);
    expect(started.ruleParams).toEqual({
      standardId: 'tech-sme-2017',
      version: 2,
      values: { employeesMax: '150' },
    });
    // The editor evaluates with what the server sent: 186 职工 > 150 is not a 科技型 size any more.
    const live = assessTechSmeFiling(
      sampleSections({ campaignYear: YEAR }),
      RULE_CTX,
      techSmeOptionsOf(started.ruleParams),
    );
    expect(live.result.version).toBe(2);
    expect(live.result.conditions.find((c) => c.key === 'size')!.status).toBe('unmet');
    expect(assessTechSmeFiling(sampleSections({ campaignYear: YEAR }), RULE_CTX).result.qualified).toBe(true);

    const filed = await submitted(other.client, {
      enterpriseName: '昆山第三家科技有限公司',
      uscc: usccIn('320583', 8),
    });
    const frozen = filed.submission!.assessment as unknown as TechSmeAssessment;
    expect(frozen.result.version).toBe(2);
    expect(frozen.result.qualified).toBe(false);
    expect(frozen.result.thresholds.find((x) => x.key === 'employeesMax')).toMatchObject({
      value: '150',
      corrected: true,
    });
  });
});
