import crypto from 'node:crypto';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../../shared/errors';
import type { AttachmentView } from '../../../shared/schemas/filing-api';
import { filingAttachments, filings, filingSections, files } from '../../db/schema';
import { audit } from '../../plugins/audit';
import { requireActor } from '../../plugins/session';
import {
  attachmentTooManyPixels,
  MAX_IMAGE_PIXELS,
  megabytes,
  oneDecodeAtATime,
  readImageHeader,
} from '../../services/images';
import {
  checkFile,
  fieldRefusal,
  lastField,
  readMultipart,
  requireFile,
  storeUpload,
  uploadName,
} from '../../services/multipart';
import { newStorageKey } from '../../services/storage';
import { loadSharp } from '../../services/heavy-modules';
import type { AppContext } from '../../types';
import { isUuid, loadAttachments, loadSections, registrationLicenceOf } from './repository';
import { attachmentSlotLabel, checkAttachmentsSection, slotAccepts, slotKeys, type Sections } from './rules';
import { isSectionEditable } from './editable';
import { getScopedFiling, requireEditWindow, ruleCtx } from './service';
import { isOwner } from './scope';
import { getCampaign } from '../campaigns/repository';

export const ACCEPTED_TYPES_TEXT = 'PDF、JPG 或 PNG';

export type CheckedUpload =
  | { ok: true; mimeType: 'application/pdf' | 'image/jpeg' | 'image/png'; ext: 'pdf' | 'jpg' | 'png' }
  | { ok: false; message: string };

/**
 * Checks an attachment by its CONTENT, never by its name or declared type: PDF (starts with %PDF-, ends with %%EOF
 * near the end), or a JPG/PNG image whose header declares at most MAX_IMAGE_PIXELS (checked before any decode)
 * and that then decodes completely. The decode streams the image into a thumbnail, so no full frame is held, and
 * runs one image at a time in the process (docs/adr/0022-bounded-image-decoding.md).
 */
export async function checkAttachmentContent(data: Buffer, name: string): Promise<CheckedUpload> {
  if (data.length === 0) {
    return {
      ok: false,
      message: `上传的文件“${name}”是空文件（0 字节），请重新选择文件（${ACCEPTED_TYPES_TEXT} 格式）。`,
    };
  }
  const type = await fileTypeFromBuffer(data);
  if (type?.mime === 'application/pdf') {
    const head = data.subarray(0, 5).toString('latin1');
    const tail = data.subarray(Math.max(0, data.length - 1024)).toString('latin1');
    if (head !== '%PDF-' || !tail.includes('%%EOF')) {
      return { ok: false, message: `PDF 文件“${name}”已损坏或不完整，请重新导出或扫描后上传。` };
    }
    return { ok: true, mimeType: 'application/pdf', ext: 'pdf' };
  }
  if (type?.mime === 'image/jpeg' || type?.mime === 'image/png') {
    const corrupt = `图片“${name}”已损坏或无法识别，请重新拍照或扫描后上传（JPG 或 PNG 格式）。`;
    const header = readImageHeader(data);
    if (!header) return { ok: false, message: corrupt };
    if (header.width * header.height > MAX_IMAGE_PIXELS) {
      return { ok: false, message: attachmentTooManyPixels(name, header.width, header.height) };
    }
    try {
      const sharp = await loadSharp();
      // Every row is decoded (a corrupt or truncated image fails), shrunk on the fly; only 64×64 pixels are kept.
      await oneDecodeAtATime(() =>
        sharp(data, { failOn: 'error', limitInputPixels: MAX_IMAGE_PIXELS })
          .resize(64, 64, { fit: 'inside', withoutEnlargement: true })
          .raw()
          .toBuffer(),
      );
    } catch {
      return { ok: false, message: corrupt };
    }
    return type.mime === 'image/jpeg'
      ? { ok: true, mimeType: 'image/jpeg', ext: 'jpg' }
      : { ok: true, mimeType: 'image/png', ext: 'png' };
  }
  return {
    ok: false,
    message: `文件“${name}”不是 ${ACCEPTED_TYPES_TEXT} 格式（系统按文件内容识别，修改扩展名无效）。附件只接受 ${ACCEPTED_TYPES_TEXT} 文件，请转换格式后重新上传。`,
  };
}

/** A safe display name: no path, no control characters, at most 100 characters, the real extension. */
export function sanitizeFileName(raw: string, ext: string): string {
  const base = path.posix.basename(raw.replace(/\\/g, '/'));
  const cleaned = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && !'<>:"|?*'.includes(ch))
    .join('')
    .replace(/\.[A-Za-z0-9]{1,8}$/, '')
    .trim();
  const stem = [...(cleaned || '附件')].slice(0, 90).join('');
  return `${stem}.${ext}`;
}

