import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { QualityImportResponse } from '../../../shared/schemas/quality-api';
import { AppError } from '../../../shared/errors';
import {
  ExchangeExportQuery,
  EXCHANGE_LAYOUT_VERSION,
  ImportResponse,
} from '../../../shared/schemas/exchange-api';
import { z } from '../../../shared/schemas/zod';
import { audit } from '../../plugins/audit';
import { readMultipart, requireFile, type UploadedFile } from '../../services/multipart';
import type { AppContext } from '../../types';
import { ErrorEnvelopeSchema } from '../../plugins/errors';
import { authorize } from '../../permissions/authorize';
import { shanghaiDate } from '../campaigns/service';
import { importQualityScores } from './quality-import';
import { contentDisposition } from '../files/routes';
import {
  importRecognitions,
  readRows,
  requireExportScope,
  streamExchangeCsv,
  streamExchangeXlsx,
} from './service';
import { getCampaign } from '../campaigns/repository';

const TAGS = ['数据交换'];
const E = ErrorEnvelopeSchema;
const errors = { 400: E, 401: E, 403: E, 404: E, 413: E };

/** The multipart field "file" of an import request (a workbook or CSV: the largest upload the platform takes). */
async function uploadedFile(request: FastifyRequest, ctx: AppContext): Promise<UploadedFile> {
  const form = await readMultipart(request, {
    fileField: 'file',
    maxBytes: Math.max(ctx.config.licenceMaxBytes, ctx.config.attachmentMaxBytes),
    tooLarge: () => new AppError('PAYLOAD_TOO_LARGE'),
    notMultipart: () => AppError.of('MULTIPART_REQUIRED'),
  });
  return requireFile(form, () => AppError.of('IMPORT_FILE_REQUIRED', {}, { file: '请选择文件' }));
}

export const exchangeRoutes: FastifyPluginAsyncZod = async (app) => {
  const ctx = app.ctx;

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/v1/exchange/filings.${format}`,
      {
        schema: {
          tags: TAGS,
          summary: `导出本批次审核通过的填报数据（${format === 'csv' ? 'CSV，UTF-8 带 BOM' : 'Excel'}，格式版本默认 ${EXCHANGE_LAYOUT_VERSION}，layout=v2 可选旧版，见 docs/exchange.md；流式生成）`,
          querystring: ExchangeExportQuery,
          response: { 200: z.any(), ...errors },
        },
      },
      async (request, reply) => {
        const actor = authorize(request, 'export.filings');
        const scope = requireExportScope(actor);
        const campaign = await getCampaign(ctx.db, request.query.campaignId);
        const now = ctx.clock.now();
        await audit(
          ctx.db,
          request,
          { action: `exchange.export.${format}`, targetType: 'campaign', targetId: campaign.id },
          now,
        );
        const layout = request.query.layout;
        const name = `优质中小企业填报数据_${campaign.year}年度_${layout}_${shanghaiDate(now).replaceAll('-', '')}.${format}`;
        const body =
          format === 'csv'
            ? streamExchangeCsv(ctx.db, campaign, scope, request.log, layout)
            : streamExchangeXlsx(ctx.db, campaign, scope, request.log, layout);
        return reply
          .header(
            'content-type',
            format === 'csv'
              ? 'text/csv; charset=utf-8'
              : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          )
          .header('content-disposition', contentDisposition('attachment', name))
          .header('x-exchange-layout', layout)
          .header('cache-control', 'private, no-store')
          .header('x-content-type-options', 'nosniff')
          .send(body);
      },
    );
  }

  app.post(
    '/api/v1/exchange/quality-scores/import',
    {
      schema: {
        tags: TAGS,
        summary:
          '导入专精特新发展质量评价得分（multipart：file，.xlsx 或 .csv；列：企业名称、统一社会信用代码、年度、得分、来源；省工信厅，设区市限本市企业）',
        consumes: ['multipart/form-data'],
        response: { 200: QualityImportResponse, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'export.import_quality');
      const file = await uploadedFile(request, ctx);
      const rows = await readRows(file.data, file.filename);
      return importQualityScores(ctx.db, request, actor, rows, { filename: file.filename }, ctx.clock.now());
    },
  );

  app.post(
    '/api/v1/exchange/recognitions/import',
    {
      schema: {
        tags: TAGS,
        summary:
          '导入认定名单（multipart：file，.xlsx 或 .csv；列：企业名称、统一社会信用代码、称号、批次/文号、认定日期、有效期至；科技型中小企业另须登记编号）',
        consumes: ['multipart/form-data'],
        response: { 200: ImportResponse, ...errors },
      },
    },
    async (request) => {
      const actor = authorize(request, 'export.import_recognitions');
      const file = await uploadedFile(request, ctx);
      const rows = await readRows(file.data, file.filename);
      const now = ctx.clock.now();
      const result = await importRecognitions(ctx.db, actor, rows, now);
      await audit(
        ctx.db,
        request,
        {
          action: 'exchange.recognitions.import',
          details: {
            filename: file.filename,
            rows: result.rows,
            created: result.created,
            updated: result.updated,
            errors: result.errors.length,
          },
        },
        now,
      );
      return result;
    },
  );
};
