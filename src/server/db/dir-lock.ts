import fs from 'node:fs';
import path from 'node:path';

export interface DirLock {
  file: string;
  release(): void;
}

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `数据目录 ${dir} 正被另一个进程（PID ${pid}）使用。嵌入式数据库只允许一个进程打开同一目录，` +
        `否则会丢失数据。请先停止该进程，或用 DATA_DIR 指定另一个目录，或通过 DATABASE_URL 连接 PostgreSQL 服务器。\n` +
        `The data directory ${dir} is in use by another process (PID ${pid}); refusing to open it.`,
    );
    this.name = 'DataDirLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock on a data directory: a lock file created with O_EXCL holding our PID.
 * A lock left by a dead process (crash, kill -9) is taken over; a live holder makes us refuse.
 */
export function acquireDirLock(dir: string): DirLock {
  const file = path.join(dir, 'platform.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return { file, release };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
      if (Number.isFinite(pid) && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dir, pid);
      if (pid === process.pid) throw new DataDirLockedError(dir, pid);
      fs.unlinkSync(file); // stale lock from a process that no longer exists
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
