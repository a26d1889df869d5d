import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import multipartPlugin from '@fastify/multipart';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import sharp from 'sharp';
import { AppError } from '../../../src/shared/errors';
import { errorsPlugin } from '../../../src/server/plugins/errors';
import { cleanJpegOrPng, LICENCE_MESSAGES } from '../../../src/server/services/images';
import {
  checkFile,
  lastField,
  MALFORMED_MULTIPART_MESSAGE,
  readMultipart,
  requireFile,
  storeUpload,
  uploadName,
  type MultipartSpec,
} from '../../../src/server/services/multipart';
import { LocalDiskStorage } from '../../../src/server/services/storage';

/*
 * The one multipart reader (src/server/services/multipart.ts) behind a bare Fastify app with the same plugin
 * options and error handler as the platform: limits, wrong types, a missing file, field collection, the answers
 * (status, x-error-reason, message, field) and that a failed upload leaves nothing in storage.
 */

const MAX = 1000;

const tooLarge = () =>
  AppError.of('LICENCE_TOO_LARGE', { megabytes: '0.001' }, { licence: '营业执照图片不能超过 0.001 MB' });

const spec: MultipartSpec = { fileField: 'licence', maxBytes: MAX, formOverheadBytes: 2000, tooLarge };

let app: FastifyInstance;
let storageDir: string;
let storage: LocalDiskStorage;

function storedFiles(): string[] {
  if (!fs.existsSync(storageDir)) return [];
  return (fs.readdirSync(storageDir, { recursive: true }) as string[]).filter((p) =>
    fs.statSync(path.join(storageDir, p)).isFile(),
  );
}

beforeAll(async () => {
  storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'multipart-reader-'));
  storage = new LocalDiskStorage(storageDir);
  app = Fastify();
  await errorsPlugin(app);
  // The platform's plugin options (app.ts): a global file cap above any caller's own limit.
  await app.register(multipartPlugin, {
    limits: { fileSize: 50 * MAX, files: 1, fields: 40, fieldSize: 64 * 1024, parts: 45 },
  });
  app.post('/form', async (request) => {
    const form = await readMultipart(request, spec);
    return {
      fields: form.fields,
      entries: form.entries,
      lastNote: lastField(form, 'note'),
      file: form.file && {
        field: form.file.field,
        size: form.file.data.length,
        filename: form.file.filename,
      },
    };
  });
  app.post('/import', async (request) => {
    const form = await readMultipart(request, {
      fileField: 'file',
      maxBytes: MAX,
      tooLarge: () => new AppError('PAYLOAD_TOO_LARGE'),
      notMultipart: () => AppError.of('MULTIPART_REQUIRED'),
    });
    const file = requireFile(form, () => AppError.of('IMPORT_FILE_REQUIRED', {}, { file: '请选择文件' }));
    return { size: file.data.length };
  });
  app.post('/licence', async (request) => {
    const form = await readMultipart(request, { ...spec, maxBytes: 5 * MAX * MAX });
    const file = requireFile(form, () => AppError.of('IMPORT_FILE_REQUIRED'));
    const checked = await checkFile(file, uploadName(file, '营业执照'), async (data) => {
      const r = await cleanJpegOrPng(data);
      return r.ok ? { ok: true as const, image: r.image } : r;
    });
    return { mimeType: checked.image.mimeType };
  });
  app.post('/stored', async (request: FastifyRequest<{ Querystring: { fail?: string } }>) => {
    const form = await readMultipart(request, spec);
    const file = requireFile(form, () => AppError.of('IMPORT_FILE_REQUIRED'));
    const key = `uploads/ab/${crypto.randomUUID()}`;
    await storeUpload(storage, key, file.data, async () => {
      if (request.query.fail) throw AppError.of('LICENCE_ALREADY_ATTACHED');
    });
    return { key };
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  fs.rmSync(storageDir, { recursive: true, force: true });
});

interface Part {
  name: string;
  value?: string;
  filename?: string;
  data?: Buffer;
}