function tooLarge(ctx: AppContext): AppError {
  const mb = megabytes(ctx.config.attachmentMaxBytes);
  return AppError.of('ATTACHMENT_TOO_LARGE', { megabytes: mb }, { file: `附件不能超过 ${mb} MB` });
}

/** Multipart overhead allowed on top of the file itself. */
const FORM_OVERHEAD_BYTES = 64 * 1024;

/** Loads the filing for an attachment change and checks that the attachments may be changed now. */
async function loadEditable(ctx: AppContext, request: FastifyRequest, id: string) {
  const actor = requireActor(request);
  const filing = await getScopedFiling(ctx.db, actor, id);
  if (!isOwner(actor, filing)) throw AppError.of('REVIEWER_CANNOT_EDIT_ATTACHMENTS');
  const campaign = await getCampaign(ctx.db, filing.campaignId);
  const now = ctx.clock.now();
  const { editable } = await isSectionEditable(ctx.db, filing, 'attachments', (attachments) =>
    ruleCtx(campaign, filing.kind, now, attachments),
  );
  if (!editable) {
    throw AppError.of(filing.status === 'returned' ? 'ATTACHMENTS_NOT_RETURNED' : 'ATTACHMENTS_LOCKED');
  }
  requireEditWindow(campaign, filing, ctx.clock.now());
  return { actor, filing, campaign };
}

/**
 * Inside an attachment change's transaction: takes the filing row's lock first, as a section save and a submit do
 * (so writers on one filing queue instead of deadlocking), and refuses if its status moved since it was checked
 * (e.g. a submit finished in between).
 */
async function lockForWrite(
  tx: Parameters<Parameters<AppContext['db']['transaction']>[0]>[0],
  filing: { id: string; statusVersion: number },
): Promise<void> {
  const [row] = await tx
    .select({ statusVersion: filings.statusVersion })
    .from(filings)
    .where(eq(filings.id, filing.id))
    .for('no key update');
  if (!row || row.statusVersion !== filing.statusVersion) {
    throw AppError.of('FILING_STATUS_CHANGED_ATTACHMENTS');
  }
}

/** Recomputes the 附件 section's completeness after the attachment list changed (inside the transaction). */
async function refreshAttachmentSection(
  tx: Parameters<Parameters<AppContext['db']['transaction']>[0]>[0],
  filingId: string,
  rctxBase: ReturnType<typeof ruleCtx>,
): Promise<void> {
  const attachments = (await loadAttachments(tx, filingId)).map((a) => ({ slot: a.attachment.slot }));
  const rows = await loadSections(tx, filingId);
  const sections = Object.fromEntries(rows.map((r) => [r.section, r.data])) as Sections;
  const checked = checkAttachmentsSection(sections, { ...rctxBase, attachments });
  await tx
    .update(filingSections)
    .set({ complete: checked.complete, valid: checked.valid })
    .where(and(eq(filingSections.filingId, filingId), eq(filingSections.section, 'attachments')));
}

/**
 * POST /filings/:id/attachments (multipart: slot, file). The bytes are stored first, then one transaction adds
 * the file and attachment rows; if anything fails the stored bytes are removed again, so a failed upload
 * changes nothing.
 */
export async function uploadAttachment(
  ctx: AppContext,
  request: FastifyRequest,
  id: string,
): Promise<AttachmentView> {
  const { filing, campaign } = await loadEditable(ctx, request, id);
  const max = ctx.config.attachmentMaxBytes;
  const form = await readMultipart(request, {
    fileField: 'file',
    maxBytes: max,
    formOverheadBytes: FORM_OVERHEAD_BYTES,
    tooLarge: () => tooLarge(ctx),
  });
  const now = ctx.clock.now();
  const rctx = ruleCtx(campaign, filing.kind, now);
  const slots = slotKeys(rctx);
  const slot = lastField(form, 'slot')?.trim();
  if (!slot || !slots.includes(slot)) throw fieldRefusal('slot', '请选择附件类别后再上传');
  const file = requireFile(form, () =>
    fieldRefusal('file', `请选择要上传的文件（${ACCEPTED_TYPES_TEXT} 格式，不超过 ${megabytes(max)} MB）`),
  );
  const rawName = file.filename || '附件';
  const checked = await checkFile(file, uploadName(file, '附件'), checkAttachmentContent);
  const accepts = slotAccepts(slot) ?? [];
  if (!accepts.includes(checked.ext)) {
    const formats = accepts.map((f) => f.toUpperCase()).join('、');
    throw fieldRefusal(
      'file',
      `“${attachmentSlotLabel(slot)}”只接受 ${formats} 格式的文件，请转换为 ${formats} 后重新上传。`,
    );
  }

  const data = file.data;
  return storeAttachment(ctx, request, filing, rctx, now, {
    slot,
    data,
    name: sanitizeFileName(rawName, checked.ext),
    mimeType: checked.mimeType,
    sha256: crypto.createHash('sha256').update(data).digest('hex'),
  });
}

