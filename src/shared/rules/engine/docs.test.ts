import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STANDARD_TABLES } from '../tables';

describe('docs/domain/scoring.md lists every condition and threshold of the table standards', () => {
  const doc = fs.readFileSync(path.resolve(process.cwd(), 'docs/domain/scoring.md'), 'utf8');
  for (const t of STANDARD_TABLES) {
    it(`${t.id}: each condition with its clause and level, each threshold with its value`, () => {
      const start = doc.indexOf(`### \`${t.id}\``);
      expect(start, `section of ${t.id}`).toBeGreaterThan(0);
      const section = doc.slice(
        start,
        doc.indexOf('\n### ', start + 5) > 0 ? doc.indexOf('\n### ', start + 5) : undefined,
      );
      for (const c of t.conditions) {
        expect(section).toContain(`| \`${c.key}\` | ${c.title} | ${c.clause} | ${c.level} |`);
      }
      for (const p of t.params) {
        expect(section).toMatch(
          new RegExp(
            `\\| \`${p.key.replace('.', '\\.')}\` \\| [^|]+ \\| ${p.value}[^|]* \\| ${p.clause.replace(/[（）()]/g, '.')} \\| ${p.level} \\|`,
          ),
        );
      }
    });
  }
});
