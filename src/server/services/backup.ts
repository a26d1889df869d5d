import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import type { AppConfig } from '../config';
import { PGLITE_EXTENSIONS } from '../db/client';
import { acquireDirLock } from '../db/dir-lock';

/*
 * `npm run cli -- backup FILE` / `restore FILE` (docs/deploy.md, "Backups").
 *
 * The database:
 * - PostgreSQL (DATABASE_URL): `pg_dump -Fc` (custom format, compressed) into FILE; restored with
 *   `pg_restore --clean --if-exists` into the DATABASE_URL database. Taken while the platform runs (pg_dump
 *   reads one consistent snapshot); restore with the app processes stopped.
 * - PGlite (DATA_DIR): PGlite's own data-directory dump (a .tar.gz) into FILE. PGlite is single-process, so both
 *   commands take the data-directory lock: they are refused while the platform runs on that directory. A restore
 *   goes into an empty DATA_DIR/pgdata (`--force` first moves an existing one aside, never deletes it).
 *
 * The files: with STORAGE_DRIVER=local, STORAGE_DIR is archived beside the database as FILE.files.tar.gz and
 * extracted back on restore. With STORAGE_DRIVER=s3 the files are not copied: the object store's own versioning
 * and replication protect them (keys are never reused, so a database restored to an earlier time still finds
 * every file it names).
 */

const run = promisify(execFile);

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupReport {
  /** The files written or read, and notes for the operator (Chinese). */
  lines: string[];
}

export function filesArchiveOf(file: string): string {
  return `${file}.files.tar.gz`;
}

/**
 * pg_dump / pg_restore: first on PATH, else the newest /usr/lib/postgresql/<version>/bin (Debian's layout, which
 * does not put them on PATH for every version).
 */
export function findPgTool(tool: 'pg_dump' | 'pg_restore', env = process.env): string {
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, tool);
    if (isExecutable(candidate)) return candidate;
  }
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => /^\d+(\.\d+)?$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const v of versions) {
    const candidate = path.join(root, v, 'bin', tool);
    if (isExecutable(candidate)) return candidate;
  }
  throw new BackupError(
    `找不到 ${tool}：请安装 PostgreSQL 客户端工具（Debian/Ubuntu：apt-get install postgresql-client，版本不低于数据库服务器），` +
      `或把其所在目录加入 PATH。\nCannot find ${tool}: install the PostgreSQL client tools (same or newer major version ` +
      `than the server) or add their directory to PATH.`,
  );
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

async function tar(args: string[]): Promise<void> {
  try {
    await run('tar', args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === 'ENOENT') throw new BackupError('找不到 tar 命令，无法归档文件目录。Cannot find tar.');
    throw new BackupError(`tar 失败 (tar failed): ${e.stderr ?? e.message}`);
  }
}

async function pgTool(tool: 'pg_dump' | 'pg_restore', args: string[]): Promise<void> {
  const bin = findPgTool(tool);
  try {
    await run(bin, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    const e = err as Error & { stderr?: string };
    throw new BackupError(`${tool} 执行失败 (${tool} failed):\n${(e.stderr ?? e.message).trim()}`);
  }
}

function ensureParentDir(file: string): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
}

/** Writes the database to `file` and, with local storage, the files to `file.files.tar.gz`. */
export async function backup(config: AppConfig, file: string): Promise<BackupReport> {
  const lines: string[] = [];
  ensureParentDir(file);
  const tmp = `${file}.partial`;
  if (config.databaseUrl) {
    await pgTool('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--file=${tmp}`,
      config.databaseUrl,
    ]);
    fs.renameSync(tmp, file);
    lines.push(`数据库（PostgreSQL，pg_dump 自定义格式）已备份到 ${file}`);
  } else {
    const lock = acquireDirLock(config.dataDir);
    try {
      const pgdata = path.join(config.dataDir, 'pgdata');
      if (!fs.existsSync(pgdata))
        throw new BackupError(`数据目录中没有数据库：${pgdata}\nNo database in ${pgdata}`);
      const client = await PGlite.create({ dataDir: pgdata, extensions: PGLITE_EXTENSIONS });
      try {
        const dump = await client.dumpDataDir('gzip');
        fs.writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
      } finally {
        await client.close();
      }
      fs.renameSync(tmp, file);
    } finally {
      lock.release();
    }
    lines.push(`数据库（嵌入式 PGlite 数据目录）已备份到 ${file}`);
  }
  lines.push(...(await backupFiles(config, file)));
  return { lines };
}

