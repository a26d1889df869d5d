import { PASSWORD_RULE, passwordClasses, passwordProblem } from '../../shared/schemas/fields';

export type PasswordStrength = { level: 0 | 1 | 2 | 3; label: string; meetsRule: boolean };

/**
 * A hint while typing: 0 = empty, 1 = 弱 (does not meet PASSWORD_RULE), 2 = 中 (meets it), 3 = 强
 * (meets it with all four classes or 12+ characters).
 */
export function passwordStrength(pw: string): PasswordStrength {
  if (!pw) return { level: 0, label: '', meetsRule: false };
  if (passwordProblem(pw)) return { level: 1, label: '弱：不符合密码要求', meetsRule: false };
  if (passwordClasses(pw) === 4 || pw.length >= 12) return { level: 3, label: '强', meetsRule: true };
  return { level: 2, label: '中', meetsRule: true };
}

export { PASSWORD_RULE };
