import type { LightMyRequestResponse } from 'fastify';
import { ensureDefaultCampaign } from '../../../src/server/modules/campaigns/service';
import { ManualClock } from '../../../src/server/services/clock';
import { sampleAttachmentSlots, sampleSections } from '../../../src/shared/filing/fixtures';
import type { FilingDetail, SectionKey } from '../../../src/shared/schemas/filing-api';
import type { ActionResponse, ReviewDetail } from '../../../src/shared/schemas/review-api';
import { realPdf, uploadAttachment } from '../../helpers/files';
import { createPersonas, type Personas } from '../../helpers/personas';
import { createTestApp, type TestApp, type TestClient } from '../../helpers/test-app';

/** The 2023 campaign (filing 2023-02-20 … 2023-03-24, Asia/Shanghai); the clock starts inside the window. */
export const YEAR = 2023;
export const IN_WINDOW = '2023-03-01T09:00:00+08:00';
export const RULE_CTX = { campaignYear: YEAR, asOf: '2023-03-01', kind: 'entry' as const };
export const DATA_SECTIONS: SectionKey[] = ['basic', 'products', 'operations', 'innovation', 'recognitions'];
export const DECLARATIONS = { truthfulness: true, compliance: true };

export interface Fixture {
  t: TestApp;
  p: Personas;
}

export async function setup(env: Record<string, string> = {}): Promise<Fixture> {
  const t = await createTestApp({ clock: new ManualClock(IN_WINDOW), env });
  await ensureDefaultCampaign(t.ctx, YEAR);
  const p = await createPersonas(t);
  return { t, p };
}

export function expectStatus(res: LightMyRequestResponse, status: number): void {
  if (res.statusCode !== status) {
    throw new Error(`expected HTTP ${status}, got ${res.statusCode}: ${res.body.slice(0, 800)}`);
  }
}

export async function start(client: TestClient, kind: 'entry' | 'update' = 'entry'): Promise<FilingDetail> {
  const res = await client.post('/api/v1/filings', { kind });
  expectStatus(res, 201);
  return res.json() as FilingDetail;
}

export async function getFiling(client: TestClient, id: string): Promise<FilingDetail> {
  const res = await client.get(`/api/v1/filings/${id}`);
  expectStatus(res, 200);
  return res.json() as FilingDetail;
}

export function saveSection(
  client: TestClient,
  id: string,
  section: SectionKey,
  data: unknown,
  baseVersion: number,
) {
  return client.put(`/api/v1/filings/${id}/sections/${section}`, {
    data: data as Record<string, unknown>,
    baseVersion,
  });
}

/** Saves the complete sample data into every data section. */
export async function fillSample(client: TestClient, detail: FilingDetail, year = YEAR): Promise<void> {
  const sample = sampleSections({ campaignYear: year });
  for (const key of DATA_SECTIONS) {
    const res = await saveSection(client, detail.id, key, sample[key], detail.sections[key].version);
    expectStatus(res, 200);
  }
}

/** Uploads a real PDF to every attachment slot the sample filing requires. */
export async function uploadRequired(client: TestClient, id: string, year = YEAR): Promise<void> {
  for (const slot of sampleAttachmentSlots({ ...RULE_CTX, campaignYear: year })) {
    const res = await uploadAttachment(client, id, slot, {
      filename: `${slot.replace(':', '-')}.pdf`,
      contentType: 'application/pdf',
      data: await realPdf(slot),
    });
    expectStatus(res, 201);
  }
}

export function submit(client: TestClient, id: string, body: Record<string, unknown> = {}) {
  return client.post(`/api/v1/filings/${id}/submit`, { declarations: DECLARATIONS, ...body });
}

/** A complete 新增入库 of the 昆山 enterprise, filled, with its files, not yet submitted. */
export async function readyFiling(f: Fixture): Promise<FilingDetail> {
  const client = f.p.ksEnterprise.client;
  const detail = await start(client, 'entry');
  await fillSample(client, detail);
  await uploadRequired(client, detail.id);
  return getFiling(client, detail.id);
}

/** A submitted 新增入库 of the 昆山 enterprise. */
export async function submittedFiling(f: Fixture): Promise<FilingDetail> {
  const ready = await readyFiling(f);
  const res = await submit(f.p.ksEnterprise.client, ready.id);
  expectStatus(res, 200);
  return res.json() as FilingDetail;
}

/**
 * The county reviewer returns a filing to the enterprise through the real review action (the same route, history,
 * notification and view reset a reviewer produces), at the status version the reviewer's page shows.
 */
export async function countyReturn(
  client: TestClient,
  id: string,
  reason: string,
  returnSections: { section: SectionKey; fields: Record<string, string> }[],
): Promise<ActionResponse> {
  const page = await client.get(`/api/v1/review/filings/${id}`);
  expectStatus(page, 200);
  const res = await client.post(`/api/v1/review/filings/${id}/actions`, {
    action: 'county_return',
    reason,
    expectedStatusVersion: (page.json() as ReviewDetail).statusVersion,
    returnSections,
  });
  expectStatus(res, 200);
  return res.json() as ActionResponse;
}
