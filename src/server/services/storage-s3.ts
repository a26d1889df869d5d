import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { S3Config } from '../config';
import { assertStorageKey, missingObjectError, type Storage } from './storage-contract';

/**
 * Files in an S3-compatible object store (AWS S3, MinIO, Ceph RGW, the S3 endpoints of Chinese clouds), so
 * every app process reads and writes the same files. Path-style addressing (`endpoint/bucket/key`) works
 * with every S3-compatible server; virtual-hosted buckets need DNS the self-hosted ones often lack.
 *
 * Objects are `S3_PREFIX + key`. A PUT is atomic in S3: readers see the old object or the new one.
 * A missing key behaves as on local disk: get/stream reject with code 'ENOENT', delete succeeds.
 */
export class S3Storage implements Storage {
  private readonly client: S3Client;

  constructor(private readonly cfg: S3Config) {
    this.client = new S3Client({
      region: cfg.region,
      ...(cfg.endpoint ? { endpoint: cfg.endpoint } : {}),
      forcePathStyle: true,
      credentials: { accessKeyId: cfg.accessKeyId, secretAccessKey: cfg.secretAccessKey },
      // Checksums on every request are an AWS default since 2025 that some S3-compatible servers reject.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private objectKey(key: string): string {
    assertStorageKey(key);
    return `${this.cfg.prefix}${key}`;
  }

  async put(key: string, data: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.cfg.bucket,
        Key: this.objectKey(key),
        Body: data,
        ContentLength: data.length,
        ContentType: 'application/octet-stream',
      }),
    );
  }

  async get(key: string): Promise<Buffer> {
    const body = await this.stream(key);
    const chunks: Buffer[] = [];
    for await (const chunk of body)
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }

  async stream(key: string): Promise<Readable> {
    try {
      const res = await this.client.send(
        new GetObjectCommand({ Bucket: this.cfg.bucket, Key: this.objectKey(key) }),
      );
      const body = res.Body;
      if (body instanceof Readable) return body;
      if (!body) return Readable.from([]);
      // Other runtimes return a web stream; Node returns an IncomingMessage (a Readable).
      return Readable.fromWeb(
        (body as { transformToWebStream(): ReadableStream }).transformToWebStream() as never,
      );
    } catch (err) {
      if (isNotFound(err)) throw missingObjectError(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.cfg.bucket, Key: this.objectKey(key) }));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.cfg.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /** Closes the HTTP connections (tests; a process simply exits). */
  destroy(): void {
    this.client.destroy();
  }
}

function isNotFound(err: unknown): boolean {
  if (err instanceof S3ServiceException) {
    return err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata?.httpStatusCode === 404;
  }
  const o = err as { name?: unknown; $metadata?: { httpStatusCode?: number } } | null;
  return o?.name === 'NoSuchKey' || o?.name === 'NotFound' || o?.$metadata?.httpStatusCode === 404;
}
