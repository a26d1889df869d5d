import { describe, expect, it } from 'vitest';
import {
  checkLicenceContent,
  checkLicenceFile,
  formatMb,
  licenceLimitText,
  precheckLicence,
  sniffImageType,
} from '../../../src/web/forms/licence';

const MB = 1024 * 1024;
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46];

describe('licence limits text', () => {
  it('formats megabytes', () => {
    expect(formatMb(5 * MB)).toBe('5');
    expect(formatMb(1.5 * MB)).toBe('1.5');
    expect(licenceLimitText(5 * MB)).toBe('支持 JPG、PNG 格式，不超过 5 MB');
  });
});

describe('checkLicenceFile', () => {
  it('accepts JPG and PNG within the limit', () => {
    expect(checkLicenceFile({ name: 'a.jpg', type: 'image/jpeg', size: MB }, 5 * MB)).toBeNull();
    expect(checkLicenceFile({ name: 'a.PNG', type: 'image/png', size: 5 * MB }, 5 * MB)).toBeNull();
    expect(checkLicenceFile({ name: 'scan.jpeg', type: '', size: 10 }, 5 * MB)).toBeNull();
  });

  it('rejects other formats, naming the file', () => {
    expect(checkLicenceFile({ name: '执照.pdf', type: 'application/pdf', size: 10 }, 5 * MB)).toMatch(
      /仅支持 JPG、PNG.*执照\.pdf/,
    );
    expect(checkLicenceFile({ name: 'a.webp', type: 'image/webp', size: 10 }, 5 * MB)).toMatch(/JPG、PNG/);
    expect(checkLicenceFile({ name: 'a.bmp', type: '', size: 10 }, 5 * MB)).toMatch(/JPG、PNG/);
  });

  it('rejects empty and oversize files with the limit in the message', () => {
    expect(checkLicenceFile({ name: 'a.jpg', type: 'image/jpeg', size: 0 }, 5 * MB)).toMatch(/空文件/);
    expect(checkLicenceFile({ name: 'a.jpg', type: 'image/jpeg', size: 6 * MB }, 5 * MB)).toBe(
      '营业执照图片不能超过 5 MB（所选文件约 6 MB），请压缩后重新上传',
    );
  });
});

describe('content sniffing', () => {
  it('recognises JPEG and PNG headers only', () => {
    expect(sniffImageType(new Uint8Array(JPEG_HEAD))).toBe('image/jpeg');
    expect(sniffImageType(new Uint8Array(PNG_HEAD))).toBe('image/png');
    expect(sniffImageType(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
    expect(sniffImageType(new Uint8Array([0xff]))).toBeNull();
    expect(checkLicenceContent('假.jpg', new TextEncoder().encode('%PDF-1.7'))).toMatch(/不是 JPG 或 PNG/);
  });

  it('precheckLicence runs both checks on a File', async () => {
    const ok = new File([new Uint8Array([...PNG_HEAD, 1, 2, 3])], 'a.png', { type: 'image/png' });
    expect(await precheckLicence(ok, 5 * MB)).toBeNull();
    const renamed = new File(['%PDF-1.7 ...'], 'a.jpg', { type: 'image/jpeg' });
    expect(await precheckLicence(renamed, 5 * MB)).toMatch(/改了扩展名/);
  });
});
