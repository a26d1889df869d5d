/**
 * The audited reveal of a whole personal number (issue 17 item 5, ADR 0025):
 *   POST /api/v1/pii/reveal   PiiRevealRequest → PiiRevealResponse
 * Everywhere else the platform shows mobiles masked (138****5678). A county, city or province reviewer whose
 * region covers the record gets the whole number (an objector's phone: the city of the list, the province), and the
 * reveal is audited (`pii.reveal`); anyone else gets 403 and the refusal is audited (`pii.reveal_denied`). The
 * administrators never see business data (三员分立).
 */
import { z } from './zod';

/** Which number of which record. */
export const PII_FIELDS = {
  /** The enterprise's registered contact mobile (注册联系人手机). */
  enterprise: ['contactMobile'],
  /** The numbers in the 基本情况 of a filing's submitted snapshot. */
  filing: ['contact.mobile', 'legalRepresentative.mobile', 'contact.phone'],
  /** The phone an objector left with a 公示 objection (异议人联系电话). */
  objection: ['contactPhone'],
} as const;
export type PiiTargetType = keyof typeof PII_FIELDS;
export type PiiField = (typeof PII_FIELDS)[PiiTargetType][number];

export const PII_FIELD_LABELS: Record<PiiField, string> = {
  contactMobile: '联系人手机',
  'contact.mobile': '联系人手机',
  'legalRepresentative.mobile': '法定代表人手机',
  'contact.phone': '联系人座机',
  contactPhone: '异议人联系电话',
};

const uuid = z.string().uuid('记录编号不正确，请从页面上的“显示”按钮查看');

export const PiiRevealRequest = z.object({
  targetType: z.enum(['enterprise', 'filing', 'objection'], {
    error: '记录类型不正确，请从页面上的“显示”按钮查看',
  }),
  targetId: uuid,
  field: z.enum([...PII_FIELDS.enterprise, ...PII_FIELDS.filing, ...PII_FIELDS.objection], {
    error: '请选择要查看的号码',
  }),
});
export type PiiRevealRequest = z.infer<typeof PiiRevealRequest>;

export const PiiRevealResponse = z.object({
  /** The whole number; null when the record holds none. */
  value: z.string().nullable(),
  /** What it is, in Chinese (联系人手机 …). */
  label: z.string(),
  /** Whose it is: the enterprise's name (for an objection, the enterprise objected to). */
  enterpriseName: z.string(),
});
export type PiiRevealResponse = z.infer<typeof PiiRevealResponse>;
