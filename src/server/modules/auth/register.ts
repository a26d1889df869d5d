import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldErrors } from '../../../shared/errors';
import {
  RegisterRequest,
  RegisterSmsRequest,
  type SessionResponse,
  type SmsSentResponse,
} from '../../../shared/schemas/auth';
import { issuesToFieldErrors } from '../../../shared/schemas/zod';
import { enterprises, files, users } from '../../db/schema';
import { audit } from '../../plugins/audit';
import { SESSION_COOKIE, startSession } from '../../plugins/session';
import { captchaProblem, checkCaptcha } from '../../services/captcha';
import { LICENCE_MESSAGES, cleanJpegOrPng, megabytes, type CleanImage } from '../../services/images';
import { readMultipart, storeUpload } from '../../services/multipart';
import { hashPassword } from '../../services/passwords';
import { checkSmsCode, consumeSmsCode, issueSmsCode } from '../../services/sms-codes';
import { newStorageKey } from '../../services/storage';
import type { AppContext } from '../../types';
import {
  USCC_TAKEN,
  USERNAME_TAKEN,
  fieldList,
  uniqueViolation,
  usccRegistered,
  usernameTaken,
} from './common';
import { sessionResponse } from './view';

const REGISTER_PURPOSE = 'register';

/** Adds "username taken" / "enterprise registered" to the field errors of an otherwise well-formed form. */
async function availabilityErrors(
  ctx: AppContext,
  values: { username?: string | undefined; uscc?: string | undefined },
  fieldErrors: FieldErrors,
): Promise<void> {
  if (values.username && !fieldErrors.username && (await usernameTaken(ctx.db, values.username))) {
    fieldErrors.username = USERNAME_TAKEN;
  }
  if (values.uscc && !fieldErrors.uscc && (await usccRegistered(ctx.db, values.uscc))) {
    fieldErrors.uscc = USCC_TAKEN;
  }
}

/** Field values that parsed on their own, so availability checks run even when other fields are wrong. */
function parsedField(
  schemaShape: Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>,
  raw: unknown,
  key: string,
): string | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = schemaShape[key]?.safeParse((raw as Record<string, unknown>)[key]);
  return r?.success && typeof r.data === 'string' ? r.data : undefined;
}

/**
 * POST /auth/register/sms-code: the SMS code is sent only when the rest of the form is valid and the captcha is
 * right (FAQ 1.5). The answer names EVERY field that blocks sending, at once.
 */
export async function sendRegisterCode(
  ctx: AppContext,
  request: FastifyRequest,
  body: unknown,
): Promise<SmsSentResponse> {
  const parsed = RegisterSmsRequest.safeParse(body);
  const fieldErrors: FieldErrors = parsed.success ? {} : issuesToFieldErrors(parsed.error.issues);
  const shape = RegisterSmsRequest.shape as unknown as Parameters<typeof parsedField>[0];
  await availabilityErrors(
    ctx,
    { username: parsedField(shape, body, 'username'), uscc: parsedField(shape, body, 'uscc') },
    fieldErrors,
  );
  const captchaId = parsedField(shape, body, 'captchaId');
  const answer = parsedField(shape, body, 'captchaAnswer');
  if (captchaId && answer !== undefined) {
    const problem = captchaProblem(await checkCaptcha(ctx, captchaId, answer));
    if (problem) fieldErrors.captchaAnswer = problem;
  }
  if (!parsed.success || Object.keys(fieldErrors).length > 0) {
    throw AppError.of('SMS_FIELDS_INVALID', { fields: fieldList(fieldErrors) }, fieldErrors);
  }
  return issueSmsCode(ctx, {
    mobile: parsed.data.contactMobile,
    purpose: REGISTER_PURPOSE,
    template: 'register_code',
    ip: request.ip,
  });
}

function tooLarge(ctx: AppContext): AppError {
  const mb = megabytes(ctx.config.licenceMaxBytes);
  return AppError.of('LICENCE_TOO_LARGE', { megabytes: mb }, { licence: `营业执照图片不能超过 ${mb} MB` });
}

/** Multipart overhead allowed on top of the licence itself (text fields, boundaries, headers). */
const FORM_OVERHEAD_BYTES = 256 * 1024;

/**
 * POST /auth/register (multipart). One transaction creates the enterprise, the licence file row and the user,
 * consumes the SMS code, writes the audit event and starts the session; the licence bytes are written before
 * the commit and deleted again if the transaction fails, so there is never an orphan file or a half-made account.
 */
