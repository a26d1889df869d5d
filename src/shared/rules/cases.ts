/**
 * Golden-case runner (domain/cases/README.md). Pure: callers read the files; this module runs parsed case files
 * against the evaluator of their kind and compares results.
 *
 * Comparison rule (README): a case passes when the result contains every key of `expect` with an equal value;
 * objects are compared key by key, recursively; arrays in order (and of equal length); numbers exactly.
 * Keys of the result that `expect` does not name are ignored.
 */
import { classifySmeSize, type SmeSizeInput } from './sme-size-2011';
import { evaluateInnovativeSme } from './innovative-sme-2022';
import { evaluateSpecializedSme } from './specialized-sme-2022';
import { evaluateLittleGiant } from './little-giant-2022';
import { validateUscc } from './uscc';
import { evaluateStandard, techSmeCaseView } from './tables';

/** An evaluator of one case kind: input → result object. */
export type CaseEvaluator = (input: unknown) => unknown;

/** The built-in kinds. */
export const CASE_EVALUATORS: Readonly<Record<string, CaseEvaluator>> = {
  uscc: (input) => validateUscc(String((input as { code?: unknown })?.code ?? '')),
  'sme-size-2011': (input) => classifySmeSize(input as SmeSizeInput),
  'innovative-sme-2022': (input) => evaluateInnovativeSme(input),
  'specialized-sme-2022': (input) => evaluateSpecializedSme(input),
  'little-giant-2022': (input) => evaluateLittleGiant(input),
  'tech-sme-2017': (input) => techSmeCaseView(evaluateStandard('tech-sme-2017', input)),
  'specialized-sme-2026': (input) => evaluateStandard('specialized-sme-2026', input),
  'little-giant-2026': (input) => evaluateStandard('little-giant-2026', input),
};

export interface CaseOutcome {
  /** Source label (file name) given by the caller. */
  source: string;
  id: string;
  passed: boolean;
  /** One line per difference: "path: expected X, got Y". */
  diffs: string[];
}

export interface CaseRunSummary {
  outcomes: CaseOutcome[];
  passed: number;
  failed: number;
  /** File-level problems (unknown kind, malformed file), each also counted in `failed`. */
  fileErrors: { source: string; message: string }[];
}

function show(v: unknown): string {
  if (v === undefined) return 'undefined (missing)';
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x.toString()}n` : x));
}

/**
 * Compare `actual` against `expected` per the README rule; returns the differences (empty = match).
 */
export function diffExpected(expected: unknown, actual: unknown, path = ''): string[] {
  const at = path === '' ? '(root)' : path;
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at}: expected ${show(expected)}, got ${show(actual)}`];
    if (actual.length !== expected.length) {
      return [`${at}: expected ${show(expected)}, got ${show(actual)}`];
    }
    return expected.flatMap((e, i) => diffExpected(e, actual[i], `${path}[${i}]`));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) {
      return [`${at}: expected ${show(expected)}, got ${show(actual)}`];
    }
    const a = actual as Record<string, unknown>;
    return Object.entries(expected as Record<string, unknown>).flatMap(([k, e]) =>
      diffExpected(e, a[k], path === '' ? k : `${path}.${k}`),
    );
  }
  if (Object.is(expected, actual) || (expected === 0 && actual === 0)) return [];
  return [`${at}: expected ${show(expected)}, got ${show(actual)}`];
}

/**
 * Run one parsed case file. `source` labels the outcomes (e.g. the file name).
 * An unknown kind or a malformed file yields a file error counted as one failure.
 */
export function runCaseFile(
  file: unknown,
  source: string,
  evaluators: Readonly<Record<string, CaseEvaluator>> = CASE_EVALUATORS,
): CaseRunSummary {
  const summary: CaseRunSummary = { outcomes: [], passed: 0, failed: 0, fileErrors: [] };
  const f = file as { kind?: unknown; cases?: unknown };
  if (typeof f !== 'object' || f === null || typeof f.kind !== 'string' || !Array.isArray(f.cases)) {
    summary.fileErrors.push({
      source,
      message: 'not a case file: expected { "kind": string, "cases": [...] }',
    });
    summary.failed += 1;
    return summary;
  }
  const evaluate = evaluators[f.kind];
  if (!evaluate) {
    summary.fileErrors.push({
      source,
      message: `unknown kind "${f.kind}" (known: ${Object.keys(evaluators).join(', ')})`,
    });
    summary.failed += 1;
    return summary;
  }
  f.cases.forEach((c: unknown, i) => {
    const cs = c as { id?: unknown; input?: unknown; expect?: unknown };
    const id = typeof cs?.id === 'string' ? cs.id : `#${i + 1}`;
    let diffs: string[];
    if (typeof cs !== 'object' || cs === null || typeof cs.expect !== 'object' || cs.expect === null) {
      diffs = ['case has no "expect" object'];
    } else {
      try {
        diffs = diffExpected(cs.expect, evaluate(cs.input));
      } catch (e) {
        diffs = [`evaluator threw: ${e instanceof Error ? e.message : String(e)}`];
      }
    }
    const passed = diffs.length === 0;
    summary.outcomes.push({ source, id, passed, diffs });
    if (passed) summary.passed += 1;
    else summary.failed += 1;
  });
  return summary;
}

/** Run several parsed case files and merge their summaries. */
export function runCaseFiles(
  files: readonly { source: string; content: unknown }[],
  evaluators: Readonly<Record<string, CaseEvaluator>> = CASE_EVALUATORS,
): CaseRunSummary {
  const all: CaseRunSummary = { outcomes: [], passed: 0, failed: 0, fileErrors: [] };
  for (const f of files) {
    const s = runCaseFile(f.content, f.source, evaluators);
    all.outcomes.push(...s.outcomes);
    all.fileErrors.push(...s.fileErrors);
    all.passed += s.passed;
    all.failed += s.failed;
  }
  return all;
}

/** The report lines the CLI prints: one per failure, then exactly `N passed, M failed`. */
export function formatCaseReport(summary: CaseRunSummary): string[] {
  const lines: string[] = [];
  for (const e of summary.fileErrors) lines.push(`FAIL ${e.source}: ${e.message}`);
  for (const o of summary.outcomes) {
    if (!o.passed) lines.push(`FAIL ${o.source} ${o.id}: ${o.diffs.join('; ')}`);
  }
  lines.push(`${summary.passed} passed, ${summary.failed} failed`);
  return lines;
}
