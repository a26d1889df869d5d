import fs from 'node:fs';
import QRCode from 'qrcode';
import { loadPdfKit } from './heavy-modules';

/**
 * The printable 申报书 (application document) of a submitted filing, and the 自评表 printed from the editor before
 * submission (the same renderer and self-assessment table, so the two agree): a PDF in Chinese, rendered with the Noto Sans
 * CJK font from Debian's fonts-noto-cjk. It shows the SUBMITTED snapshot, the self-assessment, the verification code
 * with a QR code to the public verification page, and the SHA-256 digest of the snapshot.
 *
 * The font path can be overridden with the FONT_PATH environment variable (a .ttc collection or a .ttf/.otf file;
 * for a collection FONT_FACE names the face, default NotoSansCJKsc-Regular).
 */
export const DEFAULT_FONT_PATH = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
export const DEFAULT_FONT_FACE = 'NotoSansCJKsc-Regular';

export class FontMissingError extends Error {
  constructor(readonly fontPath: string) {
    super(
      `The CJK font ${fontPath} is missing, so the application PDF cannot be rendered. ` +
        'Install it with `apt-get install -y fonts-noto-cjk`, or set FONT_PATH to a font with Chinese glyphs.',
    );
    this.name = 'FontMissingError';
  }
}

export function fontPath(env: Record<string, string | undefined> = process.env): string {
  return env.FONT_PATH || DEFAULT_FONT_PATH;
}

export interface DocumentRow {
  label: string;
  value: string;
}

export interface DocumentSection {
  title: string;
  rows: DocumentRow[];
}

export interface ApplicationDocument {
  /** What the document calls itself: 申报书 (after submission) or 自评表 (printed to be signed and stamped). */
  noun: '申报书' | '自评表';
  title: string;
  campaignName: string;
  kindLabel: string;
  enterpriseName: string;
  uscc: string;
  regionLabel: string;
  reviewingDepartment: string;
  /** 提交时间 for a submitted document, 生成时间 for a 自评表 printed before submission. */
  timeLabel: string;
  submittedAtLabel: string;
  verificationCode: string;
  verifyUrl: string;
  /** SHA-256 (hex) of the canonical snapshot; null before submission. */
  digest: string | null;
  /** The short digest of the self-assessment, printed on both the 自评表 and the 申报书 so they can be compared. */
  assessmentDigest: string;
  standardId: string;
  standardTitle: string;
  sections: DocumentSection[];
  /** The self-assessment table: indicator, points, maximum. */
  scoreRows: { name: string; points: string; max: string }[];
  scoreSummary: DocumentRow[];
  /** The attachment list (申报书 only). */
  attachments: DocumentRow[] | null;
}

const MARGIN = 50;

/** Throws FontMissingError (telling the operator what to install) when the CJK font is not there. */
export function assertFontInstalled(): void {
  const font = fontPath();
  if (!fs.existsSync(font)) throw new FontMissingError(font);
}

/** The font file's bytes, read once per process (about 19 MB for the Noto CJK collection). */
let fontCache: { path: string; data: Buffer } | undefined;
function fontBytes(font: string): Buffer {
  if (fontCache?.path !== font) {
    if (!fs.existsSync(font)) throw new FontMissingError(font);
    fontCache = { path: font, data: fs.readFileSync(font) };
  }
  return fontCache.data;
}

/**
 * Registers the CJK font (FONT_PATH, and FONT_FACE inside a .ttc collection) as `cjk` on a PDF document and
 * selects it. Every PDF the platform renders goes through here. Throws FontMissingError when it is absent.
 */
export function useCjkFont(pdf: PDFKit.PDFDocument): void {
  const font = fontPath();
  const data = fontBytes(font);
  const face = /\.ttc$/i.test(font) ? (process.env.FONT_FACE ?? DEFAULT_FONT_FACE) : undefined;
  if (face) pdf.registerFont('cjk', data, face);
  else pdf.registerFont('cjk', data);
  pdf.font('cjk');
}

