import { sql } from 'drizzle-orm';
import { check, timestamp } from 'drizzle-orm/pg-core';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/*
 * Database conventions (docs/domain/database.md): snake_case columns, uuid primary keys for business
 * records, bigserial for append-only logs, timestamptz everywhere, money as numeric(16,2) (never float),
 * region codes as 6-digit text (GB/T 2260 / 统计用区划代码).
 */

/**
 * A CHECK constraint holding a closed-vocabulary column to the code's list of values (ADR 0033). The list comes
 * from src/shared, so the constraint and the TypeScript unions cannot drift apart without a migration. A null
 * passes (`null in (…)` is not false); nullability is the column's own `notNull()`.
 */
export function oneOf(name: string, column: AnyPgColumn, values: readonly string[]) {
  for (const v of values)
    if (!/^[a-z0-9_.-]+$/.test(v)) throw new Error(`Vocabulary value not allowed: ${v}`);
  return check(name, sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`);
}

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
