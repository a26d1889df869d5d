import { eq } from 'drizzle-orm';
import { enterprises, filings } from '../../../src/server/db/schema';
import { snapshotDigest, type Snapshot } from '../../../src/server/modules/filings/service';
import { sampleSections } from '../../../src/shared/filing/fixtures';
import type { FilingDetail } from '../../../src/shared/schemas/filing-api';
import { realJpeg, uploadAttachment } from '../../helpers/files';
import type { Persona } from '../../helpers/personas';
import type { TestClient } from '../../helpers/test-app';
import {
  countyReturn,
  expectStatus,
  getFiling,
  saveSection,
  setup,
  start,
  submittedFiling,
  YEAR,
  type Fixture,
} from './flow';

let f: Fixture;
let d: FilingDetail;
let fileId: string;
let draft: FilingDetail;
beforeAll(async () => {
  f = await setup();
  d = await submittedFiling(f);
  fileId = d.attachments[0]!.fileId;
  draft = await start(f.p.wjEnterprise.client, 'entry');
});
afterAll(async () => {
  await f.t.close();
});

const reads = (id: string, file: string) => [
  `/api/v1/filings/${id}`,
  `/api/v1/filings/${id}/history`,
  `/api/v1/filings/${id}/document.pdf`,
  `/api/v1/files/${file}`,
];

/** GET /api/v1/filings (我的填报) is for enterprises: a government user is told where to look instead. */
async function expectOwnListRefused(client: TestClient): Promise<void> {
  const res = await client.get('/api/v1/filings');
  expect(res.statusCode).toBe(403);
  expect(res.json()).toMatchObject({
    code: 'FORBIDDEN',
    message: '“我的填报”仅供企业账号使用；本地区的填报请在“待我审核”中查看（支持筛选和分页）。',
  });
}

describe('who may read a filing', () => {
  it('another enterprise gets NOT_FOUND for the filing, its history, its document and its files', async () => {
    for (const url of reads(d.id, fileId)) {
      const res = await f.p.wjEnterprise.client.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().code).toBe('NOT_FOUND');
    }
    const list = await f.p.wjEnterprise.client.get('/api/v1/filings');
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((i: { id: string }) => i.id);
    expect(ids).toContain(draft.id);
    expect(ids).not.toContain(d.id);
  });

  it('an anonymous visitor gets UNAUTHENTICATED', async () => {
    for (const url of [...reads(d.id, fileId), '/api/v1/filings']) {
      const res = await f.p.anonymous.get(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
    }
  });

  it('the 吴江 county reviewer gets NOT_FOUND', async () => {
    for (const url of reads(d.id, fileId)) {
      expect((await f.p.wjCounty.client.get(url)).statusCode, url).toBe(404);
    }
    await expectOwnListRefused(f.p.wjCounty.client);
  });

  it('the 昆山 county, the 苏州 city and the province read it (read-only)', async () => {
    const readers: Persona[] = [f.p.ksCounty, f.p.szCity, f.p.province];
    for (const r of readers) {
      for (const url of reads(d.id, fileId)) {
        expect((await r.client.get(url)).statusCode, `${r.role} ${url}`).toBe(200);
      }
      const detail = await getFiling(r.client, d.id);
      expect(detail.allowedActions).toEqual(['document']);
      expect(detail.editableSections).toEqual([]);
      expect(detail.sections.basic.data['countyCode']).toBe('320583');
      // 我的填报 is the enterprise's list: reviewers find the region's filings in 待我审核 (filtered, paged).
      await expectOwnListRefused(r.client);
    }
  }, 180_000);

  it('reviewers cannot change the filing', async () => {
    const c = f.p.ksCounty.client;
    const save = await saveSection(c, d.id, 'basic', {}, d.sections.basic.version);
    expect(save.statusCode).toBe(403);
    expect(
      (
        await c.post(`/api/v1/filings/${d.id}/submit`, {
          declarations: { truthfulness: true, compliance: true },
        })
      ).statusCode,
    ).toBe(403);
    expect((await c.post(`/api/v1/filings/${d.id}/withdraw`, {})).statusCode).toBe(403);
    const up = await uploadAttachment(c, d.id, 'other', {
      filename: 'a.jpg',
      contentType: 'image/jpeg',
      data: await realJpeg(),
    });
    expect(up.statusCode).toBe(403);
    expect((await getFiling(f.p.ksEnterprise.client, d.id)).status).toBe('county_review');
  });

  it('drafts stay with the enterprise: no reviewer sees them', async () => {
    for (const r of [f.p.wjCounty, f.p.szCity, f.p.province]) {
      expect((await r.client.get(`/api/v1/filings/${draft.id}`)).statusCode).toBe(404);
    }
    expect((await f.p.wjEnterprise.client.get(`/api/v1/filings/${draft.id}`)).statusCode).toBe(200);
  });

  it("reviewers of the enterprise's region may read its licence image; others may not", async () => {
    const licence = await uploadAttachment(f.p.wjEnterprise.client, draft.id, 'businessLicense', {
      filename: 'licence.jpg',
      contentType: 'image/jpeg',
      data: await realJpeg(),
    });
    expectStatus(licence, 201);
    const licenceId = licence.json().fileId as string;
    await f.t.ctx.db
      .update(enterprises)
      .set({ licenceFileId: licenceId })
      .where(eq(enterprises.id, f.p.wjEnterprise.enterpriseId!));
    expect((await f.p.wjCounty.client.get(`/api/v1/files/${licenceId}`)).statusCode).toBe(200);
    expect((await f.p.szCity.client.get(`/api/v1/files/${licenceId}`)).statusCode).toBe(200);
    expect((await f.p.ksCounty.client.get(`/api/v1/files/${licenceId}`)).statusCode).toBe(404);
    expect((await f.p.ksEnterprise.client.get(`/api/v1/files/${licenceId}`)).statusCode).toBe(404);
  });

  it('answers NOT_FOUND for malformed ids', async () => {
    expect((await f.p.ksEnterprise.client.get('/api/v1/filings/not-a-uuid')).statusCode).toBe(404);
    expect((await f.p.ksEnterprise.client.get('/api/v1/files/not-a-uuid')).statusCode).toBe(404);
  });
});

