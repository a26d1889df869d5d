/**
 * The public side of a list: 公示/公告 pages and objections. No login. Responses carry enterprise names, county
 * names and MASKED credit codes only — never phone numbers, e-mails or full codes (tests assert on the raw JSON).
 */
import crypto from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { AppError, REASONS } from '../../../shared/errors';
import { maskUscc } from '../../../shared/recognition';
import {
  LIST_STATUS_LABELS,
  OBJECTION_FILE_MAX_BYTES,
  OBJECTION_LOOKUP_STATUS_LABELS,
  type ObjectionLookup,
  type ObjectionReceipt,
  type ObjectionRequest,
  type PublicListDetail,
  type PublicListSummary,
  type PublicUploadResponse,
} from '../../../shared/schemas/lists-api';
import { files, objections, recognitionListEntries, recognitionLists } from '../../db/schema';
import { audit } from '../../plugins/audit';
import { requireCaptcha } from '../../services/captcha';
import {
  checkFile,
  fieldRefusal,
  readMultipart,
  requireFile,
  storeUpload,
  uploadName,
} from '../../services/multipart';
import { newStorageKey } from '../../services/storage';
import type { AppContext } from '../../types';
import { countyName } from '../evaluation/service';
import { checkAttachmentContent, sanitizeFileName } from '../filings/attachments';
import { isUuid } from '../filings/repository';
import { cityName, newTrackingNo, trackingNo, type ListRow } from './service';
import { shanghaiDateLabel } from '../../../shared/time';

const LIST_ID = sql.raw('"recognition_lists"."id"');
/** Objection attachments must be used within this time after upload. */
const UPLOAD_TTL_MS = 24 * 3600_000;

/** Visible to the public: in publicity (from its start) or announced. */
function publicVisible(now: Date) {
  return or(
    eq(recognitionLists.status, 'announced'),
    and(eq(recognitionLists.status, 'publicity'), lte(recognitionLists.publicityStart, now)),
  )!;
}

function publicSummary(l: ListRow, entryCount: number): PublicListSummary {
  const status = l.status as 'publicity' | 'announced';
  return {
    id: l.id,
    title: l.title,
    cityName: cityName(l.cityCode),
    issuingDepartment: l.issuingDepartment,
    status,
    statusLabel: LIST_STATUS_LABELS[status],
    publicityStart: l.publicityStart?.toISOString() ?? null,
    publicityEnd: l.publicityEnd?.toISOString() ?? null,
    announcedAt: l.announcedAt?.toISOString() ?? null,
    documentNo: l.documentNo,
    entryCount,
  };
}

export async function publicLists(ctx: AppContext): Promise<PublicListSummary[]> {
  const now = ctx.clock.now();
  const rows = await ctx.db
    .select({
      list: recognitionLists,
      // Table-qualified: drizzle renders a bare column unqualified in a single-table select, and the subquery's
      // own "id" would capture it (every count 0).
      n: sql<number>`(select count(*)::int from ${recognitionListEntries} e where e.list_id = ${LIST_ID} and e.state = 'included')`,
    })
    .from(recognitionLists)
    .where(publicVisible(now))
    .orderBy(
      desc(sql`coalesce(${recognitionLists.announcedAt}, ${recognitionLists.publicityStart})`),
      desc(recognitionLists.createdAt),
    )
    .limit(200);
  return rows.map((r) => publicSummary(r.list, Number(r.n)));
}

async function loadPublic(ctx: AppContext, id: string): Promise<ListRow> {
  if (!isUuid(id)) throw AppError.of('PUBLIC_LIST_NOT_FOUND');
  const [l] = await ctx.db
    .select()
    .from(recognitionLists)
    .where(and(eq(recognitionLists.id, id), publicVisible(ctx.clock.now())));
  if (!l) throw AppError.of('PUBLIC_LIST_NOT_FOUND');
  return l;
}

function objectionOpen(l: ListRow, now: Date): boolean {
  return (
    l.status === 'publicity' &&
    l.publicityStart !== null &&
    l.publicityEnd !== null &&
    l.publicityStart.getTime() <= now.getTime() &&
    now.getTime() <= l.publicityEnd.getTime()
  );
}

function day(d: Date | null): string {
  return d ? shanghaiDateLabel(d) : '';
}

