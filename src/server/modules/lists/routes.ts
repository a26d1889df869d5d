import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../shared/errors';
import {
  AddEntryRequest,
  AnnounceRequest,
  CreateListRequest,
  EntryActionRequest,
  ListDetail,
  ListSummary,
  ObjectionLookup,
  ObjectionLookupParams,
  ObjectionLookupQuery,
  ObjectionReceipt,
  ObjectionRequest,
  ObjectionView,
  ProvinceOverview,
  ProvinceQuery,
  PublicityRequest,
  PublicListDetail,
  PublicListSummary,
  PublicUploadResponse,
  ResolveRequest,
} from '../../../shared/schemas/lists-api';
import { z } from '../../../shared/schemas/zod';
import { audit } from '../../plugins/audit';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { authorize } from '../../permissions/authorize';
import { contentDisposition } from '../files/routes';
import { exportBaseName, provinceOverview, renderProvincePdf, streamProvinceXlsx } from './province';
import {
  lookupObjection,
  publicListDetail,
  publicLists,
  submitObjection,
  uploadObjectionFile,
} from './public';
import {
  addEntry,
  announceList,
  createList,
  entryAction,
  listDetail,
  listLists,
  loadList,
  objectionViews,
  publishPublicity,
  resolveObjection,
} from './service';
import { getCampaign } from '../campaigns/repository';

const E = ErrorEnvelopeSchema;
const errors = { 400: E, 401: E, 403: E, 404: E, 409: E };

/** Per-IP limits of the public endpoints (@fastify/rate-limit is registered with global:false). */
function limited(max: number, timeWindow: number, what: string) {
  return {
    rateLimit: {
      max,
      timeWindow,
      errorResponseBuilder: (_req: FastifyRequest, c: { ttl: number }) =>
        AppError.of('TOO_FREQUENT', { what, seconds: Math.max(1, Math.ceil(c.ttl / 1000)) }),
    },
  };
}
/** Objections: 5 per IP per 10 minutes. */
export const OBJECTION_RATE_LIMIT = limited(5, 10 * 60_000, '提交异议');
/** Objection attachments: 10 per IP per 10 minutes. */
export const OBJECTION_UPLOAD_RATE_LIMIT = limited(10, 10 * 60_000, '上传异议材料');
/** Public list pages: 120 per IP per minute. */
export const PUBLIC_READ_RATE_LIMIT = limited(120, 60_000, '访问');
/** Objection lookups: 30 per IP per 10 minutes (the phone digits must not be guessable by trying). */
export const OBJECTION_LOOKUP_RATE_LIMIT = limited(30, 10 * 60_000, '查询异议处理结果');