export async function register(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<SessionResponse> {
  const form = await readMultipart(request, {
    fileField: 'licence',
    maxBytes: ctx.config.licenceMaxBytes,
    formOverheadBytes: FORM_OVERHEAD_BYTES,
    tooLarge: () => tooLarge(ctx),
  });

  const parsed = RegisterRequest.safeParse(form.fields);
  const fieldErrors: FieldErrors = parsed.success ? {} : issuesToFieldErrors(parsed.error.issues);
  let image: CleanImage | null = null;
  // The licence's problems are listed with every other field's, so they are collected rather than thrown.
  if (!form.file) fieldErrors.licence = LICENCE_MESSAGES.missing;
  else {
    const checked = await cleanJpegOrPng(form.file.data);
    if (checked.ok) image = checked.image;
    else fieldErrors.licence = checked.message;
  }
  const shape = RegisterRequest.shape as unknown as Parameters<typeof parsedField>[0];
  await availabilityErrors(
    ctx,
    { username: parsedField(shape, form.fields, 'username'), uscc: parsedField(shape, form.fields, 'uscc') },
    fieldErrors,
  );
  let smsCodeId: string | null = null;
  const mobile = parsedField(shape, form.fields, 'contactMobile');
  const code = parsedField(shape, form.fields, 'smsCode');
  if (mobile && code) {
    const checked = await checkSmsCode(ctx, { mobile, purpose: REGISTER_PURPOSE, code });
    if (checked.ok) smsCodeId = checked.id;
    else fieldErrors.smsCode = checked.message;
  }
  if (!parsed.success || !image || !smsCodeId || Object.keys(fieldErrors).length > 0) {
    throw AppError.of('REGISTRATION_FIELDS_INVALID', { fields: fieldList(fieldErrors) }, fieldErrors);
  }
  const v = parsed.data;
  const passwordHash = await hashPassword(v.password);
  const now = ctx.clock.now();
  const fileId = crypto.randomUUID();
  const enterpriseId = crypto.randomUUID();
  const storageKey = newStorageKey('licences');
  let csrfToken: string;
  let userId: string;
  try {
    // The licence bytes are written first and deleted again if the transaction fails.
    ({ csrfToken, userId } = await storeUpload(
      ctx.storage,
      storageKey,
      image.data,
      () =>
        ctx.db.transaction(async (tx) => {
          await consumeSmsCode(tx, smsCodeId, now);
          await tx.insert(files).values({
            id: fileId,
            storageKey,
            enterpriseId,
            purpose: 'licence',
            originalName: `营业执照.${image.ext}`,
            mimeType: image.mimeType,
            sizeBytes: image.data.length,
            sha256: image.sha256,
            createdAt: now,
          });
          await tx.insert(enterprises).values({
            id: enterpriseId,
            name: v.enterpriseName,
            uscc: v.uscc,
            contactName: v.contactName,
            contactMobile: v.contactMobile,
            licenceFileId: fileId,
            createdAt: now,
            updatedAt: now,
          });
          const [user] = await tx
            .insert(users)
            .values({
              username: v.username,
              passwordHash,
              role: 'enterprise',
              enterpriseId,
              displayName: v.enterpriseName,
              mobile: v.contactMobile,
              passwordChangedAt: now,
              createdAt: now,
            })
            .returning({ id: users.id });
          await audit(
            tx,
            request,
            {
              action: 'account.register',
              userId: user!.id,
              username: v.username,
              role: 'enterprise',
              targetType: 'enterprise',
              targetId: enterpriseId,
              details: { uscc: v.uscc, enterpriseName: v.enterpriseName, licenceFileId: fileId },
            },
            now,
          );
          const token = await startSession(ctx, request, reply, user!.id, tx);
          return { csrfToken: token, userId: user!.id };
        }),
      request.log,
    ));
  } catch (err) {
    // startSession may have set the cookie before the commit failed.
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    const index = uniqueViolation(err);
    if (index === 'users_username_uq') throw AppError.of('USERNAME_TAKEN').on('username');
    if (index === 'enterprises_uscc_uq') throw AppError.of('USCC_TAKEN').on('uscc');
    throw err;
  }
  reply.status(201);
  return sessionResponse(ctx, request, reply, { userId, csrfToken });
}
