import { and, eq } from 'drizzle-orm';
import {
  auditEvents,
  enterprises,
  filingHistory,
  filings,
  filingSections,
} from '../../../src/server/db/schema';
import { sampleSections } from '../../../src/shared/filing/fixtures';
import type { FilingDetail, SectionState } from '../../../src/shared/schemas/filing-api';
import { createEnterprise, usccIn } from '../../helpers/personas';
import {
  DATA_SECTIONS,
  expectStatus,
  fillSample,
  getFiling,
  readyFiling,
  saveSection,
  setup,
  start,
  submit,
  uploadRequired,
  YEAR,
  type Fixture,
} from './flow';

let f: Fixture;
beforeAll(async () => {
  f = await setup();
});
afterAll(async () => {
  await f.t.close();
});

const sample = sampleSections({ campaignYear: YEAR });

async function storedSection(filingId: string, section: string) {
  const [row] = await f.t.ctx.db
    .select()
    .from(filingSections)
    .where(and(eq(filingSections.filingId, filingId), eq(filingSections.section, section)));
  return row!;
}

async function newEnterpriseFiling(
  n: number,
): Promise<{ client: Fixture['p']['ksEnterprise']['client']; detail: FilingDetail }> {
  const e = await createEnterprise(f.t, {
    name: `昆山测试企业${n}有限公司`,
    uscc: usccIn('320583', 100 + n),
    countyCode: '320583',
    cityCode: '320500',
  });
  return { client: e.client, detail: await start(e.client, 'entry') };
}

describe('saving a section', () => {
  let detail: FilingDetail;
  beforeAll(async () => {
    ({ detail } = await newEnterpriseFiling(1));
  });

  it("refuses to save another enterprise's filing as not found, and leaves it unchanged", async () => {
    const res = await saveSection(f.p.ksEnterprise.client, detail.id, 'basic', { address: '篡改' }, 0);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
    expect((await storedSection(detail.id, 'basic')).version).toBe(0);
  });

  it('stores incomplete data with complete=false and field errors, never refusing the save', async () => {
    const { client, detail: d } = await newEnterpriseFiling(3);
    const res = await saveSection(
      client,
      d.id,
      'products',
      { mainProducts: [{ name: '高精度数控车床' }] },
      0,
    );
    expectStatus(res, 200);
    const state = res.json() as SectionState;
    expect(state).toMatchObject({ section: 'products', version: 1, complete: false, valid: true });
    expect(Object.keys(state.fieldErrors).length).toBeGreaterThan(0);
    expect(Object.values(state.fieldErrors).join('')).toMatch(/请填写|请选择/);
    const row = await storedSection(d.id, 'products');
    expect(row.version).toBe(1);
    expect((row.data as { mainProducts: { name: string }[] }).mainProducts[0]!.name).toBe('高精度数控车床');
  });

  it('stores invalid data as typed with valid=false, and the amount "1,234.56" as canonical "1234.56"', async () => {
    const { client, detail: d } = await newEnterpriseFiling(4);
    const years = {
      '2022': { operatingRevenue: '1,234.56', rdExpense: '12.345', employees: 'abc' },
    };
    const res = await saveSection(client, d.id, 'operations', { years }, 0);
    expectStatus(res, 200);
    const state = res.json() as SectionState;
    expect(state.valid).toBe(false);
    expect(state.complete).toBe(false);
    expect(state.fieldErrors['years.2022.rdExpense']).toContain('两位小数');
    expect(state.fieldErrors['years.2022.employees']).toBeTruthy();
    const row = await storedSection(d.id, 'operations');
    const stored = (row.data as { years: Record<string, Record<string, unknown>> }).years['2022']!;
    expect(stored['operatingRevenue']).toBe('1234.56');
    expect(stored['rdExpense']).toBe('12.345');
    expect(stored['employees']).toBe('abc');
    expect(row.valid).toBe(false);
    // The detail shows the same errors again after a reload.
    const again = await getFiling(client, d.id);
    expect(again.sections.operations.fieldErrors['years.2022.rdExpense']).toContain('两位小数');
  });

  it('refuses the second of two saves from the same version with 409 CONFLICT; the first one is kept', async () => {
    const { client, detail: d } = await newEnterpriseFiling(5);
    const first = await saveSection(
      client,
      d.id,
      'basic',
      { ...sample.basic, address: '第一次保存的地址' },
      0,
    );
    expectStatus(first, 200);
    const second = await saveSection(
      client,
      d.id,
      'basic',
      { ...sample.basic, address: '第二次保存的地址' },
      0,
    );
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('CONFLICT');
    expect(second.json().message).toContain('基本情况');
    const row = await storedSection(d.id, 'basic');
    expect(row.version).toBe(1);
    expect((row.data as { address: string }).address).toBe('第一次保存的地址');
    // Saving from the new version works.
    expectStatus(await saveSection(client, d.id, 'basic', { ...sample.basic, address: '第三次' }, 1), 200);
  });

  it('refuses a section body over 256 KB with 413', async () => {
    const { client, detail: d } = await newEnterpriseFiling(6);
    const res = await saveSection(client, d.id, 'basic', { mainBusiness: 'x'.repeat(300 * 1024) }, 0);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    expect((await storedSection(d.id, 'basic')).version).toBe(0);
  });

  it('refuses an unknown section', async () => {
    const { client, detail: d } = await newEnterpriseFiling(7);
    const res = await saveSection(client, d.id, 'secrets' as never, {}, 0);
    expect(res.statusCode).toBe(400);
  });
});

