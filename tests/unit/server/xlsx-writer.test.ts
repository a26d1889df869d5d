import { PassThrough, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnName, writeXlsx, xmlText, type XlsxCell } from '../../../src/server/services/xlsx-writer';

async function* batches(rows: XlsxCell[][], size: number) {
  for (let i = 0; i < rows.length; i += size) {
    await new Promise((r) => setImmediate(r));
    yield rows.slice(i, i + size);
  }
}

async function collect(out: PassThrough): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of out) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Reads the zip's central directory and inflates every entry, checking its CRC and sizes. */
function unzip(buf: Buffer): Map<string, string> {
  const endAt = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(endAt).toBe(buf.length - 22);
  const count = buf.readUInt16LE(endAt + 10);
  let at = buf.readUInt32LE(endAt + 16);
  expect(at + buf.readUInt32LE(endAt + 12)).toBe(endAt);
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(at)).toBe(0x02014b50);
    const crc = buf.readUInt32LE(at + 16);
    const csize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const offset = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLen).toString('utf8');
    expect(buf.readUInt32LE(offset)).toBe(0x04034b50);
    const dataAt = offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);
    const data = zlib.inflateRawSync(buf.subarray(dataAt, dataAt + csize));
    expect(data.length).toBe(size);
    expect(zlib.crc32(data) >>> 0).toBe(crc);
    // The data descriptor repeats CRC and sizes right after the data.
    expect(buf.readUInt32LE(dataAt + csize)).toBe(0x08074b50);
    expect(buf.readUInt32LE(dataAt + csize + 4)).toBe(crc);
    files.set(name, data.toString('utf8'));
    at += 46 + nameLen;
  }
  return files;
}

const COLUMNS = [
  { header: '序号', width: 8 },
  { header: '企业名称', width: 36 },
  { header: '自评总分', width: 10 },
];

describe('the lean xlsx writer', () => {
  it('writes a workbook exceljs reads back: headers bold and frozen, text escaped, numbers as numbers, empty cells empty', async () => {
    const rows: XlsxCell[][] = [
      [1, '昆山恒瑞精密机械有限公司', 85],
      [2, 'A & B <公司> "引号" \'单引号\'', null],
      [3, '  前后空格  ', 0],
      [4, '控制\u0001字符\u0008和孤立代理\uD800项😀', ''],
    ];
    for (let i = 5; i <= 2500; i++) rows.push([i, `企业${i}`, i % 100]);
    const out = new PassThrough();
    const done = writeXlsx(out, {
      sheetName: '审核清单',
      columns: COLUMNS,
      rows: batches(rows, 1000),
      at: new Date('2023-03-01T10:20:30Z'),
    });
    const buf = await collect(out);
    await done;

    const files = unzip(buf);
    expect([...files.keys()]).toContain('xl/worksheets/sheet1.xml');
    expect(files.get('xl/worksheets/sheet1.xml')).toContain('state="frozen"');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('审核清单')!;
    expect(ws.actualRowCount).toBe(2501);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['序号', '企业名称', '自评总分']);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(ws.getColumn(2).width).toBe(36);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getRow(2).getCell(1).value).toBe(1);
    expect(ws.getRow(2).getCell(2).value).toBe('昆山恒瑞精密机械有限公司');
    expect(ws.getRow(2).getCell(3).value).toBe(85);
    expect(ws.getRow(3).getCell(2).value).toBe('A & B <公司> "引号" \'单引号\'');
    expect(ws.getRow(3).getCell(3).value).toBeNull();
    expect(ws.getRow(4).getCell(2).value).toBe('  前后空格  ');
    expect(ws.getRow(4).getCell(3).value).toBe(0);
    expect(ws.getRow(5).getCell(2).value).toBe('控制字符和孤立代理项😀');
    expect(ws.getRow(2501).getCell(1).value).toBe(2500);
    expect(ws.getRow(2501).getCell(2).value).toBe('企业2500');
  });

  it('honours a slow reader (back-pressure) and still writes every row', async () => {
    const chunks: Buffer[] = [];
    let paused = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        paused += 1;
        setTimeout(cb, 0);
      },
    });
    const rows: XlsxCell[][] = [];
    for (let i = 1; i <= 3000; i++) rows.push([i, `随机${Math.random().toString(36)}${i}`, i]);
    await writeXlsx(slow, { sheetName: 'S', columns: COLUMNS, rows: batches(rows, 500), at: new Date() });
    await finished(slow);
    expect(paused).toBeGreaterThan(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet('S')!.actualRowCount).toBe(3001);
  });

  it('rejects instead of hanging when the output is closed part-way (a download aborted)', async () => {
    const out = new PassThrough({ highWaterMark: 256 });
    async function* endless() {
      for (let i = 0; ; i++) {
        await new Promise((r) => setImmediate(r));
        yield [[i, `企业${Math.random()}`, i] as XlsxCell[]];
      }
    }
    const done = writeXlsx(out, { sheetName: 'S', columns: COLUMNS, rows: endless(), at: new Date() });
    setTimeout(() => out.destroy(), 50);
    await expect(done).rejects.toThrow(/closed/);
  });

  it('escapes XML and names columns', () => {
    expect(xmlText('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
    expect(xmlText('x\u0000\u000by\tz\n')).toBe('xy\tz\n');
    expect([0, 12, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'M', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
