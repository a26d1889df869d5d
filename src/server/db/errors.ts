// Recognising database errors that are the caller's doing, not the platform's.

/** The unique index a PostgreSQL unique violation (23505) hit, looking through driver wrappers; else null. */
export function uniqueViolation(err: unknown): string | null {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const o = e as { code?: unknown; constraint?: unknown; message?: unknown; cause?: unknown };
    if (o.code === '23505') {
      if (typeof o.constraint === 'string') return o.constraint;
      const m = typeof o.message === 'string' ? /"([^"]+)"/.exec(o.message) : null;
      return m?.[1] ?? 'unknown';
    }
    e = o.cause;
  }
  return null;
}
