import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { filingAttachments, files } from '../../../src/server/db/schema';
import type { AttachmentView, FilingDetail } from '../../../src/shared/schemas/filing-api';
import { corruptPng, exeBytes, realJpeg, realPdf, uploadAttachment } from '../../helpers/files';
import { expectStatus, getFiling, setup, start, type Fixture } from './flow';

let f: Fixture;
let d: FilingDetail;
beforeAll(async () => {
  f = await setup({ ATTACHMENT_MAX_MB: '1' });
  d = await start(f.p.ksEnterprise.client, 'entry');
});
afterAll(async () => {
  await f.t.close();
});

function storedFiles(): string[] {
  const root = f.t.config.storageDir;
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((p) =>
    fs.statSync(path.join(root, p)).isFile(),
  );
}

async function counts() {
  const fileRows = await f.t.ctx.db.select().from(files);
  const attachmentRows = await f.t.ctx.db.select().from(filingAttachments);
  return { files: fileRows.length, attachments: attachmentRows.length, stored: storedFiles().length };
}

const upload = (slot: string, filename: string, data: Buffer, contentType = 'application/pdf') =>
  uploadAttachment(f.p.ksEnterprise.client, d.id, slot, { filename, contentType, data });

/** Uploads that must fail change nothing: no rows, no stored bytes. */
async function expectRefused(
  slot: string,
  filename: string,
  data: Buffer,
  status: number,
  message: RegExp,
  contentType = 'application/pdf',
) {
  const before = await counts();
  const res = await upload(slot, filename, data, contentType);
  expect(res.statusCode).toBe(status);
  expect(res.json().message).toMatch(message);
  expect(await counts()).toEqual(before);
  return res;
}

