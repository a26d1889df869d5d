import crypto from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import { loadSharp } from './heavy-modules';

export interface CleanImage {
  data: Buffer;
  mimeType: 'image/jpeg' | 'image/png';
  ext: 'jpg' | 'png';
  sha256: string;
  width: number;
  height: number;
}

export type ImageCheck = { ok: true; image: CleanImage } | { ok: false; message: string };

export const LICENCE_MESSAGES = {
  missing: '请上传营业执照图片（JPG 或 PNG 格式）',
  empty: '上传的营业执照文件是空的，请重新选择营业执照图片（JPG 或 PNG 格式）',
  notImage:
    '营业执照须为 JPG 或 PNG 格式的图片，请拍照或扫描后上传图片（不支持 PDF、Word 或改了扩展名的文件）',
  corrupt: '营业执照图片已损坏或无法识别，请重新拍照或扫描后上传（JPG 或 PNG 格式）',
  tooManyPixels: '营业执照图片分辨率过大，请缩小后重新上传（不超过 8000×8000 像素）',
} as const;

/** Refuse decompression bombs: 64 megapixels is far beyond any scan of a licence. */
const MAX_PIXELS = 64_000_000;

export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
}

/**
 * Checks an uploaded image by its CONTENT (not its name or declared type): JPG or PNG magic bytes, then a full
 * decode (a corrupt or truncated image fails). Re-encodes it, which applies the EXIF orientation and strips
 * every piece of metadata (GPS, camera, comments), keeping the format.
 */
export async function cleanJpegOrPng(input: Buffer): Promise<ImageCheck> {
  if (input.length === 0) return { ok: false, message: LICENCE_MESSAGES.empty };
  const type = await fileTypeFromBuffer(input);
  if (!type || (type.mime !== 'image/jpeg' && type.mime !== 'image/png')) {
    return { ok: false, message: LICENCE_MESSAGES.notImage };
  }
  try {
    const sharp = await loadSharp();
    const pipeline = sharp(input, { failOn: 'truncated', limitInputPixels: MAX_PIXELS }).rotate();
    const out =
      type.mime === 'image/jpeg'
        ? await pipeline.jpeg({ quality: 85, mozjpeg: false }).toBuffer({ resolveWithObject: true })
        : await pipeline.png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true });
    return {
      ok: true,
      image: {
        data: out.data,
        mimeType: type.mime,
        ext: type.mime === 'image/jpeg' ? 'jpg' : 'png',
        sha256: crypto.createHash('sha256').update(out.data).digest('hex'),
        width: out.info.width,
        height: out.info.height,
      },
    };
  } catch (err) {
    if (err instanceof Error && /pixel limit/i.test(err.message))
      return { ok: false, message: LICENCE_MESSAGES.tooManyPixels };
    return { ok: false, message: LICENCE_MESSAGES.corrupt };
  }
}
