/**
 * The one reader of multipart/form-data uploads (issue #14 item 3): registration (营业执照 + the form's fields),
 * filing attachments, objection evidence and the exchange imports all read their request through readMultipart().
 *
 * What it does, in this order:
 * 1. a declared Content-Length over the file limit plus the form's overhead is refused before a byte is read;
 * 2. a request that is not multipart/form-data is refused (415);
 * 3. the parts are read with limits: one file, at most `maxBytes` of it (busboy stops keeping bytes past the
 *    limit, so an oversize file never sits in memory), the plugin's caps on fields and parts (app.ts);
 * 4. text fields are collected; the one file field is kept in memory, other file parts are drained and dropped;
 * 5. every failure becomes the AppError the caller answered before this reader existed: the caller's own
 *    "too large" reason code naming its field (LICENCE_TOO_LARGE, ATTACHMENT_TOO_LARGE, OBJECTION_FILE_TOO_LARGE),
 *    PAYLOAD_TOO_LARGE for too many files, fields or parts, BAD_REQUEST for a body cut short or without a boundary.
 *
 * The caller then decides the order of its own checks: requireFile() for "no file", checkFile() for the content
 * check by magic bytes (the same checks as before: services/images.ts, filings/attachments.ts), and storeUpload()
 * writes the bytes and removes them again if recording them fails, so a failed upload leaves nothing on disk.
 */
import path from 'node:path';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import type { Storage } from './storage-contract';

/** The message of a body that is not the multipart it claims to be (no boundary, cut short, JSON inside). */
export const MALFORMED_MULTIPART_MESSAGE =
  '上传的表单格式不正确（multipart/form-data 内容不完整或缺少分隔符），请在页面上重新选择文件上传。';

/** busboy's plain Errors for such a body (it gives them no code). */
const MALFORMED_MULTIPART =
  /^(Multipart: Boundary not found|Unexpected end of (multipart data|form|file)|Malformed part header|Part terminated early)/;

export function isMalformedMultipartError(error: unknown): boolean {
  return error instanceof Error && MALFORMED_MULTIPART.test(error.message ?? '');
}

/** @fastify/multipart's own limit errors (files, fields, parts): the request carries more than any form here. */
const COUNT_LIMIT_CODES = new Set(['FST_FILES_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PARTS_LIMIT']);

export interface MultipartSpec {
  /** The form's one file field ('licence', 'file'). File parts under another name are read and dropped. */
  fileField: string;
  /** The largest file accepted, in bytes (a file of exactly this size is accepted). */
  maxBytes: number;
  /** The answer to a file over maxBytes: the caller's reason code, with its field. */
  tooLarge: () => AppError;
  /**
   * When set, a declared Content-Length above maxBytes + this many bytes (the text fields, boundaries and part
   * headers) is answered with tooLarge() before the body is read.
   */
  formOverheadBytes?: number;
  /** The answer to a request that is not multipart/form-data; by default the plain 415 UNSUPPORTED_MEDIA_TYPE. */
  notMultipart?: () => AppError;
}

export interface UploadedFile {
  /** The form field it came in. */
  field: string;
  data: Buffer;
  /** The name the browser sent ('' when none); never trusted for the type. */
  filename: string;
}

export interface MultipartForm {
  /** Text fields: the first value of each name. */
  fields: Record<string, string>;
  /** Every text field in the order it arrived, repeats included. */
  entries: [name: string, value: string][];
  /** The file of spec.fileField, or null when the form had none. */
  file: UploadedFile | null;
}

function mapReadError(error: unknown, spec: MultipartSpec): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return spec.tooLarge();
  if (typeof code === 'string' && COUNT_LIMIT_CODES.has(code)) return new AppError('PAYLOAD_TOO_LARGE');
  if (isMalformedMultipartError(error)) return new AppError('BAD_REQUEST', MALFORMED_MULTIPART_MESSAGE);
  return error;
}

