import fc from 'fast-check';
import { centsToAmount } from '../money';
import { INNOVATIVE_SME_2022, evaluateInnovativeSme, type InnovativeSmeInput } from './innovative-sme-2022';

const baseInput = (): InnovativeSmeInput => ({
  intellectualProperty: [{ class: 'I', selfDeveloped: false, highValue: true, relatedToMainProduct: true }],
  lastYear: {
    operatingRevenue: 1000,
    rdExpense: 60,
    mainBusinessRevenue: 800,
    totalAssets: 1000,
    totalLiabilities: 400,
  },
  yearBefore: { mainBusinessRevenue: 640 },
  mainProductStrategicEmerging: true,
  direct: {},
});

describe('evaluateInnovativeSme', () => {
  it('53.46 / 1069.20 is exactly 5% and scores band A', () => {
    const input = baseInput();
    input.lastYear.operatingRevenue = 1069.2;
    input.lastYear.rdExpense = 53.46;
    const r = evaluateInnovativeSme(input);
    expect(r.indicators.rdRatio).toBe(20);
    const rd = r.explanation.indicators.find((i) => i.key === 'rdRatio')!;
    expect(rd.band).toBe('A');
    expect(rd.ratio).toEqual({ num: '1', den: '20', display: '5.00%' });
    expect(rd.rule).toContain('5%以上');
    expect(rd.inputs).toEqual([
      { label: '上年度研发费用总额', value: '53.46 万元' },
      { label: '上年度营业收入', value: '1069.20 万元' },
    ]);
  });

  it('the boundary convention is one setting: "lower" puts exactly 3% into band C', () => {
    const input = baseInput();
    input.lastYear.rdExpense = 30;
    expect(evaluateInnovativeSme(input).indicators.rdRatio).toBe(15);
    expect(evaluateInnovativeSme(input, { boundary: 'lower' }).indicators.rdRatio).toBe(10);
    expect(INNOVATIVE_SME_2022.boundary).toBe('higher');
    input.lastYear.totalLiabilities = 550;
    expect(evaluateInnovativeSme(input).indicators.debtRatio).toBe(10);
    expect(evaluateInnovativeSme(input, { boundary: 'lower' }).indicators.debtRatio).toBe(5);
  });

  it('explains each indicator and the floors in Chinese, with what is missing', () => {
    const input = baseInput();
    input.intellectualProperty = [{ class: 'II', relatedToMainProduct: true }];
    input.lastYear.rdExpense = 5;
    const r = evaluateInnovativeSme(input);
    expect(r.status).toBe('scored');
    expect(r.standardId).toBe('innovative-sme-2022');
    expect(r.categories.innovation).toBe(5);
    const floor = r.explanation.floors.find((f) => f.key === 'innovation')!;
    expect(floor).toMatchObject({ met: false, score: 5, floor: 20 });
    expect(floor.message).toContain('还差 15 分');
    expect(r.qualifiedByScore).toBe(false);
    expect(r.explanation.summary).toContain('不符合');
    expect(r.explanation.indicators).toHaveLength(6);
    for (const e of r.explanation.indicators) {
      expect(e.rule).toMatch(/[\u4e00-\u9fff]/);
      expect(e.note).toMatch(/得 \d+ 分/);
    }
  });

  it('needs manual review when the previous year main revenue is 0, without claiming a total', () => {
    const input = baseInput();
    input.yearBefore.mainBusinessRevenue = 0;
    const r = evaluateInnovativeSme(input);
    expect(r.status).toBe('needsManualReview');
    expect(r.indicators.growth).toBeNull();
    expect(r.total).toBeNull();
    expect(r.partialTotal).toBe(80);
    expect(r.qualifiedByScore).toBeNull();
    expect(r.qualified).toBeNull();
    expect(r.reviewReasons).toHaveLength(1);
    expect(r.reviewReasons[0]).toContain('上上年度主营业务收入为 0');
    expect(r.explanation.floors.every((f) => f.met === null)).toBe(true);
  });

  it('lists both revenue-based indicators when operating revenue is 0, once per reason', () => {
    const input = baseInput();
    input.lastYear.operatingRevenue = 0;
    const r = evaluateInnovativeSme(input);
    expect(r.indicators.rdRatio).toBeNull();
    expect(r.indicators.mainShare).toBeNull();
    expect(r.reviewReasons).toHaveLength(2);
    expect(r.warnings[0]).toContain('主营业务收入大于营业收入');
  });

  it('sends 主营业务收入 > 营业收入 to manual review with the reason beside the indicator (issue 16 item 4)', () => {
    const input = baseInput();
    input.lastYear.operatingRevenue = '7035.60';
    input.lastYear.mainBusinessRevenue = '8120.50';
    const r = evaluateInnovativeSme(input);
    expect(r.status).toBe('needsManualReview');
    expect(r.indicators.mainShare).toBeNull();
    expect(r.total).toBeNull();
    expect(r.qualifiedByScore).toBeNull();
    const ind = r.explanation.indicators.find((i) => i.key === 'mainShare')!;
    expect(ind.note).toContain('主营业务收入大于营业收入');
    expect(r.reviewReasons.some((x) => x.includes('主营业务收入大于营业收入'))).toBe(true);
    // A direct condition does not settle it: the figures must be checked by a person first.
    input.direct = { validHonor: true };
    const d = evaluateInnovativeSme(input);
    expect(d.directConditions).toEqual(['validHonor']);
    expect(d.qualified).toBeNull();
  });

  it('any 主营业务收入 above 营业收入 is never scored', () => {
    fc.assert(
      fc.property(scorable, cents(1n, M), (raw, extra) => {
        const r = evaluateInnovativeSme(toInput({ ...raw, mainRev: raw.opRev + extra }));
        expect(r.status).toBe('needsManualReview');
        expect(r.indicators.mainShare).toBeNull();
      }),
    );
  });

  it('rejects invalid input with paths and Chinese messages', () => {
    const r = evaluateInnovativeSme({
      intellectualProperty: [{ class: 'III' }],
      lastYear: { operatingRevenue: '12.345', rdExpense: -1, mainBusinessRevenue: 'abc', totalAssets: 1 },
      yearBefore: {},
    });
    expect(r.status).toBe('invalidInput');
    expect(r.total).toBeNull();
    expect(r.qualified).toBeNull();
    const paths = r.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'intellectualProperty[0].class',
        'lastYear.operatingRevenue',
        'lastYear.rdExpense',
        'lastYear.mainBusinessRevenue',
        'lastYear.totalLiabilities',
        'yearBefore.mainBusinessRevenue',
        'mainProductStrategicEmerging',
      ]),
    );
    expect(r.errors.find((e) => e.path === 'lastYear.operatingRevenue')!.message).toContain('两位小数');
    expect(evaluateInnovativeSme(null).status).toBe('invalidInput');
  });

  it('counts only IP related to the main product; class II only at band D', () => {
    const input = baseInput();
    input.intellectualProperty = [
      { class: 'I', highValue: true, selfDeveloped: true, relatedToMainProduct: false },
      { class: 'II', highValue: true, selfDeveloped: true, relatedToMainProduct: true },
    ];
    expect(evaluateInnovativeSme(input).indicators.ip).toBe(5);
  });

  it('equity financing counts from exactly 500 万元', () => {
    const input = baseInput();
    input.direct = { equityFinancing3Years: '500.00' };
    expect(evaluateInnovativeSme(input).directConditions).toEqual(['equityFinancing']);
    input.direct = { equityFinancing3Years: '499.99' };
    expect(evaluateInnovativeSme(input).directConditions).toEqual([]);
  });
});

