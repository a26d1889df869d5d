/**
 * File upload with progress: XMLHttpRequest (fetch has no upload progress) to a multipart endpoint, with the
 * CSRF header and the server's error envelope turned into the same ApiError as every other call.
 */
import { ApiError, currentCsrfToken, toApiError } from './client';

export interface UploadOptions {
  /** 0–100 as the bytes go out. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
}

/** Parses an XHR response body (JSON or nothing). Pure: exported for tests. */
export function parseXhrBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function uploadForm<T>(url: string, form: FormData, opts: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && opts.onProgress) opts.onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      const body = parseXhrBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        opts.onProgress?.(100);
        resolve(body as T);
      } else {
        reject(
          toApiError(
            xhr.status,
            body,
            xhr.getResponseHeader('x-request-id'),
            xhr.getResponseHeader('x-error-reason'),
          ),
        );
      }
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'NETWORK_ERROR', '上传失败：无法连接服务器，请检查网络后重试。'));
    xhr.onabort = () => reject(new DOMException('上传已取消', 'AbortError'));
    if (opts.signal) {
      if (opts.signal.aborted) {
        reject(new DOMException('上传已取消', 'AbortError'));
        return;
      }
      opts.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
}
