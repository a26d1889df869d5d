/**
 * Finding a GB/T 4754-2017 industry by what the enterprise makes or does (issue 16: "齿轮" must find C3453
 * 齿轮及齿轮减、变速箱制造), not only by 大类 names or codes.
 *
 * `gbt4754-2017.json` holds the standard's 中类 (3 digits) and 小类 (4 digits) codes with their names (1380 小类;
 * a 中类 that has a single 小类 appears as that 小类 only), transcribed from the table of GB/T 4754-2017
 * 《国民经济行业分类》 as published by 国家统计局; the 门类 and 大类 come from `../rules/industry-catalogue.ts`.
 * Pure: runs in the browser (the 所属行业 picker) and on the server.
 */
import { INDUSTRY_DIVISIONS, lookupIndustry } from '../rules/industry-catalogue';
import classes from './gbt4754-2017.json' with { type: 'json' };

export interface IndustryMatch {
  /** Letter + 2 to 4 digits, e.g. "C3453". */
  code: string;
  name: string;
  level: '大类' | '中类' | '小类';
  /** The 大类's code and name, e.g. "C34 通用设备制造业". */
  division: string;
}

interface Entry extends IndustryMatch {
  /** The code without letter, for prefix search. */
  digits: string;
  /** Name and 大类 name, searched together ("通用设备 齿轮" finds C3453). */
  text: string;
}

function divisionLabel(digits: string): string {
  const r = lookupIndustry(digits.slice(0, 2));
  return r.ok ? `${r.value.code} ${r.value.divisionName}` : digits.slice(0, 2);
}

let entries: Entry[] | undefined;

function allEntries(): Entry[] {
  if (entries) return entries;
  const out: Entry[] = [];
  for (const [digits, name] of Object.entries(INDUSTRY_DIVISIONS)) {
    const r = lookupIndustry(digits);
    if (!r.ok) continue;
    out.push({
      code: r.value.code,
      digits,
      name,
      level: '大类',
      division: divisionLabel(digits),
      text: name,
    });
  }
  for (const [code, name] of Object.entries(classes as Record<string, string>)) {
    const digits = code.slice(1);
    const division = divisionLabel(digits);
    out.push({
      code,
      digits,
      name,
      level: digits.length === 3 ? '中类' : '小类',
      division,
      text: `${name} ${division}`,
    });
  }
  // Code order: a 大类, then its 中类 and 小类.
  out.sort((a, b) => a.digits.localeCompare(b.digits));
  entries = out;
  return out;
}

/** Full-width to half-width, no spaces around, upper case (for codes). */
function normalise(q: string): string {
  return q
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .trim();
}

/**
 * Industries matching `query`, best first, at most `limit`:
 * - a code or its beginning ("C34", "345", "c3453"): the codes starting with it;
 * - words ("齿轮", "通用设备 齿轮"): the classes whose name (or 大类 name) holds every word — the one named exactly
 *   so first, then those whose name holds the whole query (小类 before 中类 before 大类), then in code order.
 */
export function searchIndustries(query: string, limit = 10): IndustryMatch[] {
  const q = normalise(query);
  if (!q) return [];
  const all = allEntries();
  const code = /^([A-Ta-t])?(\d{1,4})$/.exec(q.replace(/\s+/g, ''));
  let found: Entry[];
  if (code) {
    const letter = code[1]?.toUpperCase();
    found = all.filter((e) => e.digits.startsWith(code[2]!) && (!letter || e.code.startsWith(letter)));
  } else {
    const words = q.split(/\s+/).filter(Boolean);
    const rank = (e: Entry) =>
      e.name === q
        ? -1
        : (e.name.includes(q) ? 0 : 4) + (e.level === '小类' ? 0 : e.level === '中类' ? 1 : 2);
    found = all
      .filter((e) => words.every((w) => e.text.includes(w)))
      .map((e, i) => ({ e, i, r: rank(e) }))
      .sort((a, b) => a.r - b.r || a.i - b.i)
      .map((x) => x.e);
  }
  return found
    .slice(0, limit)
    .map(({ code: c, name, level, division }) => ({ code: c, name, level, division }));
}

/** The name of a 中类 or 小类 code ("C3453" → "齿轮及齿轮减、变速箱制造"), or null. */
export function industryClassName(code: string): string | null {
  const r = lookupIndustry(code);
  if (!r.ok || r.value.level === '大类') return null;
  return (classes as Record<string, string>)[r.value.code] ?? null;
}