// Property tests -------------------------------------------------------------------------------------------

const cents = (min: bigint, max: bigint) => fc.bigInt({ min, max });
const M = 10n ** 9n;
const ipArb = fc.array(
  fc.record({
    class: fc.constantFrom('I' as const, 'II' as const),
    selfDeveloped: fc.boolean(),
    highValue: fc.boolean(),
    relatedToMainProduct: fc.boolean(),
  }),
  { maxLength: 4 },
);
const scorable = fc
  .record({
    ip: ipArb,
    opRev: cents(1n, M),
    rd: cents(0n, M),
    mainRev: cents(0n, M),
    assets: cents(1n, M),
    liabilities: cents(0n, M),
    before: cents(1n, M),
    strategic: fc.boolean(),
  })
  // Scorable data is possible data: 主营业务收入 is part of 营业收入.
  .map((r) => ({ ...r, mainRev: r.mainRev % (r.opRev + 1n) }));
type Raw = typeof scorable extends fc.Arbitrary<infer T> ? T : never;
const toInput = (r: Raw): InnovativeSmeInput => ({
  intellectualProperty: r.ip,
  lastYear: {
    operatingRevenue: centsToAmount(r.opRev),
    rdExpense: centsToAmount(r.rd),
    mainBusinessRevenue: centsToAmount(r.mainRev),
    totalAssets: centsToAmount(r.assets),
    totalLiabilities: centsToAmount(r.liabilities),
  },
  yearBefore: { mainBusinessRevenue: centsToAmount(r.before) },
  mainProductStrategicEmerging: r.strategic,
});

