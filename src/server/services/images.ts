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
} as const;

/**
 * The pixel cap of every uploaded image, licence or attachment (docs/adr/0022-bounded-image-decoding.md): 25
 * megapixels (e.g. 6000×4000, a 24-Mpx camera; an A4 page scanned at 600 dpi is 35 Mpx at full size but 8.7 Mpx
 * at 300 dpi) is more than any licence or certificate needs to be legible, and at most 75 MB once decoded to RGB.
 */
export const MAX_IMAGE_PIXELS = 25_000_000;

/** "2500 万像素" for MAX_IMAGE_PIXELS. */
export const MAX_IMAGE_PIXELS_TEXT = `${MAX_IMAGE_PIXELS / 10_000} 万像素`;

/** "4900 万" / "约 1.2 万" — a pixel count in 万 as people say it. */
function wan(pixels: number): string {
  const w = pixels / 10_000;
  return Number.isInteger(w) ? `${w} 万` : `约 ${w >= 100 ? Math.round(w) : w.toFixed(1)} 万`;
}

/** The licence's message when its header declares more pixels than the cap (checked before any decode). */
export function licenceTooManyPixels(width: number, height: number): string {
  return `营业执照图片为 ${width}×${height} 像素（${wan(width * height)}像素），超过 ${MAX_IMAGE_PIXELS_TEXT}的上限，请缩小分辨率（例如 5000×5000 或 6000×4000 以内）后重新上传`;
}

/** An attachment image's message when its header declares more pixels than the cap. */
export function attachmentTooManyPixels(name: string, width: number, height: number): string {
  return `图片“${name}”为 ${width}×${height} 像素（${wan(width * height)}像素），超过附件上限 ${MAX_IMAGE_PIXELS_TEXT}，请缩小分辨率（例如 5000×5000 或 6000×4000 以内）或转为 PDF 后重新上传。`;
}

export interface ImageHeader {
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * The dimensions a PNG or JPEG declares in its header, read from the bytes without decoding anything: PNG's IHDR
 * chunk (which must come first), or a JPEG's first start-of-frame marker (SOF0–SOF15 but DHT, JPG and DAC), walking
 * the marker segments before it. Null when the bytes are neither, or the header is cut short or malformed.
 */
export function readImageHeader(data: Buffer): ImageHeader | null {
  if (data.length >= 24 && data.subarray(0, 8).equals(PNG_SIGNATURE)) {
    if (data.readUInt32BE(8) !== 13 || data.toString('latin1', 12, 16) !== 'IHDR') return null;
    const width = data.readUInt32BE(16);
    const height = data.readUInt32BE(20);
    return width > 0 && height > 0 ? { format: 'png', width, height } : null;
  }
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
    let pos = 2;
    while (pos + 4 <= data.length) {
      if (data[pos] !== 0xff) return null;
      let marker = data[pos + 1]!;
      // Fill bytes: any number of 0xFF before a marker.
      while (marker === 0xff && pos + 2 < data.length) marker = data[++pos + 1]!;
      pos += 2;
      // Markers without a length: TEM and RST0–7 (SOI/EOI cannot come here in a valid file).
      if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
      if (marker === 0xd8 || marker === 0xd9 || marker === 0xda) return null;
      if (pos + 2 > data.length) return null;
      const length = data.readUInt16BE(pos);
      if (length < 2) return null;
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) {
        if (length < 7 || pos + 7 > data.length) return null;
        const height = data.readUInt16BE(pos + 3);
        const width = data.readUInt16BE(pos + 5);
        // A height of 0 means "defined later by a DNL marker": refuse rather than decode to find out.
        return width > 0 && height > 0 ? { format: 'jpeg', width, height } : null;
      }
      pos += length;
    }
    return null;
  }
  return null;
}

let decodeTail: Promise<unknown> = Promise.resolve();
let decodesRunning = 0;

/**
 * Runs `work` (one image decode) when no other decode of this process is running: uploads queue here, in arrival
 * order, so however many arrive at once, at most one image is held decoded in memory. A failing decode releases
 * the turn like a succeeding one.
 */
export function oneDecodeAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = decodeTail.then(async () => {
    decodesRunning++;
    try {
      return await work();
    } finally {
      decodesRunning--;
    }
  });
  decodeTail = run.catch(() => undefined);
  return run;
}

/** How many decodes run right now (0 or 1); for tests. */
export function runningDecodes(): number {
  return decodesRunning;
}

export function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : mb.toFixed(1);
}

/**
 * Checks an uploaded image by its CONTENT (not its name or declared type): JPG or PNG magic bytes, the dimensions
 * its header declares against MAX_IMAGE_PIXELS (before any decode), then a full decode (a corrupt or truncated
 * image fails), one image at a time in the process. Re-encodes it, which applies the EXIF orientation and strips
 * every piece of metadata (GPS, camera, comments), keeping the format.
 */
export async function cleanJpegOrPng(input: Buffer): Promise<ImageCheck> {
  if (input.length === 0) return { ok: false, message: LICENCE_MESSAGES.empty };
  const type = await fileTypeFromBuffer(input);
  if (!type || (type.mime !== 'image/jpeg' && type.mime !== 'image/png')) {
    return { ok: false, message: LICENCE_MESSAGES.notImage };
  }
  const header = readImageHeader(input);
  if (!header) return { ok: false, message: LICENCE_MESSAGES.corrupt };
  if (header.width * header.height > MAX_IMAGE_PIXELS) {
    return { ok: false, message: licenceTooManyPixels(header.width, header.height) };
  }
  try {
    const sharp = await loadSharp();
    const out = await oneDecodeAtATime(() => {
      const pipeline = sharp(input, { failOn: 'truncated', limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
      return type.mime === 'image/jpeg'
        ? pipeline.jpeg({ quality: 85, mozjpeg: false }).toBuffer({ resolveWithObject: true })
        : pipeline.png({ compressionLevel: 9 }).toBuffer({ resolveWithObject: true });
    });
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
  } catch {
    // The header's dimensions were checked; a decoder that still finds more pixels means a malformed file.
    return { ok: false, message: LICENCE_MESSAGES.corrupt };
  }
}
