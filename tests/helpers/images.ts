import crypto from 'node:crypto';
import sharp from 'sharp';

/** A real PNG (a small licence-like picture) of the given size. */
export function pngBuffer(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .png()
    .toBuffer();
}

/** A real JPEG carrying EXIF metadata (camera make, a comment), so tests can check that it is stripped. */
export function jpegWithExif(width = 80, height = 60): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 120, b: 220 } } })
    .withExif({ IFD0: { Make: 'SecretCam', Model: 'Model-X', ImageDescription: 'GPS 31.2N 120.6E' } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** A JPEG whose bytes are random noise, so it barely compresses: about `bytes` long. */
export async function noisyJpeg(approxBytes: number): Promise<Buffer> {
  const side = Math.ceil(Math.sqrt(approxBytes / 1.2));
  const raw = crypto.randomBytes(side * side * 3);
  return sharp(raw, { raw: { width: side, height: side, channels: 3 } })
    .jpeg({ quality: 100 })
    .toBuffer();
}

/** A PNG cut off in the middle: the magic bytes say PNG, the decode fails. */
export async function truncatedPng(): Promise<Buffer> {
  const full = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#3366cc' } })
    .png({ compressionLevel: 0 })
    .toBuffer();
  return full.subarray(0, Math.floor(full.length / 2));
}

/** A JPEG header followed by garbage: looks like a JPEG to a sniffer, is not an image. */
export function corruptJpeg(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
    Buffer.alloc(2000, 0x41),
  ]);
}

/** A PDF named licence.jpg: a non-image renamed. */
export function pdfBytes(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
}

/** A GIF: an image, but not an accepted format. */
export function gifBuffer(): Promise<Buffer> {
  return sharp({ create: { width: 10, height: 10, channels: 3, background: '#00ff00' } })
    .gif()
    .toBuffer();
}
