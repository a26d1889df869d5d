// `npm run build` (after vite): compiles the server (src/server + src/shared) to plain JavaScript in dist/server/,
// so production runs `node dist/server/main.js` with no TypeScript toolchain in the process (issue #11).
//
// Our own sources are bundled (one file per entry plus shared chunks); every package in node_modules stays an
// import (`packages: 'external'`): native and data-carrying modules (sharp, PGlite's WASM, @node-rs/argon2,
// pdfkit's fonts, exceljs) are loaded from node_modules exactly as in development. The SQL migrations are copied
// beside the code: db/client.ts finds them at `new URL('./migrations', import.meta.url)`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_OUT = path.join(root, 'dist/server');

export async function buildServer({ quiet = false } = {}) {
  const t0 = performance.now();
  fs.rmSync(SERVER_OUT, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/server/main.ts', cli: 'src/server/cli.ts' },
    outdir: SERVER_OUT,
    bundle: true,
    splitting: true,
    // Chunks sit beside the entries, so `import.meta.url` names dist/server/ in every module.
    chunkNames: '[name]-[hash]',
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    tsconfig: 'tsconfig.server.json',
  });
  fs.cpSync(path.join(root, 'src/server/db/migrations'), path.join(SERVER_OUT, 'migrations'), {
    recursive: true,
  });
  fs.writeFileSync(path.join(SERVER_OUT, 'package.json'), '{ "type": "module" }\n');
  if (!quiet)
    console.log(`server compiled to dist/server in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await buildServer();
}
