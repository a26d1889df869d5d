import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { maskMobile } from '../../../shared/pii';
import type {
  SmsMessageListQuery,
  SmsMessageListResponse,
  SmsMessageView,
  SmsTestResponse,
} from '../../../shared/schemas/sms-api';
import type { z } from '../../../shared/schemas/zod';
import { smsMessages } from '../../db/schema';
import { audit } from '../../plugins/audit';
import { SmsDeliveryError } from '../../services/sms';
import type { AppContext } from '../../types';

/** 系统管理 → 短信: the message log (numbers masked) and the administrator's test message. */

type Row = typeof smsMessages.$inferSelect;

function view(r: Row): SmsMessageView {
  return {
    id: r.id,
    provider: r.provider,
    mobileMasked: maskMobile(r.mobile),
    template: r.template,
    body: r.body,
    purpose: r.purpose,
    status: r.status as SmsMessageView['status'],
    attempts: r.attempts,
    providerRequestId: r.providerRequestId,
    providerCode: r.providerCode,
    lastError: r.lastError,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
  };
}

export async function listSmsMessages(
  ctx: AppContext,
  q: z.output<typeof SmsMessageListQuery>,
): Promise<SmsMessageListResponse> {
  const where: SQL[] = [];
  if (q.status) where.push(eq(smsMessages.status, q.status));
  if (q.cursor) where.push(lt(smsMessages.id, Number(q.cursor)));
  const rows = await ctx.db
    .select()
    .from(smsMessages)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(smsMessages.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    provider: ctx.config.sms.provider,
    signName: ctx.config.sms.signName,
    items: page.map(view),
    nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null,
  };
}

/**
 * Sends the test template at once (one retry on a retryable failure) and reports what the gateway said; the
 * attempt is audited whatever its outcome, with the number masked.
 */
export async function sendTestSms(
  ctx: AppContext,
  request: FastifyRequest,
  mobile: string,
): Promise<SmsTestResponse> {
  let messageId: number | null = null;
  let failure: SmsDeliveryError | null = null;
  try {
    messageId = (await ctx.sms.send(mobile, 'sms_test', undefined, { purpose: 'test' })).messageId;
  } catch (err) {
    if (!(err instanceof SmsDeliveryError)) throw err;
    failure = err;
  }
  const [row] = await ctx.db
    .select()
    .from(smsMessages)
    .where(messageId !== null ? eq(smsMessages.id, messageId) : eq(smsMessages.mobile, mobile))
    .orderBy(desc(smsMessages.id))
    .limit(1);
  await audit(
    ctx.db,
    request,
    {
      action: 'admin.sms.test',
      success: failure === null,
      targetType: 'sms_message',
      ...(row ? { targetId: String(row.id) } : {}),
      details: {
        mobile: maskMobile(mobile),
        provider: ctx.config.sms.provider,
        code: row?.providerCode ?? null,
        providerRequestId: row?.providerRequestId ?? null,
      },
    },
    ctx.clock.now(),
  );
  const message = failure
    ? `测试短信发送失败：${failure.code}（${failure.retryable ? '网关暂不可用或限流，可稍后重试' : '请检查签名、模板编号、密钥或手机号'}）`
    : `测试短信已提交短信网关，网关流水号 ${row?.providerRequestId ?? '—'}，请留意手机 ${maskMobile(mobile)} 是否收到。`;
  return { sent: failure === null, message, item: view(row!) };
}
