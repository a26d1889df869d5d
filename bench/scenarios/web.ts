/**
 * First-load JavaScript (gzip) per page: a production build into a temporary directory with Vite's manifest
 * (`vite build --manifest`, the repository's vite.config.ts unchanged), then, per page, the closure of static
 * imports of index.html's entry plus the page's lazy route chunks (a layout and the page). Gzip at level 9
 * (what a static server or reverse proxy precompresses to), JS only; CSS is reported beside it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { BenchContext } from '../lib/context';
import { target } from '../lib/report';
import { ROOT } from '../lib/server';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

const PAGES: { name: string; chunks: string[]; budgetKB?: number }[] = [
  { name: '/login', chunks: ['pages/LoginPage.tsx'], budgetKB: 400 },
  {
    name: '/qiye/filings/:id (filing page)',
    chunks: ['pages/qiye/QiyeLayout.tsx', 'pages/qiye/filing/FilingEditorPage.tsx'],
    budgetKB: 400,
  },
  {
    name: '/gov/reviews (review console)',
    chunks: ['pages/gov/GovLayout.tsx', 'pages/gov/reviews/ReviewQueuePage.tsx'],
  },
];

export function firstLoad(manifest: Manifest, dist: string, chunkKeys: string[]) {
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) throw new Error('no entry in the manifest');
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const c = manifest[key];
    if (!c) throw new Error(`${key} not in the manifest`);
    seen.add(key);
    for (const i of c.imports ?? []) visit(i);
  };
  visit(entry);
  for (const k of chunkKeys) visit(k);
  let js = 0;
  let raw = 0;
  const sizes: { file: string; gzip: number }[] = [];
  const css = new Set<string>();
  const files: string[] = [];
  for (const k of seen) {
    const c = manifest[k]!;
    const buf = fs.readFileSync(path.join(dist, c.file));
    raw += buf.length;
    const gz = zlib.gzipSync(buf, { level: 9 }).length;
    js += gz;
    sizes.push({ file: c.file, gzip: gz });
    files.push(c.file);
    for (const f of c.css ?? []) css.add(f);
  }
  let cssGz = 0;
  for (const f of css) cssGz += zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length;
  const largest = sizes
    .sort((a, b) => b.gzip - a.gzip)
    .slice(0, 4)
    .map((x) => `${x.file} ${(x.gzip / 1024).toFixed(0)} KB`);
  return { jsGzip: js, jsRaw: raw, cssGzip: cssGz, files, largest };
}

export async function webFirstLoad(ctx: BenchContext): Promise<void> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-web-'));
  try {
    const t0 = performance.now();
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--manifest',
        '--outDir',
        out,
        '--emptyOutDir',
        '--logLevel',
        'warn',
      ],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const buildSeconds = (performance.now() - t0) / 1000;
    const manifest = JSON.parse(fs.readFileSync(path.join(out, '.vite/manifest.json'), 'utf8')) as Manifest;
    const login = firstLoad(manifest, out, PAGES[0]!.chunks);
    for (const page of PAGES) {
      const r = firstLoad(manifest, out, page.chunks);
      ctx.report.add({
        name: `web first load ${page.name}`,
        what: `JS of index.html's entry + ${page.chunks.join(' + ')} and their static imports (gzip -9), build ${buildSeconds.toFixed(0)} s`,
        figures: {
          jsGzipKB: r.jsGzip / 1024,
          jsRawKB: r.jsRaw / 1024,
          cssGzipKB: r.cssGzip / 1024,
          files: r.files.length,
        },
        baseline: { label: '/login first-load JS (gzip)', value: login.jsGzip / 1024, unit: 'KB' },
        ratio: { label: 'page ÷ /login', value: r.jsGzip / login.jsGzip },
        targets: page.budgetKB
          ? [target(`first-load JS ${page.name}`, r.jsGzip / 1024, '<=', page.budgetKB, 'KB gzip')]
          : [],
      });
    }
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