export async function publicListDetail(ctx: AppContext, id: string): Promise<PublicListDetail> {
  const l = await loadPublic(ctx, id);
  const now = ctx.clock.now();
  const entries = await ctx.db
    .select({
      id: recognitionListEntries.id,
      name: recognitionListEntries.enterpriseName,
      uscc: recognitionListEntries.uscc,
      county: recognitionListEntries.countyCode,
    })
    .from(recognitionListEntries)
    .where(and(eq(recognitionListEntries.listId, l.id), eq(recognitionListEntries.state, 'included')))
    .orderBy(asc(recognitionListEntries.countyCode), asc(recognitionListEntries.enterpriseName));
  const open = objectionOpen(l, now);
  const instructions =
    l.status === 'announced'
      ? '名单已公告，公示期已结束。'
      : open
        ? `公示期为${day(l.publicityStart)}至${day(l.publicityEnd)}。对名单中的企业有异议的，请在公示期内通过本页面在线提交，或按下列方式向${l.issuingDepartment}反映。提交异议须如实填写联系人和联系电话，并说明具体理由；匿名或无具体理由的异议不予受理。`
        : `公示期为${day(l.publicityStart)}至${day(l.publicityEnd)}，当前不在公示期内，不再受理在线异议。`;
  return {
    ...publicSummary(l, entries.length),
    entries: entries.map((e) => ({
      id: e.id,
      enterpriseName: e.name,
      countyName: countyName(e.county),
      maskedUscc: maskUscc(e.uscc),
    })),
    objection: { open, contact: l.objectionContact, instructions },
  };
}

/** POST /public/objection-files: one PDF/JPG/PNG (checked by content), at most OBJECTION_FILE_MAX_BYTES. */
export async function uploadObjectionFile(
  ctx: AppContext,
  request: FastifyRequest,
): Promise<PublicUploadResponse> {
  const max = OBJECTION_FILE_MAX_BYTES;
  const mb = Math.round(max / 1024 / 1024);
  const tooLarge = () =>
    AppError.of('OBJECTION_FILE_TOO_LARGE', { megabytes: mb }, { file: `附件不能超过 ${mb} MB` });
  const form = await readMultipart(request, {
    fileField: 'file',
    maxBytes: max,
    formOverheadBytes: 64 * 1024,
    tooLarge,
  });
  const file = requireFile(form, () =>
    fieldRefusal('file', `请选择要上传的文件（PDF、JPG 或 PNG 格式，不超过 ${mb} MB）`),
  );
  const rawName = file.filename || '异议材料';
  const checked = await checkFile(file, uploadName(file, '异议材料'), checkAttachmentContent);
  const now = ctx.clock.now();
  const id = crypto.randomUUID();
  const storageKey = newStorageKey('objections');
  const name = sanitizeFileName(rawName, checked.ext);
  await storeUpload(
    ctx.storage,
    storageKey,
    file.data,
    async () => {
      await ctx.db.insert(files).values({
        id,
        storageKey,
        enterpriseId: null,
        purpose: 'objection',
        originalName: name,
        mimeType: checked.mimeType,
        sizeBytes: file.data.length,
        sha256: crypto.createHash('sha256').update(file.data).digest('hex'),
        createdAt: now,
      });
      await audit(
        ctx.db,
        request,
        {
          action: 'objection.file_upload',
          targetType: 'file',
          targetId: id,
          details: { sizeBytes: file.data.length },
        },
        now,
      );
    },
    request.log,
  );
  return { fileId: id, name, sizeBytes: file.data.length, mimeType: checked.mimeType };
}

