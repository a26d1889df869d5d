/**
 * Issue 16 item 9: concurrent writes on one filing. Before the fix, a section save read the filing FOR SHARE and
 * then updated filings.updated_at: two saves holding the share lock both needed the exclusive one → "deadlock
 * detected" → 500. Meaningful on PostgreSQL (TEST_DATABASE_URL); PGlite runs one statement at a time.
 */
import type { LightMyRequestResponse } from 'fastify';
import type { FilingDetail, SectionKey } from '../../../src/shared/schemas/filing-api';
import { sampleSections } from '../../../src/shared/filing/fixtures';
import { realPdf, uploadAttachment } from '../../helpers/files';
import { expectStatus, getFiling, saveSection, setup, start, YEAR, type Fixture } from './flow';

let f: Fixture;
beforeAll(async () => {
  f = await setup();
});
afterAll(async () => {
  await f.t.close();
});

const sample = sampleSections({ campaignYear: YEAR });

function tally(responses: LightMyRequestResponse[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const r of responses) out[r.statusCode] = (out[r.statusCode] ?? 0) + 1;
  return out;
}

function failures(responses: LightMyRequestResponse[]): string[] {
  return responses
    .filter((r) => r.statusCode !== 200 && r.statusCode !== 409)
    .map((r) => r.body.slice(0, 300));
}

describe('concurrent saves on one filing', () => {
  it('two saves in parallel on one draft, 40 rounds: every answer is 200 or 409, never 500', async () => {
    const client = f.p.ksEnterprise.client;
    const d = await start(client, 'entry');
    const all: LightMyRequestResponse[] = [];
    for (let round = 0; round < 40; round++) {
      const cur = await getFiling(client, d.id);
      // Odd rounds: two different sections; even rounds: the same section from the same version (a second tab).
      const [a, b]: [SectionKey, SectionKey] =
        round % 2 ? ['basic', 'products'] : ['operations', 'operations'];
      const res = await Promise.all([
        saveSection(client, d.id, a, sample[a], cur.sections[a].version),
        saveSection(client, d.id, b, sample[b], cur.sections[b].version),
      ]);
      all.push(...res);
      if (a === b) expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      else expect(res.map((r) => r.statusCode)).toEqual([200, 200]);
    }
    expect(failures(all)).toEqual([]);
    expect(tally(all)[200]).toBe(60);
  }, 120_000);

  it('a save beside an upload on the same filing: both succeed', async () => {
    const client = f.p.ksEnterprise.client;
    const d = (await getFiling(client, (await listOwn())[0]!)) as FilingDetail;
    const pdf = await realPdf('other');
    const all: LightMyRequestResponse[] = [];
    for (let round = 0; round < 10; round++) {
      const cur = await getFiling(client, d.id);
      const res = await Promise.all([
        saveSection(
          client,
          d.id,
          'attachments',
          cur.sections.attachments.data,
          cur.sections.attachments.version,
        ),
        uploadAttachment(client, d.id, 'other', {
          filename: 'x.pdf',
          contentType: 'application/pdf',
          data: pdf,
        }),
      ]);
      all.push(...res);
    }
    expect(all.filter((r) => r.statusCode >= 500).map((r) => r.body.slice(0, 300))).toEqual([]);
    expect(all.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
  }, 120_000);

  it('several writers on two filings: no 500, every save either lands or is a clean conflict', async () => {
    const wj = f.p.wjEnterprise.client;
    const ks = f.p.ksEnterprise.client;
    const wjFiling = await start(wj, 'entry');
    const ksId = (await listOwn())[0]!;
    const writers: { client: typeof ks; id: string; section: SectionKey }[] = [];
    for (const section of ['basic', 'products', 'operations', 'innovation'] as SectionKey[]) {
      writers.push({ client: ks, id: ksId, section }, { client: wj, id: wjFiling.id, section });
    }
    const all: LightMyRequestResponse[] = [];
    await Promise.all(
      writers.map(async (w) => {
        for (let i = 0; i < 8; i++) {
          const cur = await getFiling(w.client, w.id);
          const res = await saveSection(
            w.client,
            w.id,
            w.section,
            sample[w.section],
            cur.sections[w.section].version,
          );
          all.push(res);
        }
      }),
    );
    expect(failures(all)).toEqual([]);
    // Each writer owns its section: nobody else moves its version, so every save lands.
    expect(tally(all)[200]).toBe(writers.length * 8);
    // A deadlock or a lock timeout (1 s on PostgreSQL) would have failed a save above: failures(all) is empty.
  }, 120_000);
});

async function listOwn(): Promise<string[]> {
  const res = await f.p.ksEnterprise.client.get('/api/v1/filings');
  expectStatus(res, 200);
  return (res.json().items as { id: string }[]).map((i) => i.id);
}
