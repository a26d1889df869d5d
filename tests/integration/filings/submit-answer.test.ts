/**
 * Issue #15: the submit answers with the filing's detail built inside its transaction from what it already read and
 * wrote (the updated row, campaign, sections, attachments) instead of reading the filing again after the commit.
 * The answer must be exactly what a fresh read of the filing shows — first submission, a pending section saved
 * with the submit, and a resubmission after a return.
 */
import type { FilingDetail } from '../../../src/shared/schemas/filing-api';
import { sampleSections } from '../../../src/shared/filing/fixtures';
import {
  countyReturn,
  expectStatus,
  getFiling,
  readyFiling,
  setup,
  submit,
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

describe("the submit's answer", () => {
  it('is the detail a fresh read shows, with the pending section saved, and again after a resubmission', async () => {
    const client = f.p.ksEnterprise.client;
    const ready = await readyFiling(f);
    const sample = sampleSections({ campaignYear: YEAR });
    const pending = [
      { section: 'products', data: sample.products, baseVersion: ready.sections.products.version },
    ];
    const res = await submit(client, ready.id, { pendingSections: pending });
    expectStatus(res, 200);
    const answered = res.json() as FilingDetail;
    expect(answered.status).toBe('county_review');
    expect(answered.sections.products.version).toBe(ready.sections.products.version + 1);
    expect(answered.submission?.verificationCode).toEqual(expect.any(String));
    expect(answered).toEqual(await getFiling(client, ready.id));

    await countyReturn(f.p.ksCounty.client, ready.id, '请补充近三年研发费用明细', [
      { section: 'innovation', fields: {} },
    ]);
    const returned = await getFiling(client, ready.id);
    expect(returned.status).toBe('returned');
    const again = await submit(client, ready.id);
    expectStatus(again, 200);
    const resubmitted = again.json() as FilingDetail;
    expect(resubmitted.status).toBe('county_review');
    expect(resubmitted).toEqual(await getFiling(client, ready.id));
  });
});
