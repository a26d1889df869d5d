/**
 * Golden-case CLI (domain/cases/README.md): runs every *.json case file of a folder against the rules engine.
 *
 *   node --import tsx scripts/cases.ts ../shared/domain/cases
 *   npm run cases                      (no folder: the project's cases in tests/cases)
 *
 * Prints one line per failure (file, case id, differences) and ends with exactly `N passed, M failed`.
 * Exit status: 0 only when M is 0; 1 when a case fails, a file cannot be read or parsed, or a kind is unknown
 * (each such file counts as one failure); 2 for a usage error.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatCaseReport, runCaseFiles, type CaseRunSummary } from '../src/shared/rules/cases';

/** Read and run every *.json file of `dir` (sorted by name). */
function runCaseFolder(dir: string): CaseRunSummary {
  const abs = resolve(dir);
  const names = readdirSync(abs)
    .filter((n) => n.endsWith('.json') && statSync(join(abs, n)).isFile())
    .sort();
  const files: { source: string; content: unknown }[] = [];
  const unreadable: { source: string; message: string }[] = [];
  for (const name of names) {
    try {
      files.push({ source: name, content: JSON.parse(readFileSync(join(abs, name), 'utf8')) as unknown });
    } catch (e) {
      unreadable.push({
        source: name,
        message: `cannot read or parse: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }
  const summary = runCaseFiles(files);
  summary.fileErrors.unshift(...unreadable);
  summary.failed += unreadable.length;
  return summary;
}

function main(argv: string[]): number {
  // Without a folder: the project's own cases (tests/cases).
  const dir = argv[0] ?? join(import.meta.dirname, '..', 'tests', 'cases');
  if (argv.length > 1) {
    console.error('Usage: node --import tsx scripts/cases.ts <folder-with-case-json-files>');
    return 2;
  }
  let summary: CaseRunSummary;
  try {
    summary = runCaseFolder(dir);
  } catch (e) {
    console.error(`FAIL ${dir}: cannot read folder: ${e instanceof Error ? e.message : String(e)}`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  if (summary.passed + summary.failed === 0) {
    console.error(`FAIL ${dir}: no *.json case files found`);
    console.log('0 passed, 1 failed');
    return 1;
  }
  for (const line of formatCaseReport(summary)) console.log(line);
  return summary.failed > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
