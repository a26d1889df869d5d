/** The enterprise's confirmation of its 注册地 (who will review), kept per user and filing in localStorage. */
export function regionConfirmKey(userId: string, filingId: string) {
  return `sme-region-confirm:${userId}:${filingId}`;
}

export function readLocal(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
