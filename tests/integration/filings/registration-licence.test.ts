import { eq } from 'drizzle-orm';
import { auditEvents, enterprises, filingAttachments, files } from '../../../src/server/db/schema';
import type { AttachmentView, FilingDetail } from '../../../src/shared/schemas/filing-api';
import { registerEnterprise } from '../../helpers/accounts';
import type { TestClient } from '../../helpers/test-app';
import { expectStatus, getFiling, setup, start, type Fixture } from './flow';

/*
 * The 营业执照 uploaded at registration is offered as the filing's 营业执照 attachment (issue 16): the enterprise
 * need not upload it again.
 */

let f: Fixture;
let client: TestClient;
let filing: FilingDetail;
let enterpriseId: string;

beforeAll(async () => {
  f = await setup();
  client = f.t.client();
  const { fields } = await registerEnterprise(f.t, client);
  const [e] = await f.t.ctx.db.select().from(enterprises).where(eq(enterprises.uscc, fields.uscc!));
  enterpriseId = e!.id;
  filing = await start(client, 'entry');
});
afterAll(async () => {
  await f.t.close();
});

const attach = (c: TestClient, id: string) =>
  c.post(`/api/v1/filings/${id}/attachments/registration-licence`);

describe('using the licence uploaded at registration as the 营业执照 attachment', () => {
  it('tells the owner that a licence from registration is there (reviewers are not told)', async () => {
    expect(filing.registrationLicence).toEqual({ mimeType: 'image/png', sizeBytes: expect.any(Number) });
    expect(filing.attachments.filter((a) => a.slot === 'businessLicense')).toEqual([]);
  });

  it('copies it into the filing as the 营业执照 attachment: same bytes, its own file, audited', async () => {
    const res = await attach(client, filing.id);
    expectStatus(res, 201);
    const view = res.json() as AttachmentView;
    expect(view).toMatchObject({
      slot: 'businessLicense',
      name: '营业执照（注册时上传）.png',
      mimeType: 'image/png',
    });

    const [licence] = await f.t.ctx.db
      .select({ file: files })
      .from(enterprises)
      .innerJoin(files, eq(files.id, enterprises.licenceFileId))
      .where(eq(enterprises.id, enterpriseId));
    const [copy] = await f.t.ctx.db.select().from(files).where(eq(files.id, view.fileId));
    expect(copy!.id).not.toBe(licence!.file.id);
    expect(copy!.purpose).toBe('attachment');
    expect(copy!.sha256).toBe(licence!.file.sha256);
    expect(await f.t.ctx.storage.get(copy!.storageKey)).toEqual(
      await f.t.ctx.storage.get(licence!.file.storageKey),
    );

    // The filing now holds it; the 附件 section counts it; the owner can open it.
    const after = await getFiling(client, filing.id);
    expect(after.attachments.filter((a) => a.slot === 'businessLicense').map((a) => a.fileId)).toEqual([
      view.fileId,
    ]);
    expect((await client.get(`/api/v1/files/${view.fileId}`)).statusCode).toBe(200);
    const events = await f.t.ctx.db.select().from(auditEvents).where(eq(auditEvents.targetId, filing.id));
    expect(events.find((e) => e.action === 'filing.attachment_add')?.details).toMatchObject({
      slot: 'businessLicense',
      fileId: view.fileId,
      fromRegistrationLicence: licence!.file.id,
    });
  });

  it('refuses to add it twice, saying it is already there', async () => {
    const res = await attach(client, filing.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe('注册时上传的营业执照已在“营业执照”附件中，无需重复添加。');
    const rows = await f.t.ctx.db
      .select()
      .from(filingAttachments)
      .where(eq(filingAttachments.filingId, filing.id));
    expect(rows).toHaveLength(1);
  });

  it('an enterprise without a licence from registration is not offered one and is told to upload', async () => {
    // The personas are made by the test factory, without a licence.
    const own = await start(f.p.ksEnterprise.client, 'entry');
    expect(own.registrationLicence).toBeNull();
    const res = await attach(f.p.ksEnterprise.client, own.id);
    expect(res.statusCode).toBe(404);
    expect(res.json().message).toBe('未找到注册时上传的营业执照，请直接上传营业执照扫描件或照片。');
  });

  it('another enterprise cannot add its licence to this filing', async () => {
    const res = await attach(f.p.ksEnterprise.client, filing.id);
    expect([403, 404]).toContain(res.statusCode);
  });
});
