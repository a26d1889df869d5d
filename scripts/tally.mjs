// Sums the vitest JSON reports of one test run and prints the closing line "N passed, M failed".
// A step that failed without a report (lint, type check, cases) counts as one failure.
import fs from 'node:fs';
import path from 'node:path';

const [dir, failedSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
/** Every failed test by report, file and title, with the first line of its error: CI logs are often cut. */
const failures = [];
for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json'))) {
  const r = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numRuntimeErrorTestSuites ?? 0);
  console.log(
    `  ${f.replace(/\.json$/, '').padEnd(22)} ${r.numPassedTests} passed, ${r.numFailedTests} failed`,
  );
  for (const file of r.testResults ?? []) {
    const rel = path.relative(process.cwd(), file.name ?? '');
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failedTests) {
      failures.push(
        `${f.replace(/\.json$/, '')}: ${rel} > ${t.fullName ?? t.title}\n      ${firstLine(t.failureMessages)}`,
      );
    }
    // A file that failed to load (or a hook that threw) has no failed test of its own.
    if (file.status === 'failed' && failedTests.length === 0) {
      failures.push(
        `${f.replace(/\.json$/, '')}: ${rel} (the file failed outside a test)\n      ${firstLine([file.message])}`,
      );
    }
  }
}
if (failures.length > 0) {
  console.log('Failed tests:');
  for (const line of failures) console.log(`  - ${line}`);
}
const stepFailures = Number(failedSteps || 0);
if (failed === 0 && stepFailures > 0) failed = stepFailures;
// The end-to-end servers' errors (pino level ≥ 50), when a journey failed: what the browser could not say.
if (failures.some((line) => line.startsWith('e2e'))) {
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.server.log'))) {
    const errors = fs
      .readFileSync(path.join(dir, f), 'utf8')
      .split('\n')
      .filter((line) => /"level":(5|6)\d/.test(line));
    if (errors.length === 0) continue;
    console.log(`Server errors in ${f} (${errors.length}, the last 8):`);
    for (const line of errors.slice(-8)) console.log(`  ${line.slice(0, 400)}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);

function firstLine(messages) {
  const text = (messages ?? []).find((m) => typeof m === 'string' && m.trim() !== '') ?? '';
  return text
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')
    .split('\n')[0]
    .slice(0, 300);
}
