import zlib from 'node:zlib';

/**
 * The text of a PDF rendered by PDFKit with one embedded font (the platform's CJK font), one line per text
 * command: streams are inflated, the font's ToUnicode CMap (bfrange arrays) maps glyph ids back to characters,
 * and the hex strings of the TJ operators are decoded. Enough to assert what a printed document says.
 */
export function pdfText(pdf: Buffer): string {
  const streams: string[] = [];
  const raw = pdf.toString('latin1');
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const bytes = pdf.subarray(start, end);
    try {
      streams.push(zlib.inflateSync(bytes).toString('latin1'));
    } catch {
      streams.push(bytes.toString('latin1'));
    }
    re.lastIndex = end + 'endstream'.length;
  }
  const unicode = new Map<number, string>();
  for (const s of streams) {
    if (!s.includes('beginbfrange')) continue;
    const rangeRe = /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g;
    let r: RegExpExecArray | null;
    while ((r = rangeRe.exec(s))) {
      const from = parseInt(r[1]!, 16);
      const values = [...r[3]!.matchAll(/<([0-9a-fA-F ]*)>/g)].map((v) =>
        String.fromCharCode(...(v[1]!.match(/[0-9a-fA-F]{4}/g) ?? []).map((h) => parseInt(h, 16))),
      );
      values.forEach((v, i) => unicode.set(from + i, v));
    }
  }
  const lines: string[] = [];
  for (const s of streams) {
    for (const tj of s.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      let line = '';
      for (const hex of tj[1]!.matchAll(/<([0-9a-fA-F]+)>/g)) {
        for (const g of hex[1]!.match(/[0-9a-fA-F]{4}/g) ?? []) line += unicode.get(parseInt(g, 16)) ?? '';
      }
      lines.push(line);
    }
  }
  return lines.join('\n');
}
