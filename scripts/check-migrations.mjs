// Fails when the committed SQL migrations do not match the Drizzle schema (regenerating would change them).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const rel = `.tmp/migration-check-${process.pid}`;
const tmp = path.join(root, rel);
try {
  fs.mkdirSync(tmp, { recursive: true });
  fs.cpSync(path.join(root, 'src/server/db/migrations'), path.join(tmp, 'out'), { recursive: true });
  const config = path.join(tmp, 'drizzle.check.config.mjs');
  fs.writeFileSync(
    config,
    `export default { dialect: 'postgresql', schema: './src/server/db/schema/index.ts', out: './${rel}/out' };`,
  );
  const list = () => fs.readdirSync(path.join(tmp, 'out')).sort().join(',');
  const before = list();
  const out = execFileSync('npx', ['drizzle-kit', 'generate', '--config', config], {
    cwd: root,
    encoding: 'utf8',
  });
  if (before !== list() || !/No schema changes/i.test(out)) {
    console.error(
      'The Drizzle schema has changes without a committed migration. Run `npm run db:generate` and commit.',
    );
    console.error(out);
    process.exit(1);
  }
  console.log('Migrations are up to date with the schema.');
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
