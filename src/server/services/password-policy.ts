import { and, desc, eq, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { passwordHistory, users } from '../db/schema';
import { verifyPassword } from './passwords';

/**
 * Password ageing and history (GB/T 22239 8.1.4.1 a; docs/adr/0023-second-factor-and-password-ageing.md).
 * A new password may not repeat any of the last PASSWORD_HISTORY passwords (the current one included); a
 * password older than PASSWORD_MAX_AGE_DAYS must be changed before anything else, with a warning
 * EXPIRY_WARNING_DAYS ahead.
 */
export const PASSWORD_HISTORY = 5;
export const EXPIRY_WARNING_DAYS = 7;
const DAY_MS = 24 * 60 * 60_000;

export const PASSWORD_REUSED = `新密码不能与最近 ${PASSWORD_HISTORY} 次使用过的密码相同，请换一个从未用过的密码`;

/** Whether `plain` is the user's current password or one of the previous ones kept in the history. */
export async function passwordReused(tx: DbOrTx, userId: string, plain: string): Promise<boolean> {
  const [user] = await tx
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  const previous = await tx
    .select({ passwordHash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.id))
    .limit(PASSWORD_HISTORY - 1);
  const hashes = [user?.passwordHash, ...previous.map((p) => p.passwordHash)].filter(
    (h): h is string => typeof h === 'string',
  );
  for (const h of hashes) if (await verifyPassword(h, plain)) return true;
  return false;
}

/**
 * Keeps the hash a new password replaces (call before the update, in the same transaction), so that with the
 * current one the last PASSWORD_HISTORY passwords are known; older entries are deleted.
 */
export async function rememberReplacedPassword(tx: DbOrTx, userId: string, now: Date): Promise<void> {
  const [user] = await tx
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return;
  await tx.insert(passwordHistory).values({ userId, passwordHash: user.passwordHash, createdAt: now });
  const keep = await tx
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.id))
    .limit(PASSWORD_HISTORY - 1);
  const ids = keep.map((k) => k.id);
  await tx
    .delete(passwordHistory)
    .where(
      ids.length > 0
        ? and(eq(passwordHistory.userId, userId), notInArray(passwordHistory.id, ids))
        : eq(passwordHistory.userId, userId),
    );
}

export interface PasswordAge {
  /** When the password stops being accepted for anything but changing it; null when passwords do not expire. */
  expiresAt: Date | null;
  expired: boolean;
  /** Whole days left (rounded up), set only inside the warning window before the expiry. */
  warnDaysLeft: number | null;
}

/** The age of a password set at `changedAt`, under a maximum age of `maxAgeDays` (0: no expiry). */
export function passwordAge(maxAgeDays: number, changedAt: Date, now: Date): PasswordAge {
  if (maxAgeDays <= 0) return { expiresAt: null, expired: false, warnDaysLeft: null };
  const expiresAt = new Date(changedAt.getTime() + maxAgeDays * DAY_MS);
  const leftMs = expiresAt.getTime() - now.getTime();
  if (leftMs <= 0) return { expiresAt, expired: true, warnDaysLeft: null };
  const days = Math.ceil(leftMs / DAY_MS);
  return { expiresAt, expired: false, warnDaysLeft: days <= EXPIRY_WARNING_DAYS ? days : null };
}