/** Reads a multipart request's text fields and its one file, within the limits of `spec` (see the file comment). */
export async function readMultipart(request: FastifyRequest, spec: MultipartSpec): Promise<MultipartForm> {
  if (spec.formOverheadBytes !== undefined) {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > spec.maxBytes + spec.formOverheadBytes) throw spec.tooLarge();
  }
  if (!request.isMultipart()) throw spec.notMultipart?.() ?? new AppError('UNSUPPORTED_MEDIA_TYPE');
  const form: MultipartForm = { fields: {}, entries: [], file: null };
  let oversize = false;
  try {
    // throwFileSizeLimit is read by @fastify/multipart per call but missing from its types.
    const options: Parameters<FastifyRequest['parts']>[0] & { throwFileSizeLimit: boolean } = {
      limits: { fileSize: spec.maxBytes, files: 1 },
      // A file over the limit is ended early and marked truncated; it is answered below with the caller's reason.
      throwFileSizeLimit: false,
    };
    const parts = request.parts(options);
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value !== 'string') continue;
        form.entries.push([part.fieldname, part.value]);
        if (!Object.hasOwn(form.fields, part.fieldname)) form.fields[part.fieldname] = part.value;
        continue;
      }
      const wanted = part.fieldname === spec.fileField;
      const chunks: Buffer[] = [];
      for await (const chunk of part.file as AsyncIterable<Buffer>) if (wanted) chunks.push(chunk);
      if (!wanted) continue;
      if (part.file.truncated) {
        oversize = true;
        chunks.length = 0;
      } else {
        form.file = { field: part.fieldname, data: Buffer.concat(chunks), filename: part.filename ?? '' };
      }
    }
  } catch (error) {
    throw mapReadError(error, spec);
  }
  if (oversize) throw spec.tooLarge();
  return form;
}

/** The last value of a text field (a form that repeats it means its last one), or null. */
export function lastField(form: MultipartForm, name: string): string | null {
  for (let i = form.entries.length - 1; i >= 0; i--)
    if (form.entries[i]![0] === name) return form.entries[i]![1];
  return null;
}

/** A refusal of one form field: VALIDATION_FAILED with the message as the envelope's and beside the field. */
export function fieldRefusal(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { [field]: message });
}

/** The form's file, or the caller's "no file" answer. */
export function requireFile(form: MultipartForm, missing: () => AppError): UploadedFile {
  if (!form.file) throw missing();
  return form.file;
}

/** The file's name without any folder ("C:\\扫描\\执照.png" → "执照.png"), or `fallback` when none was sent. */
export function uploadName(file: UploadedFile, fallback: string): string {
  return path.posix.basename((file.filename || fallback).replace(/\\/g, '/'));
}

/** What a content check answers: the accepted file's facts, or the Chinese message of its refusal. */
export type ContentCheck<T> = ({ ok: true } & T) | { ok: false; message: string };

/**
 * Runs a content check on the file (its type told from its bytes, never from its name or declared type) and
 * answers a refusal as VALIDATION_FAILED with the check's message beside the file's field.
 */
export async function checkFile<T>(
  file: UploadedFile,
  name: string,
  check: (data: Buffer, name: string) => Promise<ContentCheck<T>>,
): Promise<{ ok: true } & T> {
  const checked = await check(file.data, name);
  if (!checked.ok) throw fieldRefusal(file.field, checked.message);
  return checked;
}

/**
 * Writes uploaded bytes under `key`, then runs `record` (the rows that make the file known). If `record` throws,
 * the stored object is deleted again before the error goes on, so a failed upload leaves no file behind (the
 * local storage writes a temporary file and renames it, so a failed write leaves nothing either). A failed
 * delete is logged, not thrown: the caller's own error is the answer.
 */
export async function storeUpload<T>(
  storage: Storage,
  key: string,
  data: Buffer,
  record: () => Promise<T>,
  log?: FastifyBaseLogger,
): Promise<T> {
  await storage.put(key, data);
  try {
    return await record();
  } catch (err) {
    await storage
      .delete(key)
      .catch((e: unknown) => log?.error({ err: e, key }, 'could not delete an uploaded file'));
    throw err;
  }
}
