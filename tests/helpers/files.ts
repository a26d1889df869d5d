import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { multipart, type FilePart } from './accounts';
import type { TestClient } from './test-app';

/** A real, minimal PDF generated with pdfkit. */
export function realPdf(text = 'Audit report'): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A6' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(12).text(text);
    doc.end();
  });
}

/** A real JPEG photo-like image. */
export function realJpeg(width = 120, height = 90): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 90, b: 160 } } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** A Windows executable (MZ header, PE stub): what an ".exe renamed .pdf" contains. */
export function exeBytes(): Buffer {
  const b = Buffer.alloc(1024, 0);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  b.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  return b;
}

/** A PNG whose header is intact and whose pixel data is garbage: a sniffer says PNG, a decoder fails. */
export async function corruptPng(): Promise<Buffer> {
  const full = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#3366cc' } })
    .png({ compressionLevel: 0 })
    .toBuffer();
  const broken = Buffer.from(full);
  broken.fill(0x5a, 100, broken.length - 20);
  return broken;
}

/** Uploads one file to a filing's attachment slot, the way the browser does (multipart: slot, file). */
export function uploadAttachment(
  client: TestClient,
  filingId: string,
  slot: string,
  file: Omit<FilePart, 'name'>,
) {
  const { payload, headers } = multipart({ slot }, { ...file, name: 'file' });
  return client.request('POST', `/api/v1/filings/${filingId}/attachments`, { payload, headers });
}
