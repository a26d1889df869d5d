import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  columnName,
  excelSerial,
  streamXlsx,
  writeXlsx,
  xlsxBuffer,
  xmlText,
  type XlsxCell,
  type XlsxSheet,
} from '../../../src/server/services/xlsx';

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

describe('the streaming xlsx writer (services/xlsx.ts)', () => {
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
      sheets: [{ name: '审核清单', columns: COLUMNS, rows: batches(rows, 1000) }],
      at: new Date('2023-03-01T10:20:30Z'),
    });
    const buf = await collect(out);
    await done;

    const files = unzip(buf);
    expect([...files.keys()]).toContain('xl/worksheets/sheet1.xml');
    // The entries carry the export's Beijing wall-clock time (10:20:30Z → 18:20:30, DOS time in 2-second steps).
    expect(buf.readUInt16LE(10)).toBe((18 << 11) | (20 << 5) | 15);
    expect(buf.readUInt16LE(12)).toBe(((2023 - 1980) << 9) | (3 << 5) | 1);
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
    await writeXlsx(slow, { sheets: [{ name: 'S', columns: COLUMNS, rows: batches(rows, 500) }] });
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
    const done = writeXlsx(out, { sheets: [{ name: 'S', columns: COLUMNS, rows: endless() }] });
    setTimeout(() => out.destroy(), 50);
    await expect(done).rejects.toThrow(/closed/);
  });

  it('writes several sheets in order, each with its widths, bold header, frozen or not, text, numbers and dates', async () => {
    const when = new Date('2023-03-01T08:30:15Z');
    const cities: XlsxSheet = {
      name: '苏州市',
      columns: COLUMNS,
      rows: batches(
        Array.from({ length: 450 }, (_, i): XlsxCell[] => [i + 1, `企业${i + 1}`, i % 7 === 0 ? null : i]),
        200,
      ),
      freezeHeader: false,
    };
    const buf = await xlsxBuffer({
      sheets: [
        {
          name: '汇总',
          columns: [
            { header: '设区市', width: 12 },
            { header: '营业收入（万元）', width: 16, numFmt: '0.00' },
            { header: '金额文本', width: 14 },
            { header: '导出时间', width: 20 },
          ],
          rows: [
            ['苏州市', 1234.5, '1234.50', when],
            ['南京市', 123456789.12, '0.10', null],
            ['合计', 0, undefined, new Date(Number.NaN)],
          ],
        },
        cities,
        { name: 'R&D <审计>', columns: [{ header: 'A & B', width: 9 }], rows: [['x']] },
      ],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '苏州市', 'R&D <审计>']);

    const summary = wb.getWorksheet('汇总')!;
    expect((summary.getRow(1).values as unknown[]).slice(1)).toEqual([
      '设区市',
      '营业收入（万元）',
      '金额文本',
      '导出时间',
    ]);
    expect([1, 2, 3, 4].map((c) => summary.getRow(1).getCell(c).font?.bold)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect([1, 2, 3, 4].map((c) => summary.getColumn(c).width)).toEqual([12, 16, 14, 20]);
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(summary.getCell('B2').value).toBe(1234.5);
    expect(summary.getCell('B2').numFmt).toBe('0.00');
    expect(summary.getCell('B3').value).toBe(123456789.12);
    // Money written as a decimal string stays text, digit for digit.
    expect(summary.getCell('C2').value).toBe('1234.50');
    expect(summary.getCell('C3').value).toBe('0.10');
    expect(summary.getCell('D2').value).toEqual(when);
    expect(summary.getCell('D2').numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(summary.getCell('D3').value).toBeNull();
    expect(summary.getCell('B4').value).toBe(0);
    expect(summary.getCell('C4').value).toBeNull();
    expect(summary.getCell('D4').value).toBeNull();

    const city = wb.getWorksheet('苏州市')!;
    expect(city.actualRowCount).toBe(451);
    expect(city.views[0]?.state).not.toBe('frozen');
    expect(city.getColumn(2).width).toBe(36);
    expect(city.getRow(1).getCell(2).font?.bold).toBe(true);
    expect(city.getCell('A451').value).toBe(450);
    expect(city.getCell('B451').value).toBe('企业450');
    expect(city.getCell('C2').value).toBeNull();
    expect(city.getCell('C3').value).toBe(1);

    const third = wb.getWorksheet('R&D <审计>')!;
    expect(third.getCell('A1').value).toBe('A & B');
    expect(third.getCell('A2').value).toBe('x');
  });

  it('shared strings: one entry per distinct text, empty text kept as text, escaped, with the creator', async () => {
    const nasty = '<b>&amp;"引号"\'单\' ]]> 行1\n行2\t制表\u0000\u001f\uFFFE😀\uDC00';
    const rows: XlsxCell[][] = [
      ['用户名', 'qiye01'],
      ['手机号码', ''],
      ['备注', nasty],
      ['用户名', 'qiye01'],
    ];
    const buf = await xlsxBuffer({
      strings: 'shared',
      creator: '江苏省优质中小企业梯度培育平台',
      sheets: [
        {
          name: '账号信息',
          columns: [
            { header: '项目', width: 22 },
            { header: '内容', width: 60 },
          ],
          rows,
          freezeHeader: false,
        },
        {
          name: '说明',
          columns: [
            { header: '项目', width: 22 },
            { header: '内容', width: 60 },
          ],
          rows: [['内容', '说明文字']],
        },
      ],
    });
    const files = unzip(buf);
    const sst = files.get('xl/sharedStrings.xml')!;
    // 项目, 内容, 用户名, qiye01, 手机号码, '', 备注, the nasty text, 说明文字 — and 内容 again on the second sheet.
    expect(sst).toContain('count="14" uniqueCount="9"');
    expect(sst).toContain("&lt;b&gt;&amp;amp;&quot;引号&quot;'单' ]]&gt; 行1\n行2\t制表😀");
    expect(files.get('xl/worksheets/sheet1.xml')).not.toContain('inlineStr');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    expect(wb.creator).toBe('江苏省优质中小企业梯度培育平台');
    const ws = wb.getWorksheet('账号信息')!;
    expect(
      ws
        .getSheetValues()
        .slice(1)
        .map((r) => (r as unknown[]).slice(1)),
    ).toEqual([
      ['项目', '内容'],
      ['用户名', 'qiye01'],
      ['手机号码', ''],
      ['备注', '<b>&amp;"引号"\'单\' ]]> 行1\n行2\t制表😀'],
      ['用户名', 'qiye01'],
    ]);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(wb.getWorksheet('说明')!.getCell('B2').value).toBe('说明文字');
  });

  it('inline strings escape the same way, and leave empty text as an empty cell', async () => {
    const buf = await xlsxBuffer({
      sheets: [
        {
          name: 'S',
          columns: [
            { header: '标题"<&>"', width: 10 },
            { header: 'B', width: 10 },
          ],
          rows: [['a\u0007b & <c>', '']],
        },
      ],
    });
    const sheet = unzip(buf).get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<t xml:space="preserve">ab &amp; &lt;c&gt;</t>');
    expect(sheet).not.toContain('r="B2"');
    expect([...unzip(buf).keys()]).not.toContain('xl/sharedStrings.xml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('S')!;
    expect(ws.getCell('A1').value).toBe('标题"<&>"');
    expect(ws.getCell('A2').value).toBe('ab & <c>');
    expect(ws.getCell('B2').value).toBeNull();
  });

  it('streams into a file that exceljs opens', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'xlsx-test-'));
    try {
      const file = path.join(dir, '名单.xlsx');
      const out = createWriteStream(file);
      await writeXlsx(out, {
        sheets: [{ name: '名单', columns: COLUMNS, rows: batches([[1, '企业甲', 90]], 1) }],
      });
      await finished(out);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      expect((wb.getWorksheet('名单')!.getRow(2).values as unknown[]).slice(1)).toEqual([1, '企业甲', 90]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('streamXlsx returns the stream at once, and aborts it (reporting why) when building fails', async () => {
    const ok = streamXlsx(
      async () => ({ sheets: [{ name: 'S', columns: COLUMNS, rows: [[1, '甲', 2]] }] }),
      () => {
        throw new Error('not called');
      },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await collect(ok)) as unknown as ExcelJS.Buffer);
    expect(wb.getWorksheet('S')!.getCell('B2').value).toBe('甲');

    const reported: Error[] = [];
    const failed = streamXlsx(
      async () => {
        throw new Error('campaign gone');
      },
      (err) => reported.push(err),
    );
    await expect(collect(failed)).rejects.toThrow('campaign gone');
    expect(reported.map((e) => e.message)).toEqual(['campaign gone']);

    async function* failing() {
      yield [[1, '甲', 2] as XlsxCell[]];
      throw new Error('database went away');
    }
    const midway: Error[] = [];
    const broken = streamXlsx(
      () => ({ sheets: [{ name: 'S', columns: COLUMNS, rows: failing() }] }),
      (err) => midway.push(err),
    );
    await expect(collect(broken)).rejects.toThrow('database went away');
    expect(midway).toHaveLength(1);
  });

  it('refuses sheet names Excel refuses', async () => {
    const sheet = (name: string): XlsxSheet => ({ name, columns: COLUMNS, rows: [] });
    for (const name of ['', 'a/b', 'a:b', '[x]', 'a?', 'a*', 'a\\b', "'x", 'x'.repeat(32)]) {
      await expect(xlsxBuffer({ sheets: [sheet(name)] })).rejects.toThrow(/sheet name/);
    }
    await expect(xlsxBuffer({ sheets: [sheet('Sheet'), sheet('sheet')] })).rejects.toThrow(/duplicate/);
    await expect(xlsxBuffer({ sheets: [] })).rejects.toThrow(/at least one sheet/);
    const ok = await xlsxBuffer({ sheets: [sheet('x'.repeat(31))] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(ok as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]!.name).toBe('x'.repeat(31));
  });

  it('escapes XML and names columns', () => {
    expect(xmlText('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
    expect(xmlText('x\u0000\u000by\tz\n')).toBe('xy\tz\n');
    expect([0, 12, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'M', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(excelSerial(new Date('1900-03-01T00:00:00Z'))).toBe(61);
    expect(excelSerial(new Date('2023-03-01T12:00:00Z'))).toBe(44986.5);
  });
});
