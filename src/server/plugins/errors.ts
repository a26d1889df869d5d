import { uniqueViolation } from '../db/errors';
import { FontMissingError } from '../services/application-pdf';
import { isMalformedMultipartError, MALFORMED_MULTIPART_MESSAGE } from '../services/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { recordRefusal } from './access-denied';
import { AppError, ERRORS, type ErrorCode, type ErrorEnvelope, type FieldErrors } from '../../shared/errors';
import { z } from '../../shared/schemas/zod';

/** The envelope every error response uses; also the OpenAPI schema of error responses. */
export const ErrorEnvelopeSchema = z.object({
  code: z.string(),
  message: z.string(),
  fieldErrors: z.record(z.string(), z.string()),
  requestId: z.string(),
});

export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  message?: string,
  fieldErrors: FieldErrors = {},
  reason?: string,
): FastifyReply {
  const body: ErrorEnvelope = {
    code,
    message: message ?? ERRORS[code].message,
    fieldErrors,
    requestId: String(request.id),
  };
  // The precise reason (REASONS, ADR 0033) beside the envelope, whose four keys stay as they are.
  void reply.header('x-error-reason', reason ?? code);
  return reply.status(ERRORS[code].status).type('application/json; charset=utf-8').send(body);
}

/** Maps Fastify's own error codes (body limits, content types, multipart limits) to our catalogue. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_REQ_FILE_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_PARTS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FILES_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_FIELDS_LIMIT: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
};

/**
 * busboy (under @fastify/multipart) throws plain Errors for a body that is not the multipart it claims to be:
 * no boundary, JSON sent as multipart/form-data, a body cut short. The client sent it wrong: 400, never 500.
 * Uploads read through services/multipart.ts get this answer there; this is the net for any other reader.
 */
export function isMalformedMultipart(request: FastifyRequest, error: Error): boolean {
  const type = String(request.headers['content-type'] ?? '');
  return /^multipart\//i.test(type) && isMalformedMultipartError(error);
}

export function instancePathToField(instancePath: string): string {
  return instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.') || '_';
}

export async function errorsPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error.code === 'INTERNAL') request.log.error({ err: error }, 'internal error');
      await recordRefusal(request, error.code);
      return sendError(reply, request, error.code, error.message, error.fieldErrors, error.reason);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fieldErrors: FieldErrors = {};
      for (const v of error.validation) {
        const key = instancePathToField(v.instancePath);
        if (!(key in fieldErrors)) fieldErrors[key] = v.message ?? '格式不正确';
      }
      return sendError(reply, request, 'VALIDATION_FAILED', undefined, fieldErrors);
    }
    if (error.validation) {
      // JSON-schema validation from a plugin route (not Zod): still one envelope.
      const fieldErrors: FieldErrors = {};
      for (const v of error.validation) fieldErrors[instancePathToField(v.instancePath)] = '格式不正确';
      return sendError(reply, request, 'VALIDATION_FAILED', undefined, fieldErrors);
    }
    if (error.code && FASTIFY_CODES[error.code]) {
      return sendError(reply, request, FASTIFY_CODES[error.code]!);
    }
    if (isMalformedMultipart(request, error)) {
      return sendError(reply, request, 'BAD_REQUEST', MALFORMED_MULTIPART_MESSAGE);
    }
    if ((error as unknown) instanceof FontMissingError) {
      // Any PDF (申报书, 自评表, the province's list export): the operator has a font to install, not a fault to chase.
      request.log.error({ err: error }, error.message);
      return sendError(
        reply,
        request,
        'SERVICE_UNAVAILABLE',
        '服务器缺少中文字体，暂时无法生成 PDF 文件。请联系系统管理员安装 fonts-noto-cjk 字体包后重试。',
      );
    }
    const constraint = uniqueViolation(error);
    if (constraint) {
      // A duplicate that no earlier check caught (two tabs, a double click, a replayed request): the
      // record exists already, which is a conflict for the person to look at, not a fault of the platform.
      request.log.warn({ constraint }, 'unique violation answered as a conflict');
      return sendError(
        reply,
        request,
        'CONFLICT',
        '该记录已存在（可能已在另一窗口或由他人提交），请刷新页面核对后再操作。',
      );
    }
    if (error.statusCode === 429) return sendError(reply, request, 'RATE_LIMITED');
    if (error.statusCode === 413) return sendError(reply, request, 'PAYLOAD_TOO_LARGE');
    if (error.statusCode === 415) return sendError(reply, request, 'UNSUPPORTED_MEDIA_TYPE');
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendError(reply, request, 'BAD_REQUEST');
    }
    if (isResponseSerializationError(error as unknown as Error)) {
      request.log.error({ err: error }, 'response did not match its schema');
    } else {
      request.log.error({ err: error }, 'unhandled error');
    }
    return sendError(reply, request, 'INTERNAL');
  });

  app.setNotFoundHandler((request, reply) => sendError(reply, request, 'NOT_FOUND', '请求的地址不存在。'));
}
