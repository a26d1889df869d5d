// The process entry behind `npm start`, `npm run server` and `npm run cli` (issue #11):
//
//   APP_MODE=production  runs the compiled server, dist/server/<entry>.js (`npm run build` makes it), in this
//                        very process: no tsx, no TypeScript toolchain, nothing transpiled at start-up.
//   otherwise            development as before: the TypeScript sources through tsx, and for `npm start` the web
//                        app is built first when dist/web is missing or older than its sources.
//
// Usage: node scripts/start.mjs <main|cli> [--build-web] [args for the entry…]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...rest] = process.argv.slice(2);
if (entry !== 'main' && entry !== 'cli') {
  console.error('usage: node scripts/start.mjs <main|cli> [--build-web] [args…]');
  process.exit(64);
}
const buildWeb = rest[0] === '--build-web';
const args = buildWeb ? rest.slice(1) : rest;

let file;
if (process.env.APP_MODE === 'production') {
  file = path.join(root, 'dist/server', `${entry}.js`);
  if (!fs.existsSync(file)) {
    console.error(
      `生产模式运行编译后的服务端，但未找到 ${path.relative(root, file)}：请先执行 npm run build。\n` +
        `APP_MODE=production runs the compiled server; ${file} is missing: run \`npm run build\` first.`,
    );
    process.exit(2);
  }
} else {
  if (buildWeb) await import('./build-web-if-needed.mjs');
  const { register } = await import('tsx/esm/api');
  register();
  file = path.join(root, 'src/server', `${entry}.ts`);
}
// The entry reads its own arguments from process.argv.slice(2), as if started as `node <file> args…`.
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
