/**
 * Public registry and enterprise record API contract (issue 6 items 4–5).
 *
 * PUBLIC (no login; rate-limited per IP; never phone numbers or full credit codes):
 *   GET /api/v1/public/registry?q=   RegistryQuery → RegistryResponse
 *       q: a name substring (≥ 3 characters) or a full/partial 统一社会信用代码 (≥ 6 letters/digits). Finds
 *       enterprises holding a VALID recognition today (status valid, validFrom ≤ today ≤ validTo; announced or
 *       imported lists, not self-declared honours). At most 20 results.
 *
 * ENTERPRISE RECORD (企业档案):
 *   GET /api/v1/enterprise/record                  → EnterpriseRecord (the logged-in enterprise)
 *   GET /api/v1/review/enterprises/:id/record      → EnterpriseRecord (reviewers whose region covers the
 *       enterprise's registered region; otherwise 404)
 */
import { z } from './zod';

export const REGISTRY_MAX_RESULTS = 20;

/** A name needs 3 characters (a trigram, ADR 0027), a credit code 6 letters or digits. */
export const REGISTRY_QUERY_MESSAGE = '请输入企业名称（至少 3 个字）或统一社会信用代码（至少 6 位）';

export const RegistryQuery = z.object({
  q: z
    .string({ error: REGISTRY_QUERY_MESSAGE })
    .trim()
    .min(3, REGISTRY_QUERY_MESSAGE)
    .max(60, '查询内容不能超过 60 个字'),
});

export const RegistryItem = z.object({
  enterpriseName: z.string(),
  maskedUscc: z.string(),
  title: z.string(),
  issuer: z.string(),
  documentNo: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string(),
});
export type RegistryItem = z.infer<typeof RegistryItem>;

export const RegistryResponse = z.object({
  items: z.array(RegistryItem),
  /** true when more than REGISTRY_MAX_RESULTS matched (ask for a more specific query). */
  truncated: z.boolean(),
  asOf: z.string(),
});
export type RegistryResponse = z.infer<typeof RegistryResponse>;

export const RecordRecognition = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  source: z.string(),
  issuer: z.string(),
  documentNo: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string(),
  state: z.enum(['valid', 'not_yet', 'expired', 'revoked']),
  stateLabel: z.string(),
  daysLeft: z.number(),
});

export const RecordEvent = z.object({
  id: z.number(),
  at: z.string(),
  event: z.string(),
  eventLabel: z.string(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
});

export const DeclaredHonour = z.object({
  title: z.string(),
  detail: z.string(),
});

export const EnterpriseRecord = z.object({
  enterprise: z.object({
    id: z.string(),
    name: z.string(),
    uscc: z.string(),
    regionName: z.string().nullable(),
  }),
  dbStatus: z.enum(['none', 'in_db', 'cleared']),
  dbStatusLabel: z.string(),
  recognitions: z.array(RecordRecognition),
  events: z.array(RecordEvent),
  /** 已认定事项 declared in the latest approved filing (self-declared, checked by the reviewers then). */
  declaredHonours: z.object({
    filingId: z.string().nullable(),
    campaignYear: z.number().nullable(),
    items: z.array(DeclaredHonour),
  }),
  asOf: z.string(),
});
export type EnterpriseRecord = z.infer<typeof EnterpriseRecord>;

/** How a recognition came about, in words (never the stored code). */
export const RECOGNITION_SOURCE_LABELS: Record<string, string> = {
  announcement: '名单公告',
  evaluation: '评价认定',
  import: '历史数据导入',
};
export function recognitionSourceLabel(source: string): string {
  return RECOGNITION_SOURCE_LABELS[source] ?? '其他';
}
