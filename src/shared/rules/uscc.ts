/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015 and GB 11714 (rules.md §5).
 * Pure: no I/O.
 */
import { toHalfWidth } from '../money';

/** The 31-character code alphabet (no I, O, S, V, Z); value = index. rules.md §5.1 [V]. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of positions 1–17 for the 18th character: 3^i mod 31. rules.md §5.1 [V]. */
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 11714 weights for the 8-character 组织机构代码 body (positions 9–16). rules.md §5.1 [V]. */
export const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Meaning of the first two characters (登记管理部门 + 机构类别), rules.md §5.1 table. */
const CATEGORY_NAMES: Record<string, string> = {
  '11': '机关',
  '12': '事业单位',
  '13': '中央编办直接管理机构编制的群众团体',
  '19': '其他机构编制单位',
  '51': '社会团体',
  '52': '民办非企业单位',
  '53': '基金会',
  '59': '其他民政登记单位',
  '91': '企业',
  '92': '个体工商户',
  '93': '农民专业合作社',
  Y1: '其他',
};

export interface UsccIssue {
  code: string;
  message: string;
}

export interface UsccResult {
  /** Format and 18th-character MOD 31 check both pass (the GB 11714 check is NOT part of this). */
  valid: boolean;
  /** The normalised code (trim, full-width → half-width, upper case). */
  normalized: string;
  errors: UsccIssue[];
  warnings: UsccIssue[];
  /** The 18th character the first 17 characters require, when they are well-formed; else null. */
  checkCharExpected: string | null;
  /** GB 11714 check of positions 9–17 (a warning only); null when the body is not well-formed. */
  orgCodeCheckOk: boolean | null;
  /**
   * Positions 3–8: the region code of the REGISTRATION AUTHORITY (登记管理机关). It is NEVER the enterprise's county:
   * codes such as 320594 (苏州工业园区) are in no GB/T 2260 list, and codes of abolished districts persist because the
   * credit code never changes (rules.md §5.1). Ask for 注册地 separately.
   */
  registrationAuthorityRegionCode: string | null;
  /** Prefix "91" (工商/市场监管 登记的企业): the only kind this platform accepts. */
  isEnterprise: boolean;
  /** Chinese name of the category given by the first two characters, when known. */
  categoryName: string | null;
  /** valid, an enterprise ("91") and no errors: what the filing form requires. */
  acceptedForFiling: boolean;
}

/**
 * Normalise a credit code: trim, full-width → half-width, remove inner spaces, upper case. Idempotent.
 * Clause: rules.md §5.1 "Normalise first: trim, full-width → half-width, upper-case".
 */
export function normalizeUscc(input: string): string {
  return toHalfWidth(String(input))
    .replace(/[\s\u00a0\u3000]+/g, '')
    .toUpperCase();
}

/**
 * The 18th character for the first 17 characters (GB 32100-2015, ISO 7064 MOD 31-3):
 * C18 = ALPHABET[(31 − Σ value·weight mod 31) mod 31]. Returns null when a character is outside the alphabet.
 */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_ALPHABET.indexOf(first17[i]!);
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/**
 * GB 11714 check character of an 8-character 组织机构代码 body: values 0–9, A=10 … Z=35 (full Latin alphabet),
 * C9 = 11 − (Σ mod 11); 10 → "X", 11 → "0". Returns null for characters outside [0-9A-Z].
 */
export function orgCodeCheckChar(body8: string): string | null {
  if (!/^[0-9A-Z]{8}$/.test(body8)) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i]!;
    const v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55;
    sum += v * ORG_CODE_WEIGHTS[i]!;
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

/**
 * Validate a 统一社会信用代码 (GB 32100-2015; rules.md §5.1–5.2).
 * - valid = 18 characters of the code alphabet in the right places (regex of §5.1) and a correct 18th character.
 * - GB 11714 check of positions 9–17: a warning only (rules.md §5.1 "Recommendation").
 * - Non-"91" codes: an error for this platform (个体工商户、农民专业合作社、机关等不是本平台的企业), but `valid` still
 *   reports the code-level validity only.
 */
export function validateUscc(input: string): UsccResult {
  const normalized = normalizeUscc(input ?? '');
  const errors: UsccIssue[] = [];
  const warnings: UsccIssue[] = [];
  let checkCharExpected: string | null = null;
  let orgCodeCheckOk: boolean | null = null;
  let registrationAuthorityRegionCode: string | null = null;

  if (normalized.length === 0) {
    errors.push({ code: 'empty', message: '请填写统一社会信用代码（18位，见营业执照）' });
  } else if (normalized.length !== 18) {
    errors.push({
      code: 'length',
      message: `统一社会信用代码应为18位，当前为${normalized.length}位，请对照营业执照核对`,
    });
  } else if (!FORMAT.test(normalized)) {
    const bad = [...normalized].filter((c) => !USCC_ALPHABET.includes(c));
    errors.push({
      code: 'format',
      message:
        bad.length > 0
          ? `统一社会信用代码含有不允许的字符“${[...new Set(bad)].join('')}”（代码中不使用字母 I、O、S、V、Z），请对照营业执照核对`
          : '统一社会信用代码格式不正确（第3至8位应为数字），请对照营业执照核对',
    });
  }

  if (normalized.length >= 17 && /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{9}/.test(normalized)) {
    checkCharExpected = usccCheckChar(normalized.slice(0, 17));
  }
  if (errors.length === 0) {
    registrationAuthorityRegionCode = normalized.slice(2, 8);
    if (normalized[17] !== checkCharExpected) {
      errors.push({
        code: 'checkChar',
        message: '统一社会信用代码校验位不正确，可能有字符录入错误，请对照营业执照逐位核对',
      });
    }
    const orgExpected = orgCodeCheckChar(normalized.slice(8, 16));
    orgCodeCheckOk = orgExpected !== null && orgExpected === normalized[16];
    if (!orgCodeCheckOk) {
      warnings.push({
        code: 'orgCodeCheck',
        message:
          '统一社会信用代码第9至17位（组织机构代码）校验未通过，请再次核对；如确认与营业执照一致可继续填报',
      });
    }
    if (!registrationAuthorityRegionCode.startsWith('32')) {
      warnings.push({
        code: 'notJiangsu',
        message: '该代码的登记机关不在江苏省（第3至8位不以32开头），请确认企业注册地在江苏省内',
      });
    }
  }

  const prefix = normalized.slice(0, 2);
  const isEnterprise = prefix === '91';
  const categoryName = CATEGORY_NAMES[prefix] ?? null;
  if (normalized.length === 18 && !isEnterprise) {
    errors.push({
      code: 'notEnterprise',
      message: categoryName
        ? `该代码属于“${categoryName}”，不是本平台受理的企业（代码应以91开头）。个体工商户、农民专业合作社、机关事业单位等不能申报，请核对代码`
        : '该代码不是企业的统一社会信用代码（企业代码应以91开头），请核对代码',
    });
  }

  const codeLevelValid =
    normalized.length === 18 && FORMAT.test(normalized) && normalized[17] === checkCharExpected;
  return {
    valid: codeLevelValid,
    normalized,
    errors,
    warnings,
    checkCharExpected,
    orgCodeCheckOk,
    registrationAuthorityRegionCode,
    isEnterprise,
    categoryName,
    acceptedForFiling: codeLevelValid && isEnterprise && errors.length === 0,
  };
}
