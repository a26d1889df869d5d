/**
 * Libraries that are large to load and used only by a few requests (exports, PDFs, image uploads): imported on
 * first use instead of at start-up, so an idle server neither pays their start-up time (~1.2 s together through
 * tsx) nor carries their code and data in memory (issue #7, docs/performance.md). Each loads once; later calls
 * share the same promise. `@aws-sdk/client-s3` is lazy already (services/storage.ts imports storage-s3 on use).
 */
import type ExcelJSModule from 'exceljs';
import type PDFDocumentClass from 'pdfkit';
import type sharpFunction from 'sharp';

type Loaded<T> = { default?: T } & Partial<T>;

/** The module's CommonJS export, whether the loader wraps it as `default` (ESM) or not. */
function commonJs<T>(m: unknown): T {
  const mod = m as Loaded<T>;
  return (mod.default ?? mod) as T;
}

let excel: Promise<typeof ExcelJSModule> | undefined;
let pdfkit: Promise<typeof PDFDocumentClass> | undefined;
let sharpLib: Promise<typeof sharpFunction> | undefined;

/** exceljs: only the workbook READER of imports (every export writes through services/xlsx.ts). */
export function loadExcelJS(): Promise<typeof ExcelJSModule> {
  excel ??= import('exceljs').then((m) => commonJs<typeof ExcelJSModule>(m));
  return excel;
}

/** pdfkit's PDFDocument (the 申报书 and the province's list PDF). */
export function loadPdfKit(): Promise<typeof PDFDocumentClass> {
  pdfkit ??= import('pdfkit').then((m) => commonJs<typeof PDFDocumentClass>(m));
  return pdfkit;
}

/**
 * sharp (decoding and re-encoding uploaded images). Its operation cache is off: every upload is a different image,
 * so cached results would only keep decoded pixels alive after the request (docs/adr/0022-bounded-image-decoding.md).
 */
export function loadSharp(): Promise<typeof sharpFunction> {
  sharpLib ??= import('sharp').then((m) => {
    const sharp = commonJs<typeof sharpFunction>(m);
    sharp.cache(false);
    return sharp;
  });
  return sharpLib;
}
