import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../../src/server/config';
import { files } from '../../../src/server/db/schema';
import { S3Storage } from '../../../src/server/services/storage-s3';
import {
  isMissingObject,
  LocalDiskStorage,
  newStorageKey,
  type Storage,
} from '../../../src/server/services/storage';
import type { AttachmentView } from '../../../src/shared/schemas/filing-api';
import { realPdf, uploadAttachment } from '../../helpers/files';
import { startLocalS3, type LocalS3 } from '../../helpers/scale-env';
import { expectStatus, setup, start, type Fixture } from '../filings/flow';

let s3: LocalS3;
let s3Storage: S3Storage;
let localDir: string;
beforeAll(async () => {
  s3 = await startLocalS3();
  s3Storage = new S3Storage(s3.config);
  localDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-local-storage-'));
});
afterAll(async () => {
  s3Storage?.destroy();
  await s3?.close();
  if (localDir) fs.rmSync(localDir, { recursive: true, force: true });
});

async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

const implementations: [string, () => Storage][] = [
  ['LocalDiskStorage', () => new LocalDiskStorage(localDir)],
  ['S3Storage', () => s3Storage],
];

describe.each(implementations)('the storage contract: %s', (_name, make) => {
  it('puts, gets, streams and deletes an object', async () => {
    const storage = make();
    const key = newStorageKey('contract');
    const data = crypto.randomBytes(300_000);
    expect(await storage.exists(key)).toBe(false);
    await storage.put(key, data);
    expect(await storage.exists(key)).toBe(true);
    expect((await storage.get(key)).equals(data)).toBe(true);
    expect((await readAll(await storage.stream(key))).equals(data)).toBe(true);
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
  });

  it('replaces an object written again under the same key', async () => {
    const storage = make();
    const key = newStorageKey('contract');
    await storage.put(key, Buffer.from('第一版'));
    await storage.put(key, Buffer.from('第二版，更长一些'));
    expect((await storage.get(key)).toString()).toBe('第二版，更长一些');
    await storage.delete(key);
  });

  it('stores an empty object', async () => {
    const storage = make();
    const key = newStorageKey('contract');
    await storage.put(key, Buffer.alloc(0));
    expect(await storage.exists(key)).toBe(true);
    expect((await storage.get(key)).length).toBe(0);
    await storage.delete(key);
  });

  it('treats a missing key the same way: ENOENT on get and stream, false on exists, delete succeeds', async () => {
    const storage = make();
    const key = newStorageKey('missing');
    const getErr = await rejection(storage.get(key));
    expect(isMissingObject(getErr)).toBe(true);
    const streamErr = await rejection(storage.stream(key));
    expect(isMissingObject(streamErr)).toBe(true);
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it('refuses keys that are not platform-generated', async () => {
    const storage = make();
    for (const key of ['../etc/passwd', 'UPPER/case', 'no-slash', 'a/../b']) {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/Invalid storage key/);
      await expect(storage.exists(key)).rejects.toThrow(/Invalid storage key/);
    }
  });
});

describe('S3Storage', () => {
  it('writes under S3_PREFIX in the configured bucket', async () => {
    const key = newStorageKey('prefixed');
    await s3Storage.put(key, Buffer.from('hello'));
    const res = await fetch(`${s3.config.endpoint}/${s3.config.bucket}/platform/${key}`);
    // s3rver serves anonymous GETs of its objects: the object is at bucket/prefix/key.
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('hello');
    const unprefixed = await fetch(`${s3.config.endpoint}/${s3.config.bucket}/${key}`);
    expect(unprefixed.status).toBe(404);
    await s3Storage.delete(key);
  });

  it('reports a server it cannot reach as an error, not as a missing object', async () => {
    const broken = new S3Storage({ ...s3.config, endpoint: 'http://127.0.0.1:1' });
    try {
      const err = await rejection(broken.exists(newStorageKey('x')));
      expect(isMissingObject(err)).toBe(false);
    } finally {
      broken.destroy();
    }
  });
});

describe('configuration', () => {
  it('selects S3 with STORAGE_DRIVER=s3 and refuses an incomplete S3 configuration in both languages', () => {
    const config = loadConfig({ ...s3.env, S3_PREFIX: '/sme/' });
    expect(config.storageDriver).toBe('s3');
    expect(config.s3).toMatchObject({ bucket: 'sme-files', region: 'us-east-1', prefix: 'sme/' });
    expect(loadConfig({}).storageDriver).toBe('local');
    expect(loadConfig({}).s3).toBeUndefined();
    expect(() => loadConfig({ STORAGE_DRIVER: 's3', S3_BUCKET: 'b' })).toThrow(
      /S3_ACCESS_KEY_ID、S3_SECRET_ACCESS_KEY[\s\S]*requires S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY/,
    );
    expect(() => loadConfig({ ...s3.env, S3_ENDPOINT: '127.0.0.1:9000' })).toThrow(/必须以 http/);
  });
});

describe('the app with STORAGE_DRIVER=s3', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await setup({ ...s3.env });
  });
  afterAll(async () => {
    await f?.t.close();
  });

  it('stores an uploaded attachment in the object store (not on disk) and serves it back', async () => {
    expect(f.t.ctx.storage).toBeInstanceOf(S3Storage);
    const d = await start(f.p.ksEnterprise.client, 'entry');
    const pdf = await realPdf('S3 审计报告');
    const up = await uploadAttachment(f.p.ksEnterprise.client, d.id, 'auditReport:2022', {
      filename: '审计报告.pdf',
      contentType: 'application/pdf',
      data: pdf,
    });
    expectStatus(up, 201);
    const view = up.json() as AttachmentView;
    const [row] = await f.t.ctx.db.select().from(files).where(eq(files.id, view.fileId));
    expect(await s3Storage.exists(row!.storageKey)).toBe(true);
    expect((await s3Storage.get(row!.storageKey)).equals(pdf)).toBe(true);
    expect(fs.existsSync(f.t.config.storageDir)).toBe(false);

    const res = await f.p.ksEnterprise.client.get(`/api/v1/files/${view.fileId}?download=1`);
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.equals(pdf)).toBe(true);
  });
});