describe('uploading attachments', () => {
  it('accepts a real PDF, stores it with its digest, and serves it back to the owner', async () => {
    const pdf = await realPdf('2022 审计报告');
    const res = await upload('auditReport:2022', '2022年度审计报告.pdf', pdf);
    expectStatus(res, 201);
    const view = res.json() as AttachmentView;
    expect(view).toMatchObject({
      slot: 'auditReport:2022',
      mimeType: 'application/pdf',
      sizeBytes: pdf.length,
      name: '2022年度审计报告.pdf',
    });
    const [row] = await f.t.ctx.db.select().from(files).where(eq(files.id, view.fileId));
    expect(row!.sha256).toBe(crypto.createHash('sha256').update(pdf).digest('hex'));
    expect(row!.purpose).toBe('attachment');
    expect(await f.t.ctx.storage.get(row!.storageKey)).toEqual(pdf);

    const inline = await f.p.ksEnterprise.client.get(`/api/v1/files/${view.fileId}`);
    expectStatus(inline, 200);
    expect(inline.headers['content-type']).toBe('application/pdf');
    expect(inline.headers['x-content-type-options']).toBe('nosniff');
    expect(inline.headers['content-disposition']).toMatch(/^inline; /);
    expect(inline.rawPayload.equals(pdf)).toBe(true);
    const download = await f.p.ksEnterprise.client.get(`/api/v1/files/${view.fileId}?download=1`);
    expect(download.headers['content-disposition']).toContain('attachment; ');
    expect(download.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('2022年度审计报告.pdf')}`,
    );

    const detail = await getFiling(f.p.ksEnterprise.client, d.id);
    expect(detail.attachments.map((a) => a.id)).toContain(view.id);
  });

  it('accepts a JPG photo, keeping a sanitised name with the real extension', async () => {
    const res = await upload(
      'businessLicense',
      'C:\\fakepath\\营业执照<副本>.jpeg',
      await realJpeg(),
      'image/jpeg',
    );
    expectStatus(res, 201);
    expect(res.json()).toMatchObject({ mimeType: 'image/jpeg', name: '营业执照副本.jpg' });
    const file = await f.p.ksEnterprise.client.get(`/api/v1/files/${res.json().fileId}`);
    expect(file.headers['content-type']).toBe('image/jpeg');
  });

  it('refuses an .exe renamed .pdf, saying which types are accepted', async () => {
    const res = await expectRefused('other', 'report.pdf', exeBytes(), 400, /PDF、JPG 或 PNG/);
    expect(res.json().fieldErrors.file).toContain('修改扩展名无效');
  });

  it('refuses a zero-byte file', async () => {
    await expectRefused('other', 'empty.pdf', Buffer.alloc(0), 400, /空文件/);
  });

  it('refuses a file over the limit with 413 and the limit in MB', async () => {
    const big = Buffer.concat([
      Buffer.from('%PDF-1.4\n'),
      crypto.randomBytes(1024 * 1024 + 10),
      Buffer.from('\n%%EOF\n'),
    ]);
    const res = await expectRefused('other', 'big.pdf', big, 413, /不能超过 1 MB/);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a corrupt image and a truncated PDF', async () => {
    await expectRefused('other', 'scan.png', await corruptPng(), 400, /已损坏/, 'image/png');
    const pdf = await realPdf();
    await expectRefused(
      'other',
      'cut.pdf',
      pdf.subarray(0, Math.floor(pdf.length / 2)),
      400,
      /已损坏或不完整/,
    );
  });

  it('refuses an image over 25 megapixels from its header, saying its size and the cap; accepts one at the cap', async () => {
    const flat = (w: number, h: number) =>
      sharp({ create: { width: w, height: h, channels: 3, background: '#f0f0f0' } })
        .png()
        .toBuffer();
    await expectRefused(
      'other',
      '扫描件.png',
      await flat(7000, 7000),
      400,
      /^图片“扫描件\.png”为 7000×7000 像素（4900 万像素），超过附件上限 2500 万像素，请缩小分辨率/,
      'image/png',
    );
    const res = await upload('other', '扫描件.png', await flat(5000, 5000), 'image/png');
    expectStatus(res, 201);
  });

  it('refuses an image whose last rows are missing (the check decodes every row)', async () => {
    const noise = crypto.randomBytes(500 * 400 * 3);
    const jpeg = await sharp(noise, { raw: { width: 500, height: 400, channels: 3 } })
      .jpeg()
      .toBuffer();
    const png = await sharp(noise, { raw: { width: 500, height: 400, channels: 3 } })
      .png()
      .toBuffer();
    // Cut at 95%: the header and most rows are intact.
    const cut = (b: Buffer) => b.subarray(0, Math.floor(b.length * 0.95));
    await expectRefused('other', 'cut.jpg', cut(jpeg), 400, /已损坏/, 'image/jpeg');
    await expectRefused('other', 'cut.png', cut(png), 400, /已损坏/, 'image/png');
  });

  it('refuses an image in a PDF-only slot, and an unknown slot', async () => {
    await expectRefused('selfAssessment', 'self.jpg', await realJpeg(), 400, /只接受 PDF/, 'image/jpeg');
    const res = await expectRefused('secrets', 'x.pdf', await realPdf(), 400, /请选择附件类别/);
    expect(res.json().fieldErrors.slot).toBeTruthy();
  });

  it('deletes an attachment while editable', async () => {
    const res = await upload('other', '说明.pdf', await realPdf('说明'));
    expectStatus(res, 201);
    const id = res.json().id as string;
    const del = await f.p.ksEnterprise.client.delete(`/api/v1/filings/${d.id}/attachments/${id}`);
    expect(del.statusCode).toBe(204);
    const detail = await getFiling(f.p.ksEnterprise.client, d.id);
    expect(detail.attachments.map((a) => a.id)).not.toContain(id);
    const again = await f.p.ksEnterprise.client.delete(`/api/v1/filings/${d.id}/attachments/${id}`);
    expect(again.statusCode).toBe(404);
  });

  it('does not let another enterprise upload to or delete from the filing, or read its files', async () => {
    const other = f.p.wjEnterprise.client;
    const before = await counts();
    const res = await uploadAttachment(other, d.id, 'other', {
      filename: 'x.pdf',
      contentType: 'application/pdf',
      data: await realPdf(),
    });
    expect(res.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
    const detail = await getFiling(f.p.ksEnterprise.client, d.id);
    const a = detail.attachments[0]!;
    expect((await other.delete(`/api/v1/filings/${d.id}/attachments/${a.id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/v1/files/${a.fileId}`)).statusCode).toBe(404);
    expect((await f.p.anonymous.get(`/api/v1/files/${a.fileId}`)).statusCode).toBe(401);
    // A draft's files are not for reviewers either.
    expect((await f.p.ksCounty.client.get(`/api/v1/files/${a.fileId}`)).statusCode).toBe(404);
  });
});
