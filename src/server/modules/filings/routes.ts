import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../../shared/errors';
import {
  AttachmentView,
  FilingDetail,
  FilingListResponse,
  HistoryResponse,
  SaveSectionRequest,
  SectionKeySchema,
  SectionState,
  StartFilingRequest,
  SubmitRequest,
  VerifyResponse,
  WithdrawRequest,
} from '../../../shared/schemas/filing-api';
import { z } from '../../../shared/schemas/zod';
import { audit } from '../../plugins/audit';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { requireActor } from '../../plugins/session';
import { FontMissingError } from '../../services/application-pdf';
import { attachRegistrationLicence, deleteAttachment, uploadAttachment } from './attachments';
import { applicationPdf, servedFrom, verifyDocument } from './document';
import type { FilingRow } from './repository';
import { selfAssessmentPdf } from './self-assessment';
import {
  buildDetail,
  filingHistoryItems,
  getScopedFiling,
  listOwnFilings,
  saveSection,
  startFiling,
  submitFiling,
  withdrawFiling,
} from './service';

const TAGS = ['企业填报'];
const E = ErrorEnvelopeSchema;
const errors = { 400: E, 401: E, 403: E, 404: E, 409: E };
const IdParams = z.object({ id: z.string() });

/** A section's data is small; a larger body is refused with 413 before it is parsed. */
export const SECTION_BODY_LIMIT = 256 * 1024;

