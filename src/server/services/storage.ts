import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { AppConfig } from '../config';
import { assertStorageKey, type Storage } from './storage-contract';

export {
  assertStorageKey,
  isMissingObject,
  missingObjectError,
  STORAGE_KEY,
  type Storage,
} from './storage-contract';

/** The storage the configuration asks for (the S3 client is loaded only when it is used). */
export async function createStorage(config: AppConfig): Promise<Storage> {
  if (config.storageDriver === 's3') {
    const { S3Storage } = await import('./storage-s3');
    return new S3Storage(config.s3!);
  }
  return new LocalDiskStorage(config.storageDir);
}

export function newStorageKey(prefix: string): string {
  const id = crypto.randomUUID();
  return `${prefix}/${id.slice(0, 2)}/${id}`;
}

export class LocalDiskStorage implements Storage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    assertStorageKey(key);
    return path.join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a crash never leaves a half-written file under the real key; a write or rename that
    // fails removes its temporary file, so a failed upload leaves nothing on disk.
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      await fs.promises.writeFile(tmp, data);
      await fs.promises.rename(tmp, file);
    } catch (err) {
      await fs.promises.rm(tmp, { force: true }).catch(() => undefined);
      throw err;
    }
  }

  async get(key: string): Promise<Buffer> {
    return fs.promises.readFile(this.pathOf(key));
  }

  async stream(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    await fs.promises.access(file);
    return fs.createReadStream(file);
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    const file = this.pathOf(key);
    try {
      await fs.promises.access(file);
      return true;
    } catch {
      return false;
    }
  }
}