async function backupFiles(config: AppConfig, file: string): Promise<string[]> {
  if (config.storageDriver === 's3') {
    return [
      `文件存放在对象存储（桶 ${config.s3!.bucket}）中，未包含在本备份内：请启用桶的版本控制与跨地域复制（见 docs/deploy.md）。`,
    ];
  }
  const archive = filesArchiveOf(file);
  const tmp = `${archive}.partial`;
  fs.mkdirSync(config.storageDir, { recursive: true });
  await tar(['-czf', tmp, '-C', config.storageDir, '.']);
  fs.renameSync(tmp, archive);
  return [`上传文件目录 ${config.storageDir} 已归档到 ${archive}`];
}

export interface RestoreOptions {
  /** PGlite: move an existing DATA_DIR/pgdata aside instead of refusing. */
  force?: boolean;
}

/** Restores the database from `file` and, when `file.files.tar.gz` exists and storage is local, the files. */
export async function restore(
  config: AppConfig,
  file: string,
  opts: RestoreOptions = {},
): Promise<BackupReport> {
  if (!fs.existsSync(file)) throw new BackupError(`备份文件不存在：${file}\nBackup file not found: ${file}`);
  const lines: string[] = [];
  if (config.databaseUrl) {
    await pgTool('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${config.databaseUrl}`,
      file,
    ]);
    lines.push(`数据库已从 ${file} 恢复到 DATABASE_URL 指向的数据库。`);
  } else {
    fs.mkdirSync(config.dataDir, { recursive: true });
    // Refused (DataDirLockedError) while the platform runs on this directory.
    const lock = acquireDirLock(config.dataDir);
    try {
      const pgdata = path.join(config.dataDir, 'pgdata');
      if (fs.existsSync(pgdata) && fs.readdirSync(pgdata).length > 0) {
        if (!opts.force) {
          throw new BackupError(
            `${pgdata} 中已有数据库。恢复只写入空的数据目录：请先停止平台并移走该目录，或加 --force（原目录会被改名保留，不会删除）。\n` +
              `${pgdata} already holds a database; restore writes into an empty data directory only (use --force to move it aside).`,
          );
        }
        const aside = `${pgdata}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        fs.renameSync(pgdata, aside);
        lines.push(`原数据库目录已改名为 ${aside}`);
      }
      const dump = new Blob([fs.readFileSync(file)]);
      const client = await PGlite.create({
        dataDir: pgdata,
        loadDataDir: dump,
        extensions: PGLITE_EXTENSIONS,
      });
      try {
        await client.query('select 1');
      } finally {
        await client.close();
      }
    } finally {
      lock.release();
    }
    lines.push(`数据库已从 ${file} 恢复到 ${path.join(config.dataDir, 'pgdata')}`);
  }
  const archive = filesArchiveOf(file);
  if (config.storageDriver === 'local' && fs.existsSync(archive)) {
    fs.mkdirSync(config.storageDir, { recursive: true });
    await tar(['-xzf', archive, '-C', config.storageDir]);
    lines.push(`上传文件已从 ${archive} 恢复到 ${config.storageDir}`);
  } else if (config.storageDriver === 's3') {
    lines.push('文件在对象存储中，不随数据库恢复；如需回到某一时间点，请使用桶的版本控制。');
  } else {
    lines.push(`未找到文件归档 ${archive}，上传文件未恢复。`);
  }
  return { lines };
}
