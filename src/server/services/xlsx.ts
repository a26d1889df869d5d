/**
 * The one .xlsx writer of every export (issue #14 item 3, issue #15 item 5): a streaming writer that builds each
 * sheet's XML as one string per batch of rows and deflates it straight into the output (the HTTP reply, a file, or
 * a buffer for a small workbook), so a 100,000-row export allocates a string per row instead of exceljs's objects
 * per cell and per row (which grew the heap by ~100 MB and was not given back between exports; docs/performance.md
 * "Export memory"). exceljs stays only to READ uploaded workbooks (services/heavy-modules.ts).
 *
 * What it writes: the smallest package Excel, WPS and exceljs's reader accept — content types, relationships, the
 * workbook, a style sheet (a bold header font, date and custom number formats), one worksheet per sheet with column
 * widths, an optionally frozen header row and cells as text, numbers or dates; and, when asked for, the creator in
 * docProps/core.xml. Text is inline in the sheet by default (nothing kept in memory); a small workbook may ask for
 * a shared string table instead (kept in memory until the end, written last). The zip is written as it goes (sizes
 * and CRC in a data descriptor after each entry, the central directory at the end); no entry or file can exceed
 * 4 GB here, so no zip64 (a larger one is refused rather than written corrupt).
 */
import { once } from 'node:events';
import { PassThrough, Writable } from 'node:stream';
import zlib from 'node:zlib';

export interface XlsxColumn {
  header: string;
  width: number;
  /** An Excel number format for the column's number and date cells (e.g. '0.00'); none: General. */
  numFmt?: string;
}

/**
 * A cell: text, a number, a date, or nothing (null/undefined). Empty text ('') is a text cell in a workbook with
 * shared strings and nothing in one with inline strings (Excel, WPS and exceljs read an empty inline string as an
 * empty cell anyway). A date is written as Excel's serial number of its UTC fields (as exceljs does), so a caller
 * wanting Beijing wall-clock time shifts it first; a non-finite number or an invalid date is left empty.
 */
export type XlsxCell = string | number | Date | null | undefined;
export type XlsxRow = readonly XlsxCell[];

export interface XlsxSheet {
  /** 1–31 characters, none of : \ / ? * [ ], unique in the workbook (case-insensitively) — as Excel requires. */
  name: string;
  columns: readonly XlsxColumn[];
  /**
   * The rows after the header row (written from `columns`), each one cell per column in order: an array, or an
   * asynchronous source of batches (a database page each), read one batch at a time as the output drains.
   */
  rows: readonly XlsxRow[] | AsyncIterable<readonly XlsxRow[]>;
  /** Freeze the header row (default true). */
  freezeHeader?: boolean;
}

export interface XlsxWorkbook {
  sheets: readonly XlsxSheet[];
  /** When the export was made (default: now); the zip entries carry its Beijing wall-clock time. */
  at?: Date;
  /** 'inline' (default; constant memory) or 'shared' (a shared string table, for small workbooks). */
  strings?: 'inline' | 'shared';
  /** Written as the document's author (docProps/core.xml) when given. */
  creator?: string;
}

/** Excel's limits. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
/** Rows of an array source joined into one string (and one deflate write). */
const ARRAY_BATCH = 200;

// XML 1.0 forbids most control characters and lone surrogates; they are dropped rather than corrupt the file.
const INVALID_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function xmlText(s: string): string {
  return s.replace(INVALID_XML, '').replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!);
}

/** The column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Excel's serial day number of a date's UTC fields (1900 date system). */
export function excelSerial(d: Date): number {
  return d.getTime() / 86_400_000 + 25_569;
}

const INVALID_SHEET_NAME = /[:\\/?*[\]]/;