export const listRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;
  const IdParams = z.object({ id: z.string() });
  const CITY = ['名单管理'];

  app.post(
    '/api/v1/lists',
    {
      schema: {
        tags: CITY,
        summary: '编制本市创新型中小企业名单（自动列入评价符合标准的企业；已存在时返回现有名单）',
        body: CreateListRequest,
        response: { 200: ListDetail, 201: ListDetail, ...errors },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'list.create');
      const { created, list } = await createList(ctx, request, actor, request.body);
      return reply.status(created ? 201 : 200).send(await listDetail(ctx, actor, list));
    },
  );

  app.get(
    '/api/v1/lists',
    {
      schema: {
        tags: CITY,
        summary: '名单列表（设区市：本市；省厅：全省）',
        querystring: z.object({ campaignId: z.string().uuid().optional() }),
        response: { 200: z.array(ListSummary), ...errors },
      },
    },
    async (request) => listLists(ctx, authorize(request, 'list.read'), request.query.campaignId),
  );

  app.get(
    '/api/v1/lists/:id',
    {
      schema: { tags: CITY, summary: '名单详情', params: IdParams, response: { 200: ListDetail, ...errors } },
    },
    async (request) => {
      const actor = authorize(request, 'list.read');
      return listDetail(ctx, actor, await loadList(ctx.db, actor, request.params.id));
    },
  );

  app.post(
    '/api/v1/lists/:id/entries',
    {
      schema: {
        tags: CITY,
        summary: '将一家评价符合标准的企业加入名单（草稿）',
        params: IdParams,
        body: AddEntryRequest,
        response: { 200: ListDetail, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'list.read');
      const list = await addEntry(ctx, request, actor, request.params.id, request.body.evaluationId);
      return listDetail(ctx, actor, await loadList(ctx.db, actor, list.id));
    },
  );

  app.post(
    '/api/v1/lists/:id/entries/:entryId',
    {
      schema: {
        tags: CITY,
        summary: '调整名单条目：不列入（必须填写原因）或重新列入（草稿）',
        params: z.object({ id: z.string(), entryId: z.string() }),
        body: EntryActionRequest,
        response: { 200: ListDetail, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'list.read');
      const list = await entryAction(
        ctx,
        request,
        actor,
        request.params.id,
        request.params.entryId,
        request.body,
      );
      return listDetail(ctx, actor, await loadList(ctx.db, actor, list.id));
    },
  );

  app.post(
    '/api/v1/lists/:id/publish-publicity',
    {
      schema: {
        tags: CITY,
        summary:
          '发布公示（默认自今日起按省级设置的公示天数公示，可指定起止日期）；公示后名单冻结，只能通过异议处理调整',
        params: IdParams,
        body: PublicityRequest,
        response: { 200: ListDetail, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'list.read');
      const list = await publishPublicity(ctx, request, actor, request.params.id, request.body);
      return listDetail(ctx, actor, list);
    },
  );

  app.get(
    '/api/v1/lists/:id/objections',
    {
      schema: {
        tags: CITY,
        summary: '名单收到的异议（含联系人信息）',
        params: IdParams,
        response: { 200: z.array(ObjectionView), ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'list.read');
      const list = await loadList(ctx.db, actor, request.params.id);
      return objectionViews(ctx, list.id);
    },
  );

  app.post(
    '/api/v1/lists/:id/objections/:objectionId/resolve',
    {
      schema: {
        tags: CITY,
        summary: '处理异议：成立（企业移出名单并记录原因）或不成立（企业保留）',
        params: z.object({ id: z.string(), objectionId: z.string() }),
        body: ResolveRequest,
        response: { 200: ObjectionView, ...errors },
      },
    },
    async (request) =>
      resolveObjection(
        ctx,
        request,
        authorize(request, 'list.read'),
        request.params.id,
        request.params.objectionId,
        request.body,
      ),
  );

  app.post(
    '/api/v1/lists/:id/announce',
    {
      schema: {
        tags: CITY,
        summary: '发布公告（公示期满且异议全部处理后）：列入企业获得“创新型中小企业”认定，有效期 3 年',
        params: IdParams,
        body: AnnounceRequest,
        response: { 200: ListDetail, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'list.read');
      const list = await announceList(ctx, request, actor, request.params.id, request.body);
      return listDetail(ctx, actor, list);
    },
  );

  // ---------------------------------------------------------------- province

  const PROVINCE = ['省厅汇总'];
  app.get(
    '/api/v1/province/lists',
    {
      schema: {
        tags: PROVINCE,
        summary: '各设区市名单汇总（含列入、移出、异议数量）',
        querystring: ProvinceQuery,
        response: { 200: ProvinceOverview, ...errors },
      },
    },
    async (request) => {
      authorize(request, 'list.summary');
      return provinceOverview(ctx, request.query.campaignId);
    },
  );

  app.get(
    '/api/v1/province/lists/export.xlsx',
    {
      schema: {
        tags: PROVINCE,
        summary: '导出各设区市名单 Excel（汇总表 + 每市一张表，流式生成）',
        querystring: ProvinceQuery,
        response: {
          200: z.any().describe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      authorize(request, 'list.summary');
      const campaign = await getCampaign(ctx.db, request.query.campaignId);
      await audit(
        ctx.db,
        request,
        {
          action: 'province.lists_export',
          targetType: 'campaign',
          targetId: campaign.id,
          details: { format: 'xlsx' },
        },
        ctx.clock.now(),
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          contentDisposition('attachment', `${exportBaseName(campaign.year)}.xlsx`),
        )
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(streamProvinceXlsx(ctx, campaign.id, request.log));
    },
  );

  app.get(
    '/api/v1/province/lists/export.pdf',
    {
      schema: {
        tags: PROVINCE,
        summary: '导出各设区市名单 PDF（报省工信厅备案用）',
        querystring: ProvinceQuery,
        response: { 200: z.any().describe('application/pdf'), ...errors },
      },
    },
    async (request, reply) => {
      authorize(request, 'list.summary');
      const { data, year } = await renderProvincePdf(ctx, request.query.campaignId);
      await audit(
        ctx.db,
        request,
        {
          action: 'province.lists_export',
          targetType: 'campaign',
          targetId: request.query.campaignId,
          details: { format: 'pdf' },
        },
        ctx.clock.now(),
      );
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition('attachment', `${exportBaseName(year)}.pdf`))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(data);
    },
  );

  // ---------------------------------------------------------------- public (no login)

  const PUBLIC = ['公示公告（公开）'];
  app.get(
    '/api/v1/public/lists',
    {
      config: PUBLIC_READ_RATE_LIMIT,
      schema: {
        tags: PUBLIC,
        summary: '公示中和已公告的名单（最新在前）',
        response: { 200: z.array(PublicListSummary), 429: E },
      },
    },
    async () => publicLists(ctx),
  );

  app.get(
    '/api/v1/public/lists/:id',
    {
      config: PUBLIC_READ_RATE_LIMIT,
      schema: {
        tags: PUBLIC,
        summary: '名单公示/公告页（信用代码部分隐藏）',
        params: IdParams,
        response: { 200: PublicListDetail, 404: E, 429: E },
      },
    },
    async (request) => publicListDetail(ctx, request.params.id),
  );

  app.post(
    '/api/v1/public/objection-files',
    {
      config: OBJECTION_UPLOAD_RATE_LIMIT,
      schema: {
        tags: PUBLIC,
        summary: '上传异议证明材料（PDF、JPG 或 PNG，不超过 5 MB；24 小时内随异议提交）',
        consumes: ['multipart/form-data'],
        response: { 201: PublicUploadResponse, 400: E, 413: E, 415: E, 429: E },
      },
    },
    async (request, reply) => reply.status(201).send(await uploadObjectionFile(ctx, request)),
  );

  app.post(
    '/api/v1/public/lists/:id/objections',
    {
      config: OBJECTION_RATE_LIMIT,
      schema: {
        tags: PUBLIC,
        summary: '对公示名单中的企业提出异议（需图形验证码，仅公示期内）',
        params: IdParams,
        body: ObjectionRequest,
        response: { 201: ObjectionReceipt, 400: E, 404: E, 409: E, 429: E },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await submitObjection(ctx, request, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/public/objections/:trackingNo',
    {
      config: OBJECTION_LOOKUP_RATE_LIMIT,
      schema: {
        tags: PUBLIC,
        summary: '凭受理编号和联系电话后 4 位查询异议处理结果（受理中、异议成立、异议不成立）',
        params: ObjectionLookupParams,
        querystring: ObjectionLookupQuery,
        response: { 200: ObjectionLookup, 400: E, 404: E, 429: E },
      },
    },
    async (request) => lookupObjection(ctx, request.params.trackingNo, request.query.phone),
  );
};
