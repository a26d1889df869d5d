import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/**
 * Starts the real platform for the journeys: the built web app served by the server process in test mode
 * (test hooks on, demo accounts on) on a fresh embedded database, or on E2E_DATABASE_URL when given.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = process.cwd();
  if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) {
    execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
      cwd: root,
    });
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sme-e2e-'));
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    APP_MODE: 'test',
    DEMO_DATA: 'on',
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    // Every journey logs in from 127.0.0.1, dozens of times a minute; the per-IP login limit itself is covered by
    // the integration tests (tests/integration/accounts/endpoints.test.ts).
    LOGIN_LIMIT_PER_MINUTE: '1000',
  };
  delete env.DATABASE_URL;
  if (process.env.E2E_DATABASE_URL) env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout?.on('data', (d) => (output += d));
  server.stderr?.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000; // a loaded 2-core machine can be slow to start
  for (;;) {
    if (server.exitCode !== null) throw new Error(`Server exited early:\n${output}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`Server did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  project.provide('baseUrl', baseUrl);
  return async () => {
    // The server's warnings and errors (LOG_LEVEL warn), kept for the closing tally when a journey fails.
    if (process.env.E2E_SERVER_LOG) fs.writeFileSync(process.env.E2E_SERVER_LOG, output);
    server.kill('SIGTERM');
    await new Promise((r) => {
      const t = setTimeout(() => {
        server.kill('SIGKILL');
        r(null);
      }, 10_000);
      server.once('exit', () => {
        clearTimeout(t);
        r(null);
      });
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
