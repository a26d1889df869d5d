/**
 * Figures, baselines, ratios and target verdicts: printed as they come and written to bench/results/latest.json.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESULTS_DIR } from './server';

export interface Target {
  label: string;
  value: number;
  limit: number;
  unit: string;
  op: '<=' | '>=' | '<';
  pass: boolean;
}

export interface Measurement {
  name: string;
  /** What was measured, in one line (size, concurrency, route). */
  what: string;
  figures: Record<string, number | string>;
  baseline?: { label: string; value: number; unit: string };
  /** figure ÷ baseline (e.g. req/s ÷ pgbench tps). */
  ratio?: { label: string; value: number };
  targets: Target[];
  notes?: string[];
}

export function target(label: string, value: number, op: Target['op'], limit: number, unit: string): Target {
  const pass = op === '<=' ? value <= limit : op === '<' ? value < limit : value >= limit;
  return { label, value, limit, unit, op, pass };
}

const fmt = (v: number | string) =>
  typeof v === 'number' ? (Math.abs(v) >= 100 ? Math.round(v).toString() : v.toFixed(2)) : v;

export const MB = 1024 * 1024;

export class Report {
  readonly measurements: Measurement[] = [];
  readonly meta: Record<string, unknown>;

  constructor(meta: Record<string, unknown>) {
    this.meta = {
      startedAt: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '',
      memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
      loadAverageAtStart: os.loadavg().map((x) => Number(x.toFixed(2))),
      ...meta,
    };
  }

  add(m: Measurement): void {
    // A load run whose requests failed measured the refusal, not the work: it never passes, whatever its speed.
    if (typeof m.figures.errors === 'number' && m.figures.errors > 0)
      m.targets = [
        ...m.targets,
        target('failed requests (non-2xx or transport)', m.figures.errors, '<=', 0, ''),
      ];
    this.measurements.push(m);
    const lines = [`\n■ ${m.name} — ${m.what}`];
    lines.push(
      '  ' +
        Object.entries(m.figures)
          .map(([k, v]) => `${k}=${fmt(v)}`)
          .join('  '),
    );
    if (m.baseline)
      lines.push(`  baseline: ${m.baseline.label} = ${fmt(m.baseline.value)} ${m.baseline.unit}`);
    if (m.ratio) lines.push(`  ratio: ${m.ratio.label} = ${m.ratio.value.toFixed(3)}`);
    for (const t of m.targets) {
      lines.push(
        `  ${t.pass ? 'PASS' : 'FAIL'}  ${t.label}: ${fmt(t.value)} ${t.unit} (target ${t.op} ${fmt(t.limit)} ${t.unit})`,
      );
    }
    for (const n of m.notes ?? []) lines.push(`  note: ${n}`);
    console.log(lines.join('\n'));
  }

  /** Writes the figures: a bare file name goes to bench/results/, a path is taken as it is (from the cwd). */
  write(file = 'latest.json'): string {
    const out = file.includes('/') ? path.resolve(file) : path.join(RESULTS_DIR, file);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const targets = this.measurements.flatMap((m) => m.targets.map((t) => ({ benchmark: m.name, ...t })));
    fs.writeFileSync(
      out,
      JSON.stringify(
        {
          meta: { ...this.meta, finishedAt: new Date().toISOString(), loadAverageAtEnd: os.loadavg() },
          measurements: this.measurements,
          summary: {
            passed: targets.filter((t) => t.pass).length,
            failed: targets.filter((t) => !t.pass).length,
            targets,
          },
        },
        null,
        2,
      ),
    );
    return out;
  }

  summary(): string {
    const targets = this.measurements.flatMap((m) => m.targets.map((t) => ({ m: m.name, t })));
    const lines = ['\nTargets:'];
    for (const { m, t } of targets) {
      lines.push(
        `  ${t.pass ? 'PASS' : 'FAIL'}  ${m}: ${t.label} ${fmt(t.value)} ${t.unit} (${t.op} ${fmt(t.limit)})`,
      );
    }
    lines.push(
      `${targets.filter((x) => x.t.pass).length} passed, ${targets.filter((x) => !x.t.pass).length} failed`,
    );
    return lines.join('\n');
  }
}
