/**
 * Scoring CLI for officials: reads a JSON file of filing data and prints the explained breakdown in Chinese.
 *
 *   node --import tsx scripts/score.ts filing.json [--standard innovative-sme-2022] [--json]
 *
 * The input shape is the one of the standard (for innovative-sme-2022: the golden-case shape of
 * domain/cases/README.md). --json prints the full result as JSON instead of text.
 * Exit status: 0 when scored, 1 for input errors, 2 for usage errors.
 */
import { readFileSync } from 'node:fs';
import {
  STANDARDS,
  type InnovativeSmeResult,
  type LittleGiantResult,
  type SmeSizeResult,
  type SpecializedSmeResult,
} from '../src/shared/rules/index';
import { tableById, type EngineResult } from '../src/shared/rules/engine';

/** A standard written as data (rules engine): each condition's explanation, then the summary. */
function printEngine(r: EngineResult): string[] {
  return [
    ...r.indicatorDetails.map((i) => i.explanation),
    ...r.conditions.map((c) => c.explanation),
    `结论：${r.qualified === true ? '符合' : r.qualified === false ? '不符合' : '待确定'}`,
  ];
}

const USAGE =
  '用法：node --import tsx scripts/score.ts <填报数据.json> [--standard 标准编号] [--json]\n' +
  `可用标准编号：${STANDARDS.list()
    .map((s) => s.id)
    .join('、')}（默认 innovative-sme-2022）`;

function pts(p: number | null): string {
  return p === null ? '待定' : `${p} 分`;
}

function printInnovative(r: InnovativeSmeResult): string[] {
  const out: string[] = [];
  out.push('创新型中小企业评价（工信部企业〔2022〕63号 附件1）', '');
  for (const e of r.explanation.indicators) {
    out.push(`【${e.name}】 ${pts(e.points)}（满分 ${e.maxPoints} 分）${e.band ? `，${e.band} 档` : ''}`);
    for (const i of e.inputs) out.push(`    ${i.label}：${i.value}`);
    if (e.ratio) out.push(`    计算结果：${e.ratio.display}（精确值 ${e.ratio.num}/${e.ratio.den}）`);
    out.push(`    规则：${e.rule}`, `    说明：${e.note}`);
  }
  out.push('');
  out.push(
    `总分：${r.total === null ? `待定（已计算部分 ${r.partialTotal} 分）` : `${r.total} 分`}；` +
      `创新能力 ${pts(r.categories.innovation)}，成长性 ${pts(r.categories.growth)}，专业化 ${pts(r.categories.specialization)}`,
  );
  for (const f of r.explanation.floors) out.push(`  - ${f.message}`);
  out.push('直通条件：');
  for (const d of r.explanation.directConditions) out.push(`  - [${d.met ? '满足' : '不满足'}] ${d.text}`);
  for (const w of r.warnings) out.push(`注意：${w}`);
  for (const reason of r.reviewReasons) out.push(`需人工审核：${reason}`);
  out.push(`边界值约定：${r.explanation.boundary}`, '', r.explanation.summary);
  return out;
}

function printSpecialized(r: SpecializedSmeResult): string[] {
  const out: string[] = ['专精特新中小企业认定（工信部企业〔2022〕63号 附件2）', ''];
  for (const e of r.explanation.indicators) {
    out.push(
      `${e.no}. ${e.name}：${pts(e.points)}（满分 ${e.maxPoints} 分）${e.toBeConfirmed ? '［分值待核实］' : ''}`,
    );
    for (const i of e.inputs) out.push(`    ${i.label}：${i.value}`);
    out.push(`    说明：${e.note}`);
  }
  out.push(
    '',
    `总分：${r.total === null ? `待定（${r.totalRange.min}–${r.totalRange.max} 分）` : `${r.total} 分`}`,
  );
  out.push(
    `增长率公式：${r.explanation.growthFormula}`,
    `边界值约定：${r.explanation.boundary}`,
    '',
    r.explanation.summary,
  );
  return out;
}

function printLittleGiant(r: LittleGiantResult): string[] {
  const names = { met: '满足', unmet: '不满足', pending: '待确认' } as const;
  const out: string[] = ['专精特新“小巨人”企业认定（工信部企业〔2022〕63号 附件3）', ''];
  for (const c of r.conditions) {
    out.push(`[${names[c.status]}] (${c.aspect === 'precondition' ? '前提' : c.aspect}) ${c.text}`);
    out.push(
      `    ${c.source === 'reviewer' ? '审核确认' : '自动核验'}：${c.detail}${c.toBeConfirmed ? '（条款表述待核实）' : ''}`,
    );
  }
  out.push('', r.summary);
  return out;
}

function printSize(r: SmeSizeResult): string[] {
  return r.ok ? [r.explanation] : r.errors.map((e) => `请修改：${e.message}`);
}

function main(argv: string[]): number {
  let file: string | undefined;
  let standardId = 'innovative-sme-2022';
  let asJson = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--standard') standardId = argv[++i] ?? '';
    else if (a.startsWith('--standard=')) standardId = a.slice('--standard='.length);
    else if (a === '--json') asJson = true;
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    } else if (!file) file = a;
    else {
      console.error(USAGE);
      return 2;
    }
  }
  const std = STANDARDS.byId(standardId);
  if (!file || !std) {
    if (!std) console.error(`未知的标准编号“${standardId}”。`);
    console.error(USAGE);
    return 2;
  }
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(
      `无法读取或解析文件 ${file}：${e instanceof Error ? e.message : String(e)}。请提供 UTF-8 编码的 JSON 文件。`,
    );
    return 2;
  }
  const result = std.evaluate(input);
  if (asJson) {
    console.log(JSON.stringify(result, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2));
  } else {
    console.log(`标准：${std.title}（${std.documentNumber}，编号 ${std.id}）`);
    const lines = tableById(std.id)
      ? printEngine(result as EngineResult)
      : std.kind === 'innovative-sme'
        ? printInnovative(result as InnovativeSmeResult)
        : std.kind === 'specialized-sme'
          ? printSpecialized(result as SpecializedSmeResult)
          : std.kind === 'little-giant'
            ? printLittleGiant(result as LittleGiantResult)
            : printSize(result as SmeSizeResult);
    for (const l of lines) console.log(l);
  }
  const r = result as { status?: string; ok?: boolean };
  return r.status === 'invalidInput' || r.ok === false ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