describe('submitting', () => {
  it('requires both declarations', async () => {
    const { client, detail: d } = await newEnterpriseFiling(10);
    const res = await client.post(`/api/v1/filings/${d.id}/submit`, { declarations: { truthfulness: true } });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors['declarations.compliance']).toBe('请阅读并勾选合规经营承诺');
  });

  it('is refused until every section is complete, naming the incomplete sections and every field', async () => {
    const { client, detail: d } = await newEnterpriseFiling(11);
    expectStatus(await saveSection(client, d.id, 'basic', sample.basic, 0), 200);
    const res = await submit(client, d.id, {
      pendingSections: [{ section: 'products', data: sample.products, baseVersion: 0 }],
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.message).toContain('经营情况');
    expect(body.message).toContain('附件');
    expect(body.message).not.toContain('基本情况');
    expect(body.message).not.toContain('产品信息');
    expect(body.fieldErrors['operations.years.2022.rdExpense']).toContain('研发费用');
    expect(Object.keys(body.fieldErrors).some((k) => k.startsWith('attachments.'))).toBe(true);
    // The pending section was saved anyway (FAQ 1.8: nothing typed is lost); the status did not change.
    const after = await getFiling(client, d.id);
    expect(after.status).toBe('draft');
    expect(after.sections.products.version).toBe(1);
    expect(after.sections.products.complete).toBe(true);
    const history = await f.t.ctx.db.select().from(filingHistory).where(eq(filingHistory.filingId, d.id));
    expect(history.map((h) => h.action)).toEqual(['create']);
  });

  it('refuses a 注册地 outside Jiangsu', async () => {
    const { client, detail: d } = await newEnterpriseFiling(12);
    await fillSample(client, d);
    await uploadRequired(client, d.id);
    const fresh = await getFiling(client, d.id);
    const res = await submit(client, d.id, {
      pendingSections: [
        {
          section: 'basic',
          data: { ...sample.basic, countyCode: '310115' },
          baseVersion: fresh.sections.basic.version,
        },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fieldErrors['basic.countyCode']).toBeTruthy();
    expect(res.json().message).toContain('基本情况');
  });

  it('freezes the snapshot with the standard and score, routes to the county, and writes history and audit', async () => {
    const ready = await readyFiling(f);
    expect(ready.sections.attachments.complete).toBe(true);
    for (const key of DATA_SECTIONS)
      expect(ready.sections[key]).toMatchObject({ complete: true, valid: true });
    const res = await submit(f.p.ksEnterprise.client, ready.id);
    expectStatus(res, 200);
    const detail = res.json() as FilingDetail;
    expect(detail).toMatchObject({
      status: 'county_review',
      statusLabel: '待县区审核',
      countyCode: '320583',
      cityCode: '320500',
      scoreTotal: 90,
      reviewingDepartment: '苏州市昆山市工信部门',
      editableSections: [],
      allowedActions: ['withdraw', 'document'],
    });
    expect(detail.submission!.standardId).toBe('innovative-sme-2022');
    expect(detail.submission!.verificationCode).toMatch(/^[A-HJKMNP-Z2-9]{12}$/);
    expect((detail.submission!.assessment as { innovative: { total: number } }).innovative.total).toBe(90);

    const [row] = await f.t.ctx.db.select().from(filings).where(eq(filings.id, ready.id));
    expect(row).toMatchObject({
      status: 'county_review',
      statusVersion: 1,
      standardId: 'innovative-sme-2022',
      scoreTotal: 90,
      directMet: true,
      qualified: true,
      industryCode: 'C3421',
      smeSize: 'small',
      enterpriseName: '昆山精工数控机械有限公司',
    });
    const snapshot = row!.snapshot as Record<string, unknown>;
    expect(snapshot['standardId']).toBe('innovative-sme-2022');
    expect(snapshot['fiscalYear']).toBe(2022);
    expect((snapshot['attachments'] as unknown[]).length).toBeGreaterThan(0);
    expect((snapshot['sections'] as Record<string, unknown>)['basic']).toMatchObject({
      countyCode: '320583',
    });
    const [ent] = await f.t.ctx.db
      .select()
      .from(enterprises)
      .where(eq(enterprises.id, f.p.ksEnterprise.enterpriseId!));
    expect(ent!.countyCode).toBe('320583');

    const history = await f.p.ksEnterprise.client.get(`/api/v1/filings/${ready.id}/history`);
    expectStatus(history, 200);
    expect(history.json().items.map((h: { action: string }) => h.action)).toEqual(['create', 'submit']);
    expect(history.json().items[1]).toMatchObject({
      actionLabel: '提交',
      levelLabel: '企业',
      fromStatus: 'draft',
      toStatus: 'county_review',
    });
    const audits = await f.t.ctx.db.select().from(auditEvents).where(eq(auditEvents.targetId, ready.id));
    expect(audits.map((a) => a.action)).toContain('filing.submit');

    // Submitted: no more saving.
    const save = await saveSection(
      f.p.ksEnterprise.client,
      ready.id,
      'basic',
      sample.basic,
      detail.sections.basic.version,
    );
    expect(save.statusCode).toBe(409);
    expect(save.json().code).toBe('INVALID_STATE');

    // A second submit (a double click) returns the same detail and writes nothing.
    const again = await submit(f.p.ksEnterprise.client, ready.id);
    expectStatus(again, 200);
    expect((again.json() as FilingDetail).submission!.verificationCode).toBe(
      detail.submission!.verificationCode,
    );
    const rows = await f.t.ctx.db
      .select()
      .from(filingHistory)
      .where(and(eq(filingHistory.filingId, ready.id), eq(filingHistory.action, 'submit')));
    expect(rows).toHaveLength(1);
    const [after] = await f.t.ctx.db.select().from(filings).where(eq(filings.id, ready.id));
    expect(after!.statusVersion).toBe(1);
  });

  it('files once when two submits arrive at the same time', async () => {
    const e = await createEnterprise(f.t, {
      name: '昆山并发提交测试有限公司',
      uscc: usccIn('320583', 200),
      countyCode: '320583',
      cityCode: '320500',
    });
    const d = await start(e.client, 'entry');
    await fillSample(e.client, d);
    await uploadRequired(e.client, d.id);
    const [a, b] = await Promise.all([submit(e.client, d.id), submit(e.client, d.id)]);
    expectStatus(a, 200);
    expectStatus(b, 200);
    expect(a.json().submission.verificationCode).toBe(b.json().submission.verificationCode);
    const rows = await f.t.ctx.db
      .select()
      .from(filingHistory)
      .where(and(eq(filingHistory.filingId, d.id), eq(filingHistory.action, 'submit')));
    expect(rows).toHaveLength(1);
    const [row] = await f.t.ctx.db.select().from(filings).where(eq(filings.id, d.id));
    expect(row!.statusVersion).toBe(1);
  });
});