function body(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = 'reader-test-boundary';
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition =
      p.data !== undefined
        ? `form-data; name="${p.name}"; filename="${p.filename ?? 'x.bin'}"\r\nContent-Type: application/octet-stream`
        : `form-data; name="${p.name}"`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
    chunks.push(p.data ?? Buffer.from(p.value ?? ''), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function post(url: string, parts: Part[], extraHeaders: Record<string, string> = {}) {
  const { payload, headers } = body(parts);
  return app.inject({ method: 'POST', url, payload, headers: { ...headers, ...extraHeaders } });
}

describe('readMultipart', () => {
  it('collects the text fields (first value; every value in order) and the file of the named field', async () => {
    const res = await post('/form', [
      { name: 'username', value: '张三' },
      { name: 'note', value: 'first' },
      { name: 'licence', filename: '执照.png', data: Buffer.alloc(MAX, 7) },
      { name: 'note', value: 'second' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      fields: { username: '张三', note: 'first' },
      entries: [
        ['username', '张三'],
        ['note', 'first'],
        ['note', 'second'],
      ],
      lastNote: 'second',
      file: { field: 'licence', size: MAX, filename: '执照.png' },
    });
  });

  it('drops a file sent under another field name, so the form has no file', async () => {
    const res = await post('/form', [{ name: 'other', data: Buffer.alloc(10, 1) }]);
    expect(res.json().file).toBeNull();
  });

  it("answers a file one byte over the limit with the caller's reason code, status and field", async () => {
    const res = await post('/form', [{ name: 'licence', data: Buffer.alloc(MAX + 1, 7) }]);
    expect(res.statusCode).toBe(413);
    expect(res.headers['x-error-reason']).toBe('LICENCE_TOO_LARGE');
    const envelope = res.json();
    expect(envelope.code).toBe('PAYLOAD_TOO_LARGE');
    expect(envelope.message).toBe('营业执照图片不能超过 0.001 MB，请压缩或重新拍照后再上传。');
    expect(envelope.fieldErrors).toEqual({ licence: '营业执照图片不能超过 0.001 MB' });
  });

  it('refuses a declared Content-Length above the file limit plus the form overhead before reading', async () => {
    const { payload, headers } = body([{ name: 'licence', data: Buffer.alloc(10, 7) }]);
    const res = await app.inject({
      method: 'POST',
      url: '/form',
      // The body is small; only the declared length is over the limit.
      payload: Buffer.concat([payload, Buffer.alloc(MAX + 2001, 0x20)]),
      headers,
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['x-error-reason']).toBe('LICENCE_TOO_LARGE');
  });

  it('answers a second file with the plain 413 (one file per form)', async () => {
    const res = await post('/form', [
      { name: 'licence', data: Buffer.alloc(10, 1) },
      { name: 'licence', data: Buffer.alloc(10, 2) },
    ]);
    expect(res.statusCode).toBe(413);
    expect(res.headers['x-error-reason']).toBe('PAYLOAD_TOO_LARGE');
    expect(res.json()).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      message: '上传的内容过大，请压缩或拆分后重试。',
    });
  });

  it('answers a body cut short, or one without a boundary, with 400 and the form-format message', async () => {
    const { payload, headers } = body([{ name: 'licence', data: Buffer.alloc(100, 1) }]);
    const cut = await app.inject({ method: 'POST', url: '/form', payload: payload.subarray(0, 80), headers });
    expect(cut.statusCode).toBe(400);
    expect(cut.headers['x-error-reason']).toBe('BAD_REQUEST');
    expect(cut.json().message).toBe(MALFORMED_MULTIPART_MESSAGE);
    const noBoundary = await app.inject({
      method: 'POST',
      url: '/form',
      payload,
      headers: { 'content-type': 'multipart/form-data' },
    });
    expect(noBoundary.statusCode).toBe(400);
    expect(noBoundary.json().message).toBe(MALFORMED_MULTIPART_MESSAGE);
  });

  it("answers a request that is not multipart with 415, or with the caller's own reason", async () => {
    const plain = await app.inject({ method: 'POST', url: '/form', payload: { licence: 'x' } });
    expect(plain.statusCode).toBe(415);
    expect(plain.headers['x-error-reason']).toBe('UNSUPPORTED_MEDIA_TYPE');
    const own = await app.inject({ method: 'POST', url: '/import', payload: { file: 'x' } });
    expect(own.statusCode).toBe(415);
    expect(own.headers['x-error-reason']).toBe('MULTIPART_REQUIRED');
    expect(own.json().message).toBe('请以 multipart/form-data 上传文件。');
  });

  it("answers a form without its file with the caller's missing-file reason and field", async () => {
    const res = await post('/import', [{ name: 'note', value: 'no file here' }]);
    expect(res.statusCode).toBe(400);
    expect(res.headers['x-error-reason']).toBe('IMPORT_FILE_REQUIRED');
    expect(res.json()).toMatchObject({
      message: '请选择要导入的文件。',
      fieldErrors: { file: '请选择文件' },
    });
  });
});

describe('checkFile', () => {
  it('accepts a file by its bytes whatever its name', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } })
      .png()
      .toBuffer();
    const res = await post('/licence', [{ name: 'licence', filename: 'licence.pdf', data: png }]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ mimeType: 'image/png' });
  });

  it("refuses a wrong type by its magic bytes, with the check's message beside the file's field", async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
    const res = await post('/licence', [{ name: 'licence', filename: '营业执照.jpg', data: pdf }]);
    expect(res.statusCode).toBe(400);
    expect(res.headers['x-error-reason']).toBe('VALIDATION_FAILED');
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: LICENCE_MESSAGES.notImage,
      fieldErrors: { licence: LICENCE_MESSAGES.notImage },
    });
  });

  it('names the file without its folders, or by the fallback when none was sent', () => {
    const file = { field: 'file', data: Buffer.alloc(0), filename: 'C:\\Users\\me\\报告.pdf' };
    expect(uploadName(file, '附件')).toBe('报告.pdf');
    expect(uploadName({ ...file, filename: '../../证明.pdf' }, '附件')).toBe('证明.pdf');
    expect(uploadName({ ...file, filename: '' }, '附件')).toBe('附件');
  });
});

