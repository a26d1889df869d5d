/**
 * What the public may see of an enterprise's identity. Pure. The 统一社会信用代码 is shown with positions 9–12
 * (part of the organisation code) hidden: 91320583MA1N2B3C4X → 91320583****2B3C4X (8 characters, 4 stars, 6 characters).
 * Phone numbers and e-mail addresses never appear in public responses at all.
 */
export function maskUscc(code: string): string {
  const c = code.trim().toUpperCase();
  if (c.length !== 18) {
    // Not a standard code: keep only the first 2 and last 2 characters.
    return c.length <= 4 ? '*'.repeat(c.length) : `${c.slice(0, 2)}${'*'.repeat(c.length - 4)}${c.slice(-2)}`;
  }
  return `${c.slice(0, 8)}****${c.slice(12)}`;
}