export async function submitObjection(
  ctx: AppContext,
  request: FastifyRequest,
  listId: string,
  body: ObjectionRequest,
): Promise<ObjectionReceipt> {
  const l = await loadPublic(ctx, listId);
  const now = ctx.clock.now();
  if (!objectionOpen(l, now)) {
    throw AppError.of('OUTSIDE_PUBLICITY', { start: day(l.publicityStart), end: day(l.publicityEnd) });
  }
  // The captcha is burnt whatever the outcome, before anything else is checked.
  await requireCaptcha(ctx, body.captchaId, body.captchaAnswer);
  const [entry] = await ctx.db
    .select({ id: recognitionListEntries.id })
    .from(recognitionListEntries)
    .where(
      and(
        eq(recognitionListEntries.id, body.entryId),
        eq(recognitionListEntries.listId, l.id),
        eq(recognitionListEntries.state, 'included'),
      ),
    );
  if (!entry) {
    throw AppError.of('OBJECTION_ENTRY_REQUIRED').on('entryId');
  }
  const fileIds = [...new Set(body.fileIds ?? [])];
  return ctx.db.transaction(async (tx) => {
    if (fileIds.length > 0) {
      // Only fresh objection uploads that no other objection uses.
      const ok = await tx
        .select({ id: files.id })
        .from(files)
        .where(
          and(
            inArray(files.id, fileIds),
            eq(files.purpose, 'objection'),
            isNull(files.enterpriseId),
            gt(files.createdAt, new Date(now.getTime() - UPLOAD_TTL_MS)),
          ),
        );
      const used = await tx
        .select({ id: objections.id })
        .from(objections)
        .where(
          sql`${objections.fileIds} ?| array[${sql.join(
            fileIds.map((f) => sql`${f}`),
            sql`, `,
          )}]::text[]`,
        );
      if (ok.length !== fileIds.length || used.length > 0) {
        throw AppError.of('OBJECTION_FILES_EXPIRED').on('fileIds');
      }
    }
    let tracking = newTrackingNo(now);
    for (let i = 0; i < 5; i++) {
      const [taken] = await tx
        .select({ id: objections.id })
        .from(objections)
        .where(eq(objections.trackingNo, tracking));
      if (!taken) break;
      tracking = newTrackingNo(now);
    }
    const [o] = await tx
      .insert(objections)
      .values({
        trackingNo: tracking,
        listId: l.id,
        entryId: entry.id,
        contactName: body.contactName.trim(),
        contactPhone: body.contactPhone.trim(),
        contactEmail: body.contactEmail ? body.contactEmail.trim() : null,
        reason: body.reason.trim(),
        fileIds,
        status: 'open',
        ip: request.ip,
        createdAt: now,
      })
      .returning();
    await audit(
      tx,
      request,
      {
        action: 'objection.submit',
        targetType: 'objection',
        targetId: o!.id,
        details: { listId: l.id, entryId: entry.id, files: fileIds.length },
      },
      now,
    );
    return {
      trackingNo: trackingNo(o!),
      receivedAt: now.toISOString(),
      message: `异议已收到，受理编号 ${trackingNo(o!)}。${l.issuingDepartment}将核实处理，并通过您留下的联系方式反馈结果。`,
    };
  });
}

export const OBJECTION_LOOKUP_NOT_FOUND = REASONS.OBJECTION_LOOKUP_NOT_FOUND.message;

function lastFour(phone: string): string {
  return phone.replace(/\D/g, '').slice(-4);
}

/**
 * GET /public/objections/:trackingNo?phone=NNNN — the objector checks the outcome without logging in. An unknown
 * number and wrong phone digits get the same 404, so the lookup tells nothing about other people's objections;
 * the answer carries no contact details.
 */
export async function lookupObjection(
  ctx: AppContext,
  tracking: string,
  phoneLast4: string,
): Promise<ObjectionLookup> {
  const no = tracking.trim().toUpperCase();
  if (!/^YY\d{8}[0-9A-Z]{6,8}$/.test(no)) throw AppError.of('OBJECTION_LOOKUP_NOT_FOUND');
  const [row] = await ctx.db
    .select({
      o: objections,
      listTitle: recognitionLists.title,
      issuingDepartment: recognitionLists.issuingDepartment,
      enterpriseName: recognitionListEntries.enterpriseName,
    })
    .from(objections)
    .innerJoin(recognitionLists, eq(recognitionLists.id, objections.listId))
    .innerJoin(recognitionListEntries, eq(recognitionListEntries.id, objections.entryId))
    .where(eq(objections.trackingNo, no));
  const expected = row ? lastFour(row.o.contactPhone) : '0000';
  const match =
    expected.length === 4 && crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(phoneLast4.padEnd(4)));
  if (!row || !match) throw AppError.of('OBJECTION_LOOKUP_NOT_FOUND');
  const status = row.o.status as ObjectionLookup['status'];
  const resolved = status !== 'open';
  return {
    trackingNo: no,
    status,
    statusLabel: OBJECTION_LOOKUP_STATUS_LABELS[status] ?? row.o.status,
    listTitle: row.listTitle,
    issuingDepartment: row.issuingDepartment,
    enterpriseName: row.enterpriseName,
    submittedAt: row.o.createdAt.toISOString(),
    resolvedAt: resolved ? (row.o.resolvedAt?.toISOString() ?? null) : null,
    outcome: resolved ? row.o.outcome : null,
    message: resolved
      ? `${row.issuingDepartment}已处理该异议，处理结果为“${OBJECTION_LOOKUP_STATUS_LABELS[status]}”。如对结果有疑问，请按名单公示页上的联系方式咨询。`
      : `异议正在受理中，${row.issuingDepartment}将核实处理，请稍后再查询。`,
  };
}