export const filingRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  app.get(
    '/api/v1/filings',
    {
      schema: {
        tags: TAGS,
        summary: '我的填报（仅企业账号：本企业的全部填报，最新在前；政府用户请用“待我审核”）',
        response: { 200: FilingListResponse, 401: E, 403: E },
      },
    },
    async (request) => ({ items: await listOwnFilings(ctx, requireActor(request)) }),
  );

  app.post(
    '/api/v1/filings',
    {
      schema: {
        tags: TAGS,
        summary: '发起填报（新增入库或数据更新），自动带入已有信息',
        body: StartFilingRequest,
        response: { 201: FilingDetail, ...errors },
      },
    },
    async (request, reply) => {
      const detail = await startFiling(ctx, request, request.body.kind);
      return reply.status(201).send(detail);
    },
  );

  app.get(
    '/api/v1/filings/:id',
    {
      schema: {
        tags: TAGS,
        summary: '填报详情（企业本身；或辖区覆盖该填报的审核人员，只读）',
        params: IdParams,
        response: { 200: FilingDetail, 401: E, 404: E },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const filing = await getScopedFiling(ctx.db, actor, request.params.id);
      if (actor.role !== 'enterprise') {
        await audit(
          ctx.db,
          request,
          { action: 'filing.view', targetType: 'filing', targetId: filing.id },
          ctx.clock.now(),
        );
      }
      return buildDetail(ctx, actor, filing);
    },
  );

  app.put(
    '/api/v1/filings/:id/sections/:section',
    {
      bodyLimit: SECTION_BODY_LIMIT,
      schema: {
        tags: TAGS,
        summary: '保存一个部分（不完整或有误也保存，返回各字段提示；baseVersion 不是最新版本时返回 409）',
        params: z.object({ id: z.string(), section: SectionKeySchema }),
        body: SaveSectionRequest,
        response: { 200: SectionState, ...errors, 413: E },
      },
    },
    async (request) =>
      saveSection(
        ctx,
        request,
        request.params.id,
        request.params.section,
        request.body.data,
        request.body.baseVersion,
      ),
  );

  app.post(
    '/api/v1/filings/:id/attachments',
    {
      schema: {
        tags: TAGS,
        summary: '上传附件（multipart：slot 附件类别，file 文件；PDF、JPG 或 PNG，按文件内容识别）',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: AttachmentView, ...errors, 413: E, 415: E },
      },
    },
    async (request, reply) => reply.status(201).send(await uploadAttachment(ctx, request, request.params.id)),
  );

  app.post(
    '/api/v1/filings/:id/attachments/registration-licence',
    {
      schema: {
        tags: TAGS,
        summary: '使用注册时上传的营业执照作为“营业执照”附件（无需重新上传）',
        params: IdParams,
        response: { 201: AttachmentView, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await attachRegistrationLicence(ctx, request, request.params.id)),
  );

  app.delete(
    '/api/v1/filings/:id/attachments/:attachmentId',
    {
      schema: {
        tags: TAGS,
        summary: '删除附件（仅可修改附件时）',
        params: z.object({ id: z.string(), attachmentId: z.string() }),
        response: { 204: z.null().describe('已删除'), ...errors },
      },
    },
    async (request, reply) => {
      await deleteAttachment(ctx, request, request.params.id, request.params.attachmentId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/filings/:id/submit',
    {
      schema: {
        tags: TAGS,
        summary: '提交（先保存未保存的部分；全部完整后进入县区审核；重复提交返回当前状态，不重复提交）',
        params: IdParams,
        body: SubmitRequest,
        response: { 200: FilingDetail, ...errors },
      },
    },
    async (request) =>
      submitFiling(ctx, request, request.params.id, { pendingSections: request.body.pendingSections }),
  );

  app.post(
    '/api/v1/filings/:id/withdraw',
    {
      schema: {
        tags: TAGS,
        summary: '撤回（仅“待县区审核”且县区尚未处理时）',
        params: IdParams,
        body: WithdrawRequest,
        response: { 200: FilingDetail, ...errors },
      },
    },
    async (request) => withdrawFiling(ctx, request, request.params.id, request.body.reason),
  );

  app.get(
    '/api/v1/filings/:id/history',
    {
      schema: {
        tags: TAGS,
        summary: '填报的办理记录（谁、在哪一级、何时、做了什么、原因）',
        params: IdParams,
        response: { 200: HistoryResponse, 401: E, 404: E },
      },
    },
    async (request) => ({ items: await filingHistoryItems(ctx, requireActor(request), request.params.id) }),
  );

  /** Sends a rendered PDF; a missing CJK font is the operator's to fix (503 with what to install). */
  async function sendPdf(
    request: FastifyRequest,
    reply: FastifyReply,
    target: { id: string; download?: '0' | '1' | undefined },
    what: string,
    render: (filing: FilingRow, origin: string | undefined) => Promise<{ data: Buffer; fileName: string }>,
    auditAction: string,
  ) {
    const actor = requireActor(request);
    const filing = await getScopedFiling(ctx.db, actor, target.id);
    let pdf: { data: Buffer; fileName: string };
    try {
      pdf = await render(filing, servedFrom(request));
    } catch (err) {
      if (err instanceof FontMissingError) {
        request.log.error({ err }, err.message);
        throw AppError.of('PDF_FONT_MISSING', { what });
      }
      throw err;
    }
    if (actor.role !== 'enterprise') {
      await audit(
        ctx.db,
        request,
        { action: auditAction, targetType: 'filing', targetId: filing.id },
        ctx.clock.now(),
      );
    }
    const mode = target.download === '1' ? 'attachment' : 'inline';
    return reply
      .header('content-type', 'application/pdf')
      .header(
        'content-disposition',
        `${mode}; filename="${auditAction === 'filing.document' ? 'application' : 'self-assessment'}.pdf"; filename*=UTF-8''${encodeURIComponent(pdf.fileName)}`,
      )
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(pdf.data);
  }

  app.get(
    '/api/v1/filings/:id/document.pdf',
    {
      schema: {
        tags: TAGS,
        summary: '申报书 PDF（已提交的内容，含自评结果、验证码、二维码与数据摘要）',
        params: IdParams,
        querystring: z.object({ download: z.enum(['0', '1']).optional() }),
        response: { 200: z.any().describe('application/pdf'), 401: E, 404: E, 409: E, 503: E },
      },
    },
    (request, reply) =>
      sendPdf(
        request,
        reply,
        { id: request.params.id, download: request.query.download },
        '申报书',
        (filing, origin) => applicationPdf(ctx, filing, origin),
        'filing.document',
      ),
  );

  app.get(
    '/api/v1/filings/:id/self-assessment.pdf',
    {
      schema: {
        tags: TAGS,
        summary:
          '自评表 PDF（提交前由企业打印、签字盖章后作为附件上传；与申报书同一验证码、二维码和自评摘要；提交后为所提交的自评结果）',
        params: IdParams,
        querystring: z.object({ download: z.enum(['0', '1']).optional() }),
        response: { 200: z.any().describe('application/pdf'), 401: E, 404: E, 409: E, 503: E },
      },
    },
    (request, reply) =>
      sendPdf(
        request,
        reply,
        { id: request.params.id, download: request.query.download },
        '自评表',
        (filing, origin) => selfAssessmentPdf(ctx, requireActor(request), filing, origin),
        'filing.self_assessment',
      ),
  );

  app.get(
    '/api/v1/public/verify/:code',
    {
      config: {
        rateLimit: {
          max: 30,
          timeWindow: 60_000,
          errorResponseBuilder: (_req: unknown, c: { ttl: number }) =>
            AppError.of('TOO_FREQUENT', { what: '查询', seconds: Math.max(1, Math.ceil(c.ttl / 1000)) }),
        },
      },
      schema: {
        tags: ['公开查询'],
        summary: '申报书核验（无需登录）：按验证码查询申报书上印有的信息',
        params: z.object({ code: z.string().max(64) }),
        response: { 200: VerifyResponse, 429: E },
      },
    },
    async (request) => verifyDocument(ctx, request.params.code),
  );
};
