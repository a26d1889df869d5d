import crypto from 'node:crypto';
import { attachmentFacts } from '../../shared/filing/api';
import { requiredSlotKeys } from '../../shared/filing/attachments';
import type { FilingContext } from '../../shared/filing/types';
import type { SectionKey } from '../../shared/schemas/filing-api';
import { attachmentSlotLabel } from '../modules/filings/rules';
import type { Snapshot } from '../modules/filings/service';
import { FontMissingError, useCjkFont } from '../services/application-pdf';
import { loadPdfKit } from '../services/heavy-modules';
import { newStorageKey, type Storage } from '../services/storage';
import type { DbOrTx } from '../db/client';
import { filingAttachments, files } from '../db/schema';

/*
 * Real small files behind the demo filings' attachments (issue 16 item 14): every submitted demo filing carries
 * the slots it requires, each a one-page PDF saying what it stands for, stored through the platform's storage
 * like an upload, so previews, downloads and the 申报书's attachment list work on a fresh demo database.
 */

export interface DemoFiles {
  storage: Storage;
  /** One PDF per slot label, rendered once. */
  pdfs: Map<string, Buffer>;
}

async function onePagePdf(lines: string[]): Promise<Buffer> {
  const PDFDocument = await loadPdfKit();
  const pdf = new PDFDocument({ size: 'A4', margin: 60, info: { Title: lines[0] ?? 'demo' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  try {
    useCjkFont(pdf);
  } catch (err) {
    // Without the CJK font (a bare development machine) the placeholder still is a valid PDF, in Latin letters.
    if (!(err instanceof FontMissingError)) throw err;
    lines = ['Demo attachment (placeholder file)'];
  }
  pdf.fontSize(18).text(lines[0] ?? '', { align: 'center' });
  pdf.moveDown();
  pdf.fontSize(11);
  for (const l of lines.slice(1)) pdf.text(l);
  pdf.end();
  return done;
}

export function demoFiles(storage: Storage): DemoFiles {
  return { storage, pdfs: new Map() };
}

async function pdfFor(df: DemoFiles, label: string): Promise<Buffer> {
  let data = df.pdfs.get(label);
  if (!data) {
    data = await onePagePdf([
      `演示附件：${label}`,
      '本文件为演示环境自动生成的占位文件，不是真实材料。',
      '江苏省优质中小企业梯度培育平台（演示数据）',
    ]);
    df.pdfs.set(label, data);
  }
  return data;
}

/** Stores and attaches one PDF per required slot of a filing; returns the snapshot's attachment list. */
export async function attachDemoFiles(
  db: DbOrTx,
  df: DemoFiles,
  o: {
    filingId: string;
    enterpriseId: string;
    sections: Record<SectionKey, Record<string, unknown>>;
    context: FilingContext;
    at: Date;
    /** Required slots left without a file (a filing submitted before the slot became required). */
    missing?: readonly string[];
  },
): Promise<Snapshot['attachments']> {
  const out: Snapshot['attachments'] = [];
  for (const slot of requiredSlotKeys(o.context, attachmentFacts(o.sections, o.context))) {
    if (o.missing?.includes(slot)) continue;
    const label = attachmentSlotLabel(slot);
    const data = await pdfFor(df, label);
    const storageKey = newStorageKey('attachments');
    await df.storage.put(storageKey, data);
    const sha256 = crypto.createHash('sha256').update(data).digest('hex');
    const name = `${label.replace(/[（）()\s]/g, '')}.pdf`;
    const [file] = await db
      .insert(files)
      .values({
        storageKey,
        enterpriseId: o.enterpriseId,
        purpose: 'attachment',
        originalName: name,
        mimeType: 'application/pdf',
        sizeBytes: data.length,
        sha256,
        createdAt: o.at,
      })
      .returning({ id: files.id });
    await db
      .insert(filingAttachments)
      .values({ filingId: o.filingId, slot, fileId: file!.id, createdAt: o.at });
    out.push({ slot, fileId: file!.id, name, mimeType: 'application/pdf', sizeBytes: data.length, sha256 });
  }
  return out;
}