describe('the 申报书 and its verification', () => {
  it('is a PDF of the submitted filing', async () => {
    const res = await f.p.ksEnterprise.client.get(`/api/v1/filings/${d.id}/document.pdf`);
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^inline; /);
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(res.rawPayload.subarray(-1024).toString('latin1')).toContain('%%EOF');
    expect(res.rawPayload.length).toBeGreaterThan(10_000);
  });

  it('does not exist before the first submission', async () => {
    const res = await f.p.wjEnterprise.client.get(`/api/v1/filings/${draft.id}/document.pdf`);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('尚未提交');
  });

  it('tells the operator to install fonts-noto-cjk when the font is missing', async () => {
    const saved = process.env.FONT_PATH;
    process.env.FONT_PATH = '/nonexistent/NotoSansCJK-Regular.ttc';
    try {
      const res = await f.p.ksEnterprise.client.get(`/api/v1/filings/${d.id}/document.pdf`);
      expect(res.statusCode).toBe(503);
      expect(res.json().message).toContain('fonts-noto-cjk');
    } finally {
      if (saved === undefined) delete process.env.FONT_PATH;
      else process.env.FONT_PATH = saved;
    }
  });

  it('the public verification finds the code and shows only what the document shows, credit code masked', async () => {
    const code = d.submission!.verificationCode;
    const res = await f.p.anonymous.get(`/api/v1/public/verify/${code.toLowerCase()}`);
    expectStatus(res, 200);
    const [row] = await f.t.ctx.db.select().from(filings).where(eq(filings.id, d.id));
    expect(res.json()).toEqual({
      found: true,
      document: {
        enterpriseName: '昆山精工数控机械有限公司',
        usccMasked: '9132********92463X',
        kindLabel: '新增入库',
        campaignName: '2023年度优质中小企业入库培育和创新型中小企业评价',
        submittedAt: d.submittedAt,
        scoreTotal: 90,
        digest: snapshotDigest(row!.snapshot as unknown as Snapshot),
        statusLabel: '待县区审核',
      },
    });
    expect(res.json().document.digest).toMatch(/^[0-9a-f]{64}$/);
    const missing = await f.p.anonymous.get('/api/v1/public/verify/ABCDEFGHJKMN');
    expect(missing.json()).toEqual({ found: false, document: null });
  });

  it('keeps printing the submitted snapshot while the draft data changes', async () => {
    await countyReturn(f.p.ksCounty.client, d.id, '请补充主营业务描述', [
      { section: 'basic', fields: { mainBusiness: '请补充' } },
      { section: 'attachments', fields: {} },
    ]);
    const detail = await getFiling(f.p.ksEnterprise.client, d.id);
    const basic = { ...sampleSections({ campaignYear: YEAR }).basic, address: '修改后的地址' };
    expectStatus(
      await saveSection(f.p.ksEnterprise.client, d.id, 'basic', basic, detail.sections.basic.version),
      200,
    );
    const before = await f.p.anonymous.get(`/api/v1/public/verify/${d.submission!.verificationCode}`);
    const [row] = await f.t.ctx.db.select().from(filings).where(eq(filings.id, d.id));
    const snapshot = row!.snapshot as unknown as Snapshot;
    expect(snapshot.sections.basic['address']).toBe('江苏省苏州市昆山市开发区前进东路 1288 号');
    expect(before.json().document.digest).toBe(snapshotDigest(snapshot));
    // The reviewer still sees the submitted data, not the draft.
    const asReviewer = await getFiling(f.p.ksCounty.client, d.id);
    expect(asReviewer.sections.basic.data['address']).toBe('江苏省苏州市昆山市开发区前进东路 1288 号');
    expect((await f.p.ksEnterprise.client.get(`/api/v1/filings/${d.id}/document.pdf`)).statusCode).toBe(200);

    // A file removed from the draft after the return stays readable to the reviewers: the snapshot lists it.
    const removed = detail.attachments[0]!;
    const del = await f.p.ksEnterprise.client.delete(`/api/v1/filings/${d.id}/attachments/${removed.id}`);
    expect(del.statusCode).toBe(204);
    expect((await f.p.ksCounty.client.get(`/api/v1/files/${removed.fileId}`)).statusCode).toBe(200);
    expect((await f.p.wjCounty.client.get(`/api/v1/files/${removed.fileId}`)).statusCode).toBe(404);
  });

  it('limits the rate of public verification requests', async () => {
    const client: TestClient = f.t.client();
    let limited = 0;
    for (let i = 0; i < 35; i++) {
      const res = await client.get('/api/v1/public/verify/ABCDEFGHJKMN');
      if (res.statusCode === 429) limited += 1;
    }
    expect(limited).toBeGreaterThan(0);
  });
});
