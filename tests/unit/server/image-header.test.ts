import sharp from 'sharp';
import {
  attachmentTooManyPixels,
  licenceTooManyPixels,
  MAX_IMAGE_PIXELS,
  oneDecodeAtATime,
  readImageHeader,
  runningDecodes,
} from '../../../src/server/services/images';

/*
 * The header check of uploaded images (docs/adr/0022-bounded-image-decoding.md): dimensions read from the bytes
 * before anything is decoded, and decodes queued one at a time.
 */

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#5080c0' } });

/** A PNG signature and IHDR chunk declaring any size, with no pixel data at all (a decompression bomb's head). */
function pngHead(width: number, height: number): Buffer {
  const b = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  b.writeUInt32BE(13, 8);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  b[24] = 8; // bit depth
  b[25] = 2; // RGB
  return b;
}

/** SOI, an APP0 segment, then a baseline SOF0 declaring width × height. */
function jpegHead(width: number, height: number, fillBytes = 0): Buffer {
  const app0 = [0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const fill = Array.from({ length: fillBytes }, () => 0xff);
  const sof = [0xff, 0xc0, 0x00, 0x11, 8, height >> 8, height & 0xff, width >> 8, width & 0xff, 3];
  return Buffer.from([0xff, 0xd8, ...app0, ...fill, ...sof, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
}

describe('readImageHeader', () => {
  it('reads a PNG’s dimensions from its IHDR chunk', async () => {
    expect(readImageHeader(await solid(7000, 7000).png().toBuffer())).toEqual({
      format: 'png',
      width: 7000,
      height: 7000,
    });
    expect(readImageHeader(await solid(1, 3).png().toBuffer())).toEqual({
      format: 'png',
      width: 1,
      height: 3,
    });
  });

  it('reads a JPEG’s dimensions from its start-of-frame, past EXIF and other segments, baseline or progressive', async () => {
    expect(readImageHeader(await solid(640, 480).jpeg().toBuffer())).toEqual({
      format: 'jpeg',
      width: 640,
      height: 480,
    });
    const progressive = await solid(1201, 803).jpeg({ progressive: true }).toBuffer();
    expect(readImageHeader(progressive)).toEqual({ format: 'jpeg', width: 1201, height: 803 });
    const withExif = await solid(300, 200)
      .withExif({ IFD0: { Make: 'Cam', ImageDescription: 'x'.repeat(5000) } })
      .jpeg()
      .toBuffer();
    expect(readImageHeader(withExif)).toEqual({ format: 'jpeg', width: 300, height: 200 });
    // Fill bytes (extra 0xFF) before a marker are allowed by the standard.
    expect(readImageHeader(jpegHead(5000, 6000, 3))).toEqual({ format: 'jpeg', width: 5000, height: 6000 });
  });

  it('reads what a header declares even when no pixel data follows (so a bomb is refused unread)', () => {
    expect(readImageHeader(pngHead(100_000, 100_000))).toEqual({
      format: 'png',
      width: 100_000,
      height: 100_000,
    });
    expect(readImageHeader(jpegHead(65_535, 65_535))).toEqual({
      format: 'jpeg',
      width: 65_535,
      height: 65_535,
    });
  });

  it('gives null for other bytes, cut-off headers and malformed ones', async () => {
    expect(readImageHeader(Buffer.alloc(0))).toBeNull();
    expect(readImageHeader(Buffer.from('%PDF-1.4\n%%EOF\n'))).toBeNull();
    expect(readImageHeader(await solid(10, 10).gif().toBuffer())).toBeNull();
    const png = await solid(50, 40).png().toBuffer();
    expect(readImageHeader(png.subarray(0, 20))).toBeNull();
    const notIhdr = Buffer.from(png);
    notIhdr.write('IDAT', 12, 'latin1');
    expect(readImageHeader(notIhdr)).toBeNull();
    expect(readImageHeader(pngHead(0, 10))).toBeNull();
    const jpeg = await solid(50, 40).jpeg().toBuffer();
    expect(readImageHeader(jpeg.subarray(0, 12))).toBeNull();
    // Height 0 (to be defined by a later DNL marker) is refused rather than decoded to find out.
    expect(readImageHeader(jpegHead(800, 0))).toBeNull();
    // Garbage where a marker should be.
    expect(readImageHeader(Buffer.concat([Buffer.from([0xff, 0xd8]), Buffer.alloc(100, 0x41)]))).toBeNull();
    // A scan (SOS) before any frame header.
    expect(readImageHeader(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x08, 1, 2, 3, 4, 5, 6]))).toBeNull();
    // A segment length that points past the end.
    expect(readImageHeader(Buffer.from([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xff, 0, 0]))).toBeNull();
  });
});

describe('the pixel cap and its messages', () => {
  it('is 25 megapixels: 5000×5000 is within, 7000×7000 (the issue’s upload) is not', () => {
    expect(MAX_IMAGE_PIXELS).toBe(25_000_000);
    expect(5000 * 5000).toBeLessThanOrEqual(MAX_IMAGE_PIXELS);
    expect(7000 * 7000).toBeGreaterThan(MAX_IMAGE_PIXELS);
  });

  it('tells the size found, the cap and what to do, in Chinese', () => {
    expect(attachmentTooManyPixels('社保证明.png', 7000, 7000)).toBe(
      '图片“社保证明.png”为 7000×7000 像素（4900 万像素），超过附件上限 2500 万像素，请缩小分辨率（例如 5000×5000 或 6000×4000 以内）或转为 PDF 后重新上传。',
    );
    expect(licenceTooManyPixels(6001, 4500)).toBe(
      '营业执照图片为 6001×4500 像素（约 2700 万像素），超过 2500 万像素的上限，请缩小分辨率（例如 5000×5000 或 6000×4000 以内）后重新上传',
    );
  });
});

describe('oneDecodeAtATime', () => {
  it('runs queued decodes one after another, in arrival order, and a failure does not block the next', async () => {
    const order: string[] = [];
    let concurrent = 0;
    let maxConcurrent = 0;
    const job = (name: string, fail = false) =>
      oneDecodeAtATime(async () => {
        concurrent++;
        maxConcurrent = Math.max(maxConcurrent, concurrent);
        expect(runningDecodes()).toBe(1);
        order.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, 15));
        order.push(`end ${name}`);
        concurrent--;
        if (fail) throw new Error(`decode ${name} failed`);
        return name;
      });
    const results = await Promise.allSettled([job('a'), job('b', true), job('c'), job('d')]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'a',
      'decode b failed',
      'c',
      'd',
    ]);
    expect(maxConcurrent).toBe(1);
    expect(order).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c', 'start d', 'end d']);
    expect(runningDecodes()).toBe(0);
  });
});