function checkSheetNames(sheets: readonly XlsxSheet[]): void {
  if (sheets.length === 0) throw new Error('an xlsx workbook needs at least one sheet');
  const seen = new Set<string>();
  for (const s of sheets) {
    const key = s.name.toLowerCase();
    if (
      s.name.length === 0 ||
      s.name.length > 31 ||
      INVALID_SHEET_NAME.test(s.name) ||
      /^'|'$/.test(s.name)
    ) {
      throw new Error(`invalid xlsx sheet name: ${s.name}`);
    }
    if (seen.has(key)) throw new Error(`duplicate xlsx sheet name: ${s.name}`);
    seen.add(key);
    if (s.columns.length === 0 || s.columns.length > MAX_COLUMNS) {
      throw new Error(`xlsx sheet ${s.name} has ${s.columns.length} columns`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Styles: 0 default, 1 bold (the header row), 2 a date, then one per distinct column number format.

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
const STYLE_HEADER = 1;
const STYLE_DATE = 2;

class Styles {
  /** Custom number formats → their style index (formats are numbered from 164, Excel's first custom id). */
  private readonly formats = new Map<string, number>();

  constructor(sheets: readonly XlsxSheet[]) {
    for (const s of sheets) {
      for (const c of s.columns) {
        if (c.numFmt !== undefined && !this.formats.has(c.numFmt)) {
          this.formats.set(c.numFmt, STYLE_DATE + 1 + this.formats.size);
        }
      }
    }
  }

  /** The style attribute of each column's number cells and date cells. */
  columnStyles(columns: readonly XlsxColumn[]): { num: string[]; date: string[] } {
    const num = columns.map((c) => (c.numFmt === undefined ? '' : ` s="${this.formats.get(c.numFmt)!}"`));
    const date = num.map((s) => s || ` s="${STYLE_DATE}"`);
    return { num, date };
  }

  xml(): string {
    const custom = [DATE_FORMAT, ...this.formats.keys()];
    const numFmts = custom
      .map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${xmlText(f)}"/>`)
      .join('');
    const xfs = [
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>',
      ...custom.map(
        (_, i) =>
          `<xf numFmtId="${164 + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
      ),
    ];
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<numFmts count="${custom.length}">${numFmts}</numFmts>` +
      '<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font>' +
      '<font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Text: inline in the cell, or an index into the shared string table.

interface TextCells {
  cell(ref: string, style: string, text: string): string;
}

const inlineText: TextCells = {
  cell: (ref, style, text) =>
    text === ''
      ? ''
      : `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`,
};

class SharedStrings implements TextCells {
  private readonly index = new Map<string, number>();
  private count = 0;

  cell(ref: string, style: string, text: string): string {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(text, i);
    }
    this.count += 1;
    return `<c r="${ref}"${style} t="s"><v>${i}</v></c>`;
  }

  *xml(): Generator<string> {
    yield (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      `count="${this.count}" uniqueCount="${this.index.size}">`
    );
    let s = '';
    for (const text of this.index.keys()) {
      s += `<si><t xml:space="preserve">${xmlText(text)}</t></si>`;
      if (s.length > 64_000) {
        yield s;
        s = '';
      }
    }
    yield `${s}</sst>`;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Package parts.

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

function contentTypes(sheetCount: number, shared: boolean, core: boolean): string {
  let s =
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>';
  for (let i = 1; i <= sheetCount; i++) {
    s += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
  }
  s +=
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>';
  if (shared) {
    s +=
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>';
  }
  if (core) {
    s +=
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>';
  }
  return `${s}</Types>`;
}

function rootRels(core: boolean): string {
  return (
    XML_HEAD +
    `<Relationships xmlns="${PKG_REL_NS}">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
    (core
      ? `<Relationship Id="rId2" Type="${PKG_REL_NS}/metadata/core-properties" Target="docProps/core.xml"/>`
      : '') +
    '</Relationships>'
  );
}

function coreXml(creator: string): string {
  return (
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/">' +
    `<dc:creator>${xmlText(creator)}</dc:creator></cp:coreProperties>`
  );
}

/** Sheets are rId1..rIdN, then the styles and the shared strings. */
function workbookRels(sheetCount: number, shared: boolean): string {
  let s = XML_HEAD + `<Relationships xmlns="${PKG_REL_NS}">`;
  for (let i = 1; i <= sheetCount; i++) {
    s += `<Relationship Id="rId${i}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i}.xml"/>`;
  }
  s += `<Relationship Id="rId${sheetCount + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`;
  if (shared) {
    s += `<Relationship Id="rId${sheetCount + 2}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>`;
  }
  return `${s}</Relationships>`;
}

function workbookXml(sheets: readonly XlsxSheet[]): string {
  const list = sheets
    .map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  return (
    XML_HEAD +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    '<bookViews><workbookView activeTab="0"/></bookViews>' +
    `<sheets>${list}</sheets></workbook>`
  );
}

/** The worksheet's XML, one string for the head and header row, then one per batch of rows. */
async function* sheetXml(sheet: XlsxSheet, styles: Styles, text: TextCells): AsyncGenerator<string> {
  const letters = sheet.columns.map((_, i) => columnName(i));
  const { num, date } = styles.columnStyles(sheet.columns);
  const width = sheet.columns.length;
  const row = (r: number, cells: XlsxRow): string => {
    let s = `<row r="${r}">`;
    const n = Math.min(cells.length, width);
    for (let i = 0; i < n; i++) {
      const v = cells[i];
      if (v === null || v === undefined) continue;
      const ref = `${letters[i]}${r}`;
      if (typeof v === 'string') s += text.cell(ref, '', v);
      else if (typeof v === 'number') {
        if (Number.isFinite(v)) s += `<c r="${ref}"${num[i]}><v>${v}</v></c>`;
      } else {
        const t = v.getTime();
        if (Number.isFinite(t)) s += `<c r="${ref}"${date[i]}><v>${excelSerial(v)}</v></c>`;
      }
    }
    return `${s}</row>`;
  };
  const frozen =
    sheet.freezeHeader === false
      ? '<sheetView workbookViewId="0"/>'
      : '<sheetView workbookViewId="0">' +
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>';
  const cols = sheet.columns
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`)
    .join('');
  let header = '<row r="1">';
  sheet.columns.forEach((c, i) => (header += text.cell(`${letters[i]}1`, ` s="${STYLE_HEADER}"`, c.header)));
  yield (
    XML_HEAD +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
    `<sheetViews>${frozen}</sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>${header}</row>`
  );

  let n = 1;
  const batch = (rows: readonly XlsxRow[]): string => {
    if (n + rows.length > MAX_ROWS) throw new Error(`xlsx sheet ${sheet.name} exceeds ${MAX_ROWS} rows`);
    let s = '';
    for (const cells of rows) s += row(++n, cells);
    return s;
  };
  if (Array.isArray(sheet.rows)) {
    const rows = sheet.rows as readonly XlsxRow[];
    for (let i = 0; i < rows.length; i += ARRAY_BATCH) yield batch(rows.slice(i, i + ARRAY_BATCH));
  } else {
    for await (const rows of sheet.rows as AsyncIterable<readonly XlsxRow[]>) yield batch(rows);
  }
  yield '</sheetData></worksheet>';
}

// ---------------------------------------------------------------------------------------------------------
// The zip stream.

/** MS-DOS date and time of a zip entry (the UTC fields of `at`, taken as wall-clock). */
function dosDateTime(at: Date): { time: number; date: number } {
  const time = (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | Math.floor(at.getUTCSeconds() / 2);
  const date =
    ((Math.max(1980, at.getUTCFullYear()) - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate();
  return { time, date };
}

interface EntryRecord {
  name: Buffer;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const FLAGS = 0x0008 | 0x0800; // sizes in a data descriptor; UTF-8 names
const ZIP32_LIMIT = 0xffff_ffff;

/** Writes a zip archive entry by entry into `out`, honouring its back-pressure. */
class ZipStream {
  private offset = 0;
  private readonly entries: EntryRecord[] = [];
  private readonly stamp: { time: number; date: number };

  constructor(
    private readonly out: Writable,
    at: Date,
  ) {
    this.stamp = dosDateTime(at);
  }

  private async push(chunk: Buffer): Promise<void> {
    if (this.out.destroyed) throw new Error('xlsx output closed');
    this.offset += chunk.length;
    if (this.offset > ZIP32_LIMIT) throw new Error('xlsx file exceeds 4 GB');
    if (!this.out.write(chunk)) await this.drained();
  }

  private async drained(): Promise<void> {
    if (this.out.destroyed) throw new Error('xlsx output closed');
    const ac = new AbortController();
    try {
      await Promise.race([
        once(this.out, 'drain', { signal: ac.signal }),
        once(this.out, 'close', { signal: ac.signal }),
      ]);
    } finally {
      ac.abort();
    }
    if (this.out.destroyed) throw new Error('xlsx output closed');
  }

  /** One deflated entry whose content is produced by `content` (strings are UTF-8). */
  async entry(name: string, content: AsyncIterable<string> | Iterable<string>): Promise<void> {
    const nameBuf = Buffer.from(name, 'utf8');
    const offset = this.offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(8, 8);
    header.writeUInt16LE(this.stamp.time, 10);
    header.writeUInt16LE(this.stamp.date, 12);
    header.writeUInt16LE(nameBuf.length, 26);
    await this.push(Buffer.concat([header, nameBuf]));

    const deflate = zlib.createDeflateRaw({ level: 6 });
    let crc = 0;
    let size = 0;
    let compressedSize = 0;
    const pending: Buffer[] = [];
    deflate.on('data', (c: Buffer) => pending.push(c));
    const flushPending = async () => {
      while (pending.length > 0) {
        const c = pending.shift()!;
        compressedSize += c.length;
        await this.push(c);
      }
    };
    const ended = once(deflate, 'end');
    try {
      for await (const text of content) {
        const buf = Buffer.from(text, 'utf8');
        crc = zlib.crc32(buf, crc);
        size += buf.length;
        if (size > ZIP32_LIMIT) throw new Error('xlsx entry exceeds 4 GB');
        if (!deflate.write(buf)) await once(deflate, 'drain');
        await flushPending();
      }
    } catch (err) {
      deflate.destroy();
      ended.catch(() => undefined);
      throw err;
    }
    deflate.end();
    await ended;
    await flushPending();

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressedSize, 8);
    descriptor.writeUInt32LE(size, 12);
    await this.push(descriptor);
    this.entries.push({ name: nameBuf, crc: crc >>> 0, compressedSize, size, offset });
  }

  /** The central directory and its end record. */
  async finish(): Promise<void> {
    const start = this.offset;
    const parts: Buffer[] = [];
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(FLAGS, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.compressedSize, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      parts.push(h, e.name);
    }
    const directory = Buffer.concat(parts);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(start, 16);
    await this.push(Buffer.concat([directory, end]));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Entry points.

/**
 * Writes the workbook into `out` (a reply stream, a file stream) and ends it. Sheets are written in order, each
 * reading its rows only when its turn comes. Rejects (leaving `out` open for the caller to destroy) when the rows
 * fail, a limit is passed, or the output is closed part-way.
 */
export async function writeXlsx(out: Writable, book: XlsxWorkbook): Promise<void> {
  checkSheetNames(book.sheets);
  const shared = book.strings === 'shared';
  const core = book.creator !== undefined;
  const zip = new ZipStream(out, new Date((book.at ?? new Date()).getTime() + SHANGHAI_OFFSET_MS));
  const styles = new Styles(book.sheets);
  const text: TextCells = shared ? new SharedStrings() : inlineText;
  const n = book.sheets.length;
  await zip.entry('[Content_Types].xml', [contentTypes(n, shared, core)]);
  await zip.entry('_rels/.rels', [rootRels(core)]);
  if (core) await zip.entry('docProps/core.xml', [coreXml(book.creator!)]);
  await zip.entry('xl/workbook.xml', [workbookXml(book.sheets)]);
  await zip.entry('xl/_rels/workbook.xml.rels', [workbookRels(n, shared)]);
  await zip.entry('xl/styles.xml', [styles.xml()]);
  for (let i = 0; i < n; i++) {
    await zip.entry(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(book.sheets[i]!, styles, text));
  }
  if (text instanceof SharedStrings) await zip.entry('xl/sharedStrings.xml', text.xml());
  await zip.finish();
  out.end();
}

/**
 * Starts writing a workbook into a stream and returns the stream at once (the caller sends it as the reply body).
 * `build` runs first (it may query what the sheets need). A failure part-way is reported to `onError` and destroys
 * the stream, so the client sees an aborted download rather than a corrupt file.
 */
export function streamXlsx(
  build: () => XlsxWorkbook | Promise<XlsxWorkbook>,
  onError: (err: Error) => void,
): PassThrough {
  const out = new PassThrough();
  (async () => writeXlsx(out, await build()))().catch((err: unknown) => {
    const e = err instanceof Error ? err : new Error(String(err));
    onError(e);
    out.destroy(e);
  });
  return out;
}

/** The whole workbook in memory, for a small one sent or stored in one piece. */
export async function xlsxBuffer(book: XlsxWorkbook): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  const finished = once(sink, 'finish');
  await writeXlsx(sink, book);
  await finished;
  return Buffer.concat(chunks);
}