describe('innovative-sme-2022 properties', () => {
  it('totals stay within bounds and equal the sum of their parts', () => {
    fc.assert(
      fc.property(scorable, (raw) => {
        const r = evaluateInnovativeSme(toInput(raw));
        expect(r.status).toBe('scored');
        const ind = Object.values(r.indicators) as number[];
        const sumInd = ind.reduce((a, b) => a + b, 0);
        const cats = r.categories as Record<string, number>;
        expect(r.total).toBe(sumInd);
        expect(r.total).toBe(cats.innovation! + cats.growth! + cats.specialization!);
        expect(cats.innovation).toBe(r.indicators.ip! + r.indicators.rdRatio!);
        expect(cats.growth).toBe(r.indicators.growth! + r.indicators.debtRatio!);
        expect(cats.specialization).toBe(r.indicators.field! + r.indicators.mainShare!);
        expect(r.total).toBeGreaterThanOrEqual(5);
        expect(r.total).toBeLessThanOrEqual(100);
        expect(cats.innovation).toBeLessThanOrEqual(40);
        expect(cats.growth).toBeLessThanOrEqual(30);
        expect(cats.specialization).toBeLessThanOrEqual(30);
        expect(r.qualifiedByScore).toBe(
          r.total! >= 60 && cats.innovation! >= 20 && cats.growth! >= 15 && cats.specialization! >= 15,
        );
      }),
    );
  });

  it('more R&D never lowers the score', () => {
    fc.assert(
      fc.property(scorable, cents(0n, M), (raw, extra) => {
        const a = evaluateInnovativeSme(toInput(raw)).total!;
        const b = evaluateInnovativeSme(toInput({ ...raw, rd: raw.rd + extra })).total!;
        expect(b).toBeGreaterThanOrEqual(a);
      }),
    );
  });

  it('more growth (a smaller previous year) never lowers the score', () => {
    fc.assert(
      fc.property(scorable, cents(0n, M), (raw, cut) => {
        const smaller = raw.before - (cut % raw.before);
        const a = evaluateInnovativeSme(toInput(raw)).total!;
        const b = evaluateInnovativeSme(toInput({ ...raw, before: smaller })).total!;
        expect(b).toBeGreaterThanOrEqual(a);
      }),
    );
  });

  it('a lower debt ratio never lowers the score', () => {
    fc.assert(
      fc.property(scorable, cents(0n, M), (raw, cut) => {
        const lower = raw.liabilities - (cut % (raw.liabilities + 1n));
        const a = evaluateInnovativeSme(toInput(raw)).total!;
        const b = evaluateInnovativeSme(toInput({ ...raw, liabilities: lower })).total!;
        expect(b).toBeGreaterThanOrEqual(a);
      }),
    );
  });

  it('a larger main-business share never lowers the score', () => {
    fc.assert(
      fc.property(scorable, cents(0n, M), (raw, extra) => {
        const a = evaluateInnovativeSme(toInput(raw)).total!;
        const larger = raw.mainRev + extra > raw.opRev ? raw.opRev : raw.mainRev + extra;
        const b = evaluateInnovativeSme(toInput({ ...raw, mainRev: larger })).total!;
        expect(b).toBeGreaterThanOrEqual(a);
      }),
    );
  });

  it('a direct condition always qualifies, and qualified = score path or direct', () => {
    fc.assert(
      fc.property(
        scorable,
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        cents(0n, 100000n),
        (raw, s, h, i, eq) => {
          const input = {
            ...toInput(raw),
            direct: {
              sciTechAwardWithin3Years: s,
              validHonor: h,
              provincialRdInstitution: i,
              equityFinancing3Years: centsToAmount(eq),
            },
          };
          const r = evaluateInnovativeSme(input);
          const anyDirect = s || h || i || eq >= 50000n;
          expect(r.directConditions.length > 0).toBe(anyDirect);
          expect(r.qualified).toBe(r.qualifiedByScore || anyDirect);
        },
      ),
    );
  });
});
