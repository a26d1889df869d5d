// Sums the vitest JSON reports of one test run and prints the closing line "N passed, M failed".
// A step that failed without a report (lint, type check, cases) counts as one failure.
import fs from 'node:fs';
import path from 'node:path';

const [dir, failedSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json'))) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  console.log(
    `  ${f.replace(/\.json$/, '').padEnd(22)} ${r.numPassedTests} passed, ${r.numFailedTests} failed`,
  );
}
const stepFailures = Number(failedSteps || 0);
if (failed === 0 && stepFailures > 0) failed = stepFailures;
console.log(`${passed} passed, ${failed} failed`);