export const REGISTRATION_LICENCE_NAME = '营业执照（注册时上传）';

/**
 * POST /filings/:id/attachments/registration-licence: the 营业执照 uploaded at registration becomes the filing's
 * 营业执照 attachment, without uploading it again. Its bytes are copied into a new attachment file (the filing's
 * attachments stay independent of the account's licence), in one transaction with the attachment row and audit.
 */
export async function attachRegistrationLicence(
  ctx: AppContext,
  request: FastifyRequest,
  id: string,
): Promise<AttachmentView> {
  const { filing, campaign } = await loadEditable(ctx, request, id);
  const licence = await registrationLicenceOf(ctx.db, filing.enterpriseId);
  if (!licence) {
    throw AppError.of('REGISTRATION_LICENCE_NOT_FOUND');
  }
  const existing = await loadAttachments(ctx.db, filing.id);
  if (existing.some((a) => a.attachment.slot === 'businessLicense' && a.file.sha256 === licence.sha256)) {
    throw AppError.of('LICENCE_ALREADY_ATTACHED');
  }
  const data = await ctx.storage.get(licence.storageKey);
  const ext = licence.mimeType === 'image/png' ? 'png' : 'jpg';
  const now = ctx.clock.now();
  const rctx = ruleCtx(campaign, filing.kind, now);
  return storeAttachment(ctx, request, filing, rctx, now, {
    slot: 'businessLicense',
    data,
    name: `${REGISTRATION_LICENCE_NAME}.${ext}`,
    mimeType: licence.mimeType,
    sha256: licence.sha256,
    auditDetails: { fromRegistrationLicence: licence.id },
  });
}

/**
 * Stores an attachment's bytes, then in one transaction its file row, the filing's attachment row, the refreshed
 * 附件 section and the audit row (the bytes are deleted again if the transaction fails): what an upload and the
 * registration licence's reuse share.
 */
async function storeAttachment(
  ctx: AppContext,
  request: FastifyRequest,
  filing: { id: string; enterpriseId: string; statusVersion: number },
  rctx: ReturnType<typeof ruleCtx>,
  now: Date,
  a: {
    slot: string;
    data: Buffer;
    name: string;
    mimeType: string;
    sha256: string;
    auditDetails?: Record<string, unknown>;
  },
): Promise<AttachmentView> {
  const fileId = crypto.randomUUID();
  const attachmentId = crypto.randomUUID();
  const storageKey = newStorageKey('attachments');
  await storeUpload(
    ctx.storage,
    storageKey,
    a.data,
    () =>
      ctx.db.transaction(async (tx) => {
        await lockForWrite(tx, filing);
        await tx.insert(files).values({
          id: fileId,
          storageKey,
          enterpriseId: filing.enterpriseId,
          purpose: 'attachment',
          originalName: a.name,
          mimeType: a.mimeType,
          sizeBytes: a.data.length,
          sha256: a.sha256,
          createdAt: now,
        });
        await tx
          .insert(filingAttachments)
          .values({ id: attachmentId, filingId: filing.id, slot: a.slot, fileId, createdAt: now });
        await refreshAttachmentSection(tx, filing.id, rctx);
        await audit(
          tx,
          request,
          {
            action: 'filing.attachment_add',
            targetType: 'filing',
            targetId: filing.id,
            details: {
              slot: a.slot,
              fileId,
              sizeBytes: a.data.length,
              mimeType: a.mimeType,
              ...a.auditDetails,
            },
          },
          now,
        );
      }),
    request.log,
  );
  return {
    id: attachmentId,
    slot: a.slot,
    fileId,
    name: a.name,
    mimeType: a.mimeType,
    sizeBytes: a.data.length,
    createdAt: now.toISOString(),
  };
}

/**
 * DELETE /filings/:id/attachments/:attachmentId. The file row stays (a submitted snapshot may reference it); only
 * the attachment link goes.
 */
export async function deleteAttachment(
  ctx: AppContext,
  request: FastifyRequest,
  id: string,
  attachmentId: string,
): Promise<void> {
  const { filing, campaign } = await loadEditable(ctx, request, id);
  if (!isUuid(attachmentId)) throw AppError.of('ATTACHMENT_NOT_FOUND');
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await lockForWrite(tx, filing);
    const removed = await tx
      .delete(filingAttachments)
      .where(and(eq(filingAttachments.id, attachmentId), eq(filingAttachments.filingId, filing.id)))
      .returning({
        id: filingAttachments.id,
        slot: filingAttachments.slot,
        fileId: filingAttachments.fileId,
      });
    if (removed.length === 0) throw AppError.of('ATTACHMENT_NOT_FOUND');
    await refreshAttachmentSection(tx, filing.id, ruleCtx(campaign, filing.kind, now));
    await audit(
      tx,
      request,
      { action: 'filing.attachment_delete', targetType: 'filing', targetId: filing.id, details: removed[0] },
      now,
    );
  });
}
