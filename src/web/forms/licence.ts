/** Licence (营业执照) image pre-checks in the browser; the server checks again by content. */

export const LICENCE_MIME_TYPES = ['image/jpeg', 'image/png'] as const;
export const LICENCE_ACCEPT = '.jpg,.jpeg,.png,image/jpeg,image/png';

/** 5242880 → "5", 1572864 → "1.5". */
export function formatMb(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return Number.isInteger(mb) ? String(mb) : String(Math.round(mb * 10) / 10);
}

/** The limit shown BEFORE upload. */
export function licenceLimitText(maxBytes: number): string {
  return `支持 JPG、PNG 格式，不超过 ${formatMb(maxBytes)} MB`;
}

export interface FileLike {
  name: string;
  type: string;
  size: number;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Type (by MIME type or, when the browser gives none, the extension) and size. Null when acceptable. */
export function checkLicenceFile(file: FileLike, maxBytes: number): string | null {
  const ext = extensionOf(file.name);
  const typeOk = file.type
    ? (LICENCE_MIME_TYPES as readonly string[]).includes(file.type.toLowerCase())
    : ['jpg', 'jpeg', 'png'].includes(ext);
  if (!typeOk) {
    return `营业执照仅支持 JPG、PNG 格式的图片，所选文件「${file.name}」不是 JPG 或 PNG 图片；PDF 或扫描件请先转换为图片`;
  }
  if (file.size <= 0) return '所选文件是空文件，请重新选择营业执照图片';
  if (file.size > maxBytes) {
    return `营业执照图片不能超过 ${formatMb(maxBytes)} MB（所选文件约 ${formatMb(file.size)} MB），请压缩后重新上传`;
  }
  return null;
}

/** What the first bytes say the file is: JPEG (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A), or null. */
export function sniffImageType(head: Uint8Array): 'image/jpeg' | 'image/png' | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (head.length >= 8 && png.every((b, i) => head[i] === b)) return 'image/png';
  return null;
}

/** The content check: a file renamed to .jpg that is not an image. Null when acceptable. */
export function checkLicenceContent(fileName: string, head: Uint8Array): string | null {
  return sniffImageType(head)
    ? null
    : `所选文件「${fileName}」的内容不是 JPG 或 PNG 图片（可能只是改了扩展名），请上传营业执照的照片或扫描图片`;
}

/** Runs both checks on a real File. */
export async function precheckLicence(file: File, maxBytes: number): Promise<string | null> {
  const basic = checkLicenceFile(file, maxBytes);
  if (basic) return basic;
  const head = new Uint8Array(await file.slice(0, 8).arrayBuffer());
  return checkLicenceContent(file.name, head);
}