describe('storeUpload: nothing stays in storage after a failed upload', () => {
  it('keeps the stored file when recording it succeeds', async () => {
    const before = storedFiles().length;
    const res = await post('/stored', [{ name: 'licence', data: Buffer.alloc(50, 3) }]);
    expect(res.statusCode).toBe(200);
    expect(await storage.get(res.json().key)).toEqual(Buffer.alloc(50, 3));
    expect(storedFiles()).toHaveLength(before + 1);
  });

  it("deletes the stored file again when recording fails, and answers the recording's error", async () => {
    const before = storedFiles();
    const res = await post('/stored?fail=1', [{ name: 'licence', data: Buffer.alloc(50, 4) }]);
    expect(res.statusCode).toBe(409);
    expect(res.headers['x-error-reason']).toBe('LICENCE_ALREADY_ATTACHED');
    expect(storedFiles()).toEqual(before);
  });

  it('stores nothing for an upload refused while reading', async () => {
    const before = storedFiles();
    const res = await post('/stored', [{ name: 'licence', data: Buffer.alloc(MAX + 1, 5) }]);
    expect(res.statusCode).toBe(413);
    expect(storedFiles()).toEqual(before);
  });

  it("logs a failed delete and still answers the recording's error", async () => {
    const failing = {
      put: async () => undefined,
      get: async () => Buffer.alloc(0),
      stream: async () => {
        throw new Error('unused');
      },
      delete: async () => {
        throw new Error('disk gone');
      },
      exists: async () => false,
    };
    const logged: unknown[] = [];
    const log = { error: (obj: unknown) => logged.push(obj) } as unknown as Parameters<typeof storeUpload>[4];
    const refusal = AppError.of('LICENCE_ALREADY_ATTACHED');
    await expect(
      storeUpload(
        failing,
        'uploads/ab/x',
        Buffer.alloc(1),
        async () => {
          throw refusal;
        },
        log,
      ),
    ).rejects.toBe(refusal);
    expect(logged).toEqual([expect.objectContaining({ key: 'uploads/ab/x' })]);
  });

  it('local storage removes its temporary file when the write cannot be completed', async () => {
    // A directory with content where the object should go: the rename fails after the bytes were written.
    const key = 'blocked/ab/target';
    fs.mkdirSync(path.join(storageDir, key, 'inside'), { recursive: true });
    fs.writeFileSync(path.join(storageDir, key, 'inside', 'keep'), 'x');
    await expect(storage.put(key, Buffer.alloc(20, 9))).rejects.toThrow();
    const siblings = fs.readdirSync(path.join(storageDir, 'blocked/ab'));
    expect(siblings).toEqual(['target']);
  });
});
