/**
 * 科技型中小企业评价 on approval: the approving department records the 入库登记编号; the enterprise gets a
 * recognition valid for one year (国科发政〔2017〕115号 第十一条: the number is valid for the year, re-evaluated
 * annually; rules-2026.md §1.4 [S]). Runs inside the review action's transaction. See docs/adr/0012.
 */
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { shanghaiDay, validTo, endOfShanghaiDay, startOfShanghaiDay } from '../../../shared/recognition';
import { reviewingDepartments } from '../../../shared/regions';
import { toHalfWidth } from '../../../shared/money';
import type { Tx } from '../../db/client';
import { enterpriseEvents, recognitions } from '../../db/schema';
import type { FilingRow } from './queue';

export const TECH_SME_VALIDITY_YEARS = 1;
export const TECH_SME_TITLE = '科技型中小企业';
const REGISTRATION_NO = /^[0-9A-Z-]{8,30}$/;

/** The 登记编号 as stored (half-width, upper case, no spaces), or a field error. */
export function normalizeRegistrationNo(
  raw: string | undefined | null,
): { ok: true; value: string } | { ok: false; message: string } {
  const v = toHalfWidth(raw ?? '')
    .replace(/\s+/g, '')
    .toUpperCase();
  if (v === '') return { ok: false, message: '请填写科技型中小企业入库登记编号（审核通过时登记）' };
  if (!REGISTRATION_NO.test(v)) {
    return { ok: false, message: '登记编号应为 8–30 位数字或字母（可含“-”），请核对后重新填写' };
  }
  return { ok: true, value: v };
}

/** Records the registration of an approved 科技型 filing: the recognition row and the enterprise event. */
export async function recordTechSmeRegistration(
  tx: Tx,
  filing: FilingRow,
  registrationNo: string,
  now: Date,
  actor: { userId: string; name: string },
): Promise<{ recognitionId: string; validFrom: string; validTo: string }> {
  const [taken] = await tx
    .select({ id: recognitions.id, enterpriseId: recognitions.enterpriseId })
    .from(recognitions)
    .where(and(eq(recognitions.kind, 'tech_sme'), eq(recognitions.registrationNo, registrationNo)));
  if (taken) {
    throw AppError.of(
      'REGISTRATION_NO_TAKEN',
      { registrationNo },
      { registrationNo: '该登记编号已登记过，请核对' },
    );
  }
  const from = shanghaiDay(now);
  const to = validTo(from, TECH_SME_VALIDITY_YEARS);
  const issuer =
    (filing.countyCode ? reviewingDepartments(filing.countyCode)?.city.name : null) ?? '江苏省工业和信息化厅';
  const [rec] = await tx
    .insert(recognitions)
    .values({
      enterpriseId: filing.enterpriseId,
      kind: 'tech_sme',
      title: TECH_SME_TITLE,
      source: 'evaluation',
      filingId: filing.id,
      issuer,
      registrationNo,
      validFrom: startOfShanghaiDay(from),
      validTo: endOfShanghaiDay(to),
      status: 'valid',
      createdAt: now,
    })
    .returning({ id: recognitions.id });
  await tx.insert(enterpriseEvents).values({
    enterpriseId: filing.enterpriseId,
    at: now,
    event: 'recognised',
    actorUserId: actor.userId,
    actorName: actor.name,
    reason: `科技型中小企业评价审核通过，登记编号 ${registrationNo}，有效期 ${from} 至 ${to}。`,
    details: {
      filingId: filing.id,
      recognitionId: rec!.id,
      kind: 'tech_sme',
      registrationNo,
      validFrom: from,
      validTo: to,
    },
  });
  return { recognitionId: rec!.id, validFrom: from, validTo: to };
}