/** Renders the 申报书 to a PDF buffer. Throws FontMissingError when the CJK font is not installed. */
export async function renderApplicationPdf(doc: ApplicationDocument): Promise<Buffer> {
  assertFontInstalled();
  const qr = await QRCode.toBuffer(doc.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });

  const PDFDocument = await loadPdfKit();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: {
      Title: `${doc.title}（${doc.enterpriseName}）`,
      Author: '江苏省优质中小企业梯度培育平台',
      Subject: doc.campaignName,
    },
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  useCjkFont(pdf);

  const width = pdf.page.width - MARGIN * 2;
  const bottom = () => pdf.page.height - MARGIN - 30;
  const ensure = (h: number) => {
    if (pdf.y + h > bottom()) pdf.addPage();
  };

  // Header: title, campaign, QR code on the right.
  const qrSize = 90;
  const top = pdf.y;
  pdf.image(qr, pdf.page.width - MARGIN - qrSize, top, { width: qrSize });
  pdf.fontSize(18).text(doc.title, MARGIN, top + 4, { width: width - qrSize - 10, align: 'left' });
  pdf.moveDown(0.3);
  pdf
    .fontSize(10)
    .fillColor('#444')
    .text(doc.campaignName, { width: width - qrSize - 10 });
  pdf.text(`验证码：${doc.verificationCode}`, { width: width - qrSize - 10 });
  pdf.text(
    `扫描右侧二维码或访问 ${doc.verifyUrl} 核验本${doc.noun}${doc.digest ? '' : '（随申报提交后可核验）'}`,
    { width: width - qrSize - 10 },
  );
  pdf.fillColor('black');
  pdf.y = Math.max(pdf.y, top + qrSize) + 12;

  const labelWidth = 150;
  const row = (label: string, value: string) => {
    const v = value === '' ? '—' : value;
    const h =
      Math.max(
        pdf.heightOfString(label, { width: labelWidth - 8 }),
        pdf.heightOfString(v, { width: width - labelWidth - 8 }),
      ) + 6;
    ensure(h);
    const y = pdf.y;
    pdf.rect(MARGIN, y, labelWidth, h).fillAndStroke('#f3f5f8', '#c8ccd2');
    pdf.rect(MARGIN + labelWidth, y, width - labelWidth, h).stroke('#c8ccd2');
    pdf.fillColor('#333').text(label, MARGIN + 4, y + 3, { width: labelWidth - 8 });
    pdf.fillColor('black').text(v, MARGIN + labelWidth + 4, y + 3, { width: width - labelWidth - 8 });
    pdf.x = MARGIN;
    pdf.y = y + h;
  };
  const heading = (text: string) => {
    ensure(40);
    pdf.moveDown(0.6);
    pdf.fontSize(13).fillColor('#1f3a68').text(text, MARGIN, pdf.y, { width });
    pdf.fillColor('black').fontSize(9.5);
    pdf.moveDown(0.2);
  };

  heading('一、申报企业');
  row('企业名称', doc.enterpriseName);
  row('统一社会信用代码', doc.uscc);
  row('注册地', doc.regionLabel);
  row('填报类型', doc.kindLabel);
  row('审核部门', doc.reviewingDepartment);
  row(doc.timeLabel, doc.submittedAtLabel);

  const numerals = ['二', '三', '四', '五', '六', '七', '八', '九', '十'];
  let n = 0;
  for (const section of doc.sections) {
    heading(`${numerals[n++] ?? ''}、${section.title}`);
    if (section.rows.length === 0) row('（未填写）', '');
    for (const r of section.rows) row(r.label, r.value);
  }

  heading(`${numerals[n++] ?? ''}、创新型中小企业自评结果`);
  row('评价标准', `${doc.standardTitle}（标准编号 ${doc.standardId}）`);
  for (const r of doc.scoreSummary) row(r.label, r.value);
  row('自评摘要', doc.assessmentDigest);
  if (doc.scoreRows.length > 0) {
    ensure(24);
    const cols = [width - 160, 80, 80];
    const header = ['评价指标', '得分', '满分'];
    const line = (cells: string[], fill?: string) => {
      const h = Math.max(...cells.map((c, i) => pdf.heightOfString(c, { width: cols[i]! - 8 }))) + 6;
      ensure(h);
      const y = pdf.y;
      let x = MARGIN;
      cells.forEach((c, i) => {
        if (fill) pdf.rect(x, y, cols[i]!, h).fillAndStroke(fill, '#c8ccd2');
        else pdf.rect(x, y, cols[i]!, h).stroke('#c8ccd2');
        pdf
          .fillColor('black')
          .text(c, x + 4, y + 3, { width: cols[i]! - 8, align: i === 0 ? 'left' : 'center' });
        x += cols[i]!;
      });
      pdf.x = MARGIN;
      pdf.y = y + h;
    };
    pdf.moveDown(0.4);
    line(header, '#e6ebf2');
    for (const r of doc.scoreRows) line([r.name, r.points, r.max]);
  }

  if (doc.attachments) {
    heading(`${numerals[n] ?? ''}、附件清单`);
    if (doc.attachments.length === 0) row('（无附件）', '');
    for (const r of doc.attachments) row(r.label, r.value);
  }

  heading('声明与核验');
  pdf
    .fontSize(9.5)
    .text('本企业承诺：所填报信息及所附材料真实、准确、完整，如有虚假，愿承担相应责任；企业依法合规经营。', {
      width,
    });
  pdf.moveDown(0.4);
  if (doc.digest) pdf.text(`数据摘要（SHA-256）：${doc.digest}`, { width });
  pdf.text(
    `自评摘要：${doc.assessmentDigest}（${doc.noun === '自评表' ? '与提交后申报书上的自评摘要一致，即表示本表与所提交的数据一致' : '与企业上传的签字盖章自评表上的自评摘要一致，即表示两者一致'}）`,
    { width },
  );
  pdf.text(`验证码：${doc.verificationCode}    核验地址：${doc.verifyUrl}`, { width });
  pdf.moveDown(1.5);
  ensure(60);
  pdf.text('法定代表人（签字）：____________________        企业（盖章）', { width });
  pdf.moveDown(1);
  pdf.text('日期：______年____月____日', { width });

  // Footer on every page: page numbers and the verification code.
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const y = pdf.page.height - MARGIN + 10;
    pdf.page.margins.bottom = 0;
    pdf
      .fontSize(8)
      .fillColor('#666')
      .text(
        `${doc.enterpriseName}  ·  验证码 ${doc.verificationCode}  ·  第 ${i + 1} 页 / 共 ${range.count} 页`,
        MARGIN,
        y,
        {
          width,
          align: 'center',
          lineBreak: false,
        },
      );
    pdf.page.margins.bottom = MARGIN;
  }
  pdf.end();
  return done;
}
