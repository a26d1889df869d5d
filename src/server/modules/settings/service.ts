/**
 * Province settings: one row per province code (Jiangsu: 320000). An absent row means the platform defaults
 * (DEFAULT_PUBLICITY_DAYS, DEFAULT_CLEARANCE_GRACE_DAYS, DEFAULT_APPEAL_WINDOW_DAYS, DEFAULT_PROPOSAL_EXPIRY_DAYS), so an empty database behaves as before.
 */
import { eq } from 'drizzle-orm';
import {
  DEFAULT_APPEAL_WINDOW_DAYS,
  DEFAULT_CLEARANCE_GRACE_DAYS,
  DEFAULT_PROPOSAL_EXPIRY_DAYS,
} from '../../../shared/cycle';
import { DEFAULT_PUBLICITY_DAYS } from '../../../shared/schemas/lists-api';
import {
  DEFAULT_UPDATE_DEADLINE,
  type ProvinceSettings,
  type ProvinceSettingsUpdate,
} from '../../../shared/schemas/settings-api';
import type { DbOrTx } from '../../db/client';
import { provinceSettings } from '../../db/schema';

export const PROVINCE_CODE = '320000';

export async function getProvinceSettings(db: DbOrTx): Promise<ProvinceSettings> {
  const [row] = await db
    .select()
    .from(provinceSettings)
    .where(eq(provinceSettings.provinceCode, PROVINCE_CODE));
  if (!row) {
    return {
      publicityDays: DEFAULT_PUBLICITY_DAYS,
      clearanceGraceDays: DEFAULT_CLEARANCE_GRACE_DAYS,
      appealWindowDays: DEFAULT_APPEAL_WINDOW_DAYS,
      proposalExpiryDays: DEFAULT_PROPOSAL_EXPIRY_DAYS,
      updateDeadline: DEFAULT_UPDATE_DEADLINE,
      cancelAfterTwoMissedUpdates: false,
      updatedAt: null,
    };
  }
  return {
    publicityDays: row.publicityDays,
    clearanceGraceDays: row.clearanceGraceDays,
    appealWindowDays: row.appealWindowDays,
    proposalExpiryDays: row.proposalExpiryDays,
    updateDeadline: row.updateDeadline,
    cancelAfterTwoMissedUpdates: row.cancelAfterTwoMissedUpdates,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Saves the settings (upsert); returns the previous and the new values (for the audit log). */
export async function saveProvinceSettings(
  db: DbOrTx,
  body: ProvinceSettingsUpdate,
  userId: string,
  now: Date,
): Promise<{ before: ProvinceSettings; after: ProvinceSettings }> {
  const before = await getProvinceSettings(db);
  const values = {
    publicityDays: body.publicityDays,
    clearanceGraceDays: body.clearanceGraceDays,
    appealWindowDays: body.appealWindowDays ?? before.appealWindowDays,
    proposalExpiryDays: body.proposalExpiryDays ?? before.proposalExpiryDays,
    updateDeadline: body.updateDeadline ?? before.updateDeadline,
    cancelAfterTwoMissedUpdates: body.cancelAfterTwoMissedUpdates ?? before.cancelAfterTwoMissedUpdates,
    updatedBy: userId,
    updatedAt: now,
  };
  await db
    .insert(provinceSettings)
    .values({ provinceCode: PROVINCE_CODE, ...values })
    .onConflictDoUpdate({ target: provinceSettings.provinceCode, set: values });
  return { before, after: await getProvinceSettings(db) };
}
