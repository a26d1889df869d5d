/**
 * Issue 16 item 1 (ADR 0011): a return never leaves the enterprise without a way out. What the resubmission needs
 * stays editable beside what the return marked, and a section being repaired stays open until the resubmission.
 */
import { and, eq } from 'drizzle-orm';
import { filingAttachments } from '../../../src/server/db/schema';
import { sampleSections } from '../../../src/shared/filing/fixtures';
import type { FilingDetail } from '../../../src/shared/schemas/filing-api';
import { realPdf, uploadAttachment } from '../../helpers/files';
import { reloginAll } from '../../helpers/personas';
import {
  countyReturn,
  expectStatus,
  fillSample,
  getFiling,
  saveSection,
  setup,
  start,
  submit,
  submittedFiling,
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

async function later(minutes: number) {
  f.t.clock.set(new Date(f.t.clock.now().getTime() + minutes * 60_000).toISOString());
  await reloginAll(f.t, f.p);
}

async function returnOperations(id: string) {
  await countyReturn(f.p.ksCounty.client, id, '营业收入与审计报告不一致', [
    { section: 'operations', fields: { 'years.2022.operatingRevenue': '请与审计报告核对' } },
  ]);
}

describe('a returned filing whose required attachments are missing', () => {
  let d: FilingDetail;
  let audit: { slot: string }[];

  beforeAll(async () => {
    d = await submittedFiling(f);
    // The files of two required slots are gone (as in the demo data, or after the rules asked for more).
    audit = await f.t.ctx.db
      .select({ slot: filingAttachments.slot })
      .from(filingAttachments)
      .where(eq(filingAttachments.filingId, d.id));
    expect(audit.length).toBeGreaterThanOrEqual(2);
    for (const a of audit.slice(0, 2)) {
      await f.t.ctx.db
        .delete(filingAttachments)
        .where(and(eq(filingAttachments.filingId, d.id), eq(filingAttachments.slot, a.slot)));
    }
    await later(1);
    await returnOperations(d.id);
    await later(1);
  });

  it('opens 附件 beside the marked section, and only those', async () => {
    const detail = await getFiling(f.p.ksEnterprise.client, d.id);
    expect(detail.status).toBe('returned');
    expect(detail.sections.attachments.complete).toBe(false);
    expect(detail.editableSections).toEqual(['operations', 'attachments']);
    const basic = await saveSection(
      f.p.ksEnterprise.client,
      d.id,
      'basic',
      sample.basic,
      detail.sections.basic.version,
    );
    expect(basic.statusCode).toBe(409);
    expect(basic.json().message).toContain('只能修改：经营情况、附件');
  });

  it('uploads the missing files; 附件 stays open once repaired; the resubmission is accepted', async () => {
    const refused = await submit(f.p.ksEnterprise.client, d.id);
    expect(refused.statusCode).toBe(400);
    for (const a of audit.slice(0, 2)) {
      const res = await uploadAttachment(f.p.ksEnterprise.client, d.id, a.slot, {
        filename: `${a.slot.replace(':', '-')}.pdf`,
        contentType: 'application/pdf',
        data: await realPdf(a.slot),
      });
      expectStatus(res, 201);
    }
    const repaired = await getFiling(f.p.ksEnterprise.client, d.id);
    expect(repaired.sections.attachments.complete).toBe(true);
    // Complete now, but changed since the return: still open (a wrong file can still be replaced).
    expect(repaired.editableSections).toEqual(['operations', 'attachments']);
    const res = await submit(f.p.ksEnterprise.client, d.id);
    expectStatus(res, 200);
    expect((res.json() as FilingDetail).status).toBe('county_review');
  });
});

describe('a returned filing with everything in place', () => {
  it('keeps the unmarked, complete sections closed', async () => {
    const d = await submittedFilingOfWj();
    await later(1);
    // The shared sample registers the filing in 昆山 (its 基本信息 names the county), so 昆山 reviews it.
    await countyReturn(f.p.ksCounty.client, d.id, '请补充说明', [{ section: 'operations', fields: {} }]);
    const detail = await getFiling(f.p.wjEnterprise.client, d.id);
    expect(detail.editableSections).toEqual(['operations']);
    const upload = await uploadAttachment(f.p.wjEnterprise.client, d.id, 'other', {
      filename: 'x.pdf',
      contentType: 'application/pdf',
      data: await realPdf(),
    });
    expect(upload.statusCode).toBe(409);
  });
});

async function submittedFilingOfWj(): Promise<FilingDetail> {
  const client = f.p.wjEnterprise.client;
  const detail = await start(client, 'entry');
  await fillSample(client, detail);
  await uploadRequired(client, detail.id);
  const res = await submit(client, detail.id);
  expectStatus(res, 200);
  return res.json() as FilingDetail;
}
