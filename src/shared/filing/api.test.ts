import fc from 'fast-check';
import { SECTION_KEYS } from '../schemas/filing-api';
import {
  ATTACHMENT_SLOTS,
  SECTION_FIELDS,
  assessFiling,
  attachmentSlotKeys,
  emptySections,
  enterpriseActions,
  fieldDef,
  prefillFromPrevious,
  regionOf,
  validateSection,
  validateSubmission,
  type FilingContext,
} from './index';
import { sampleAttachmentSlots, sampleSections } from './fixtures';
import { readBasic, readInnovation, readOperations, readProducts, readRecognitions } from './sections';

const ctx: FilingContext = { campaignYear: 2023, asOf: '2023-03-01', kind: 'entry' };
type Obj = Record<string, unknown>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const uploads = (...slots: string[]) => slots.map((slot) => ({ slot }));

describe('emptySections', () => {
  it('has every section, the three fiscal years and one empty product row', () => {
    const e = emptySections(ctx);
    expect(Object.keys(e)).toEqual([...SECTION_KEYS]);
    expect(Object.keys(e.operations['years'] as Obj)).toEqual(['2020', '2021', '2022']);
    expect(e.products['mainProducts']).toHaveLength(1);
    expect(e.attachments).toEqual({});
  });

  it('validates without errors for wrong values (only 请填写 messages)', () => {
    const e = emptySections(ctx);
    for (const key of SECTION_KEYS) {
      const r = validateSection(key, e[key], ctx);
      expect(r.valid).toBe(true);
      for (const msg of Object.values(r.fieldErrors)) expect(msg).toMatch(/^请(填写|选择|至少|上传)/);
    }
  });
});

describe('attachments', () => {
  it('slot keys expand the per-year audit report', () => {
    expect(attachmentSlotKeys(ctx)).toEqual([
      'businessLicense',
      'auditReport:2022',
      'auditReport:2021',
      'socialSecurity',
      'ipCertificates',
      'directProof',
      'selfAssessment',
      'other',
    ]);
    expect(ATTACHMENT_SLOTS.find((s) => s.key === 'selfAssessment')?.accept).toEqual(['pdf']);
  });

  it('the section alone (score path assumed) needs licence, two audit reports, social security, self-assessment', () => {
    const r = validateSection(
      'attachments',
      {},
      { ...ctx, attachments: uploads('businessLicense', 'auditReport:2022') },
    );
    expect(r.complete).toBe(false);
    expect(r.valid).toBe(true);
    expect(r.fieldErrors).toEqual({
      'auditReport:2021': '请上传 2021 年度审计报告',
      socialSecurity: '请上传社保缴费证明',
      selfAssessment: '请上传自评表（签字盖章）',
    });
    const all = validateSection(
      'attachments',
      {},
      {
        ...ctx,
        attachments: uploads(
          'businessLicense',
          'auditReport:2022',
          'auditReport:2021',
          'socialSecurity',
          'selfAssessment',
        ),
      },
    );
    expect(all.complete).toBe(true);
  });

  it('with the assessment: IP rows need certificates; a direct condition needs its proof and only last year’s audit', () => {
    const sections = sampleSections(ctx); // 高企 held → direct path
    const a = assessFiling(sections, ctx);
    const v = validateSubmission(sections, {
      ...ctx,
      attachments: uploads('businessLicense', 'auditReport:2022', 'socialSecurity', 'selfAssessment'),
    });
    expect(v.ok).toBe(false);
    expect(v.sections.attachments.fieldErrors).toEqual({
      ipCertificates: '请上传知识产权证书',
      directProof: '请上传直通条件证明',
    });
    expect(sampleAttachmentSlots(ctx)).toEqual([
      'businessLicense',
      'auditReport:2022',
      'socialSecurity',
      'ipCertificates',
      'directProof',
      'selfAssessment',
    ]);
    expect(a.directConditions.some((d) => d.met)).toBe(true);
  });
});

describe('validateSubmission', () => {
  it('the sample with its attachments is ready to submit', () => {
    const v = validateSubmission(sampleSections(ctx), {
      ...ctx,
      attachments: uploads(...sampleAttachmentSlots(ctx)),
    });
    for (const key of SECTION_KEYS) expect(v.sections[key].fieldErrors).toEqual({});
    expect(v.ok).toBe(true);
  });

  it('an incomplete section blocks submission', () => {
    const s = sampleSections(ctx);
    (s.basic as Obj)['postcode'] = '';
    const v = validateSubmission(s, { ...ctx, attachments: uploads(...sampleAttachmentSlots(ctx)) });
    expect(v.ok).toBe(false);
    expect(v.sections.basic.fieldErrors['postcode']).toContain('请填写');
  });

  it('score path: both audit reports are required', () => {
    const s = sampleSections(ctx);
    (s.recognitions as Obj)['highTech'] = { held: false };
    const v = validateSubmission(s, { ...ctx, attachments: uploads(...sampleAttachmentSlots(ctx)) });
    expect(v.sections.attachments.fieldErrors).toEqual({ 'auditReport:2021': '请上传 2021 年度审计报告' });
  });
});

describe('prefillFromPrevious (数据更新)', () => {
  it('carries basic info, products, IP, institutions, recognitions; keeps overlapping years; the new year is empty', () => {
    const prevCtx: FilingContext = { campaignYear: 2022, asOf: '2022-03-01', kind: 'entry' };
    const prev = sampleSections(prevCtx); // years 2019, 2020, 2021
    const next = prefillFromPrevious(prev, { ...ctx, kind: 'update' });
    expect(next.basic['uscc']).toBe('91320583135792463X');
    expect(next.basic['cityCode']).toBe('320500');
    expect(next.products).toEqual(validateSection('products', prev.products, ctx).normalized);
    expect((next.innovation['ipItems'] as unknown[]).length).toBe(3);
    expect((next.innovation['rdInstitutions'] as unknown[]).length).toBe(1);
    expect((next.recognitions['highTech'] as Obj)['certificateNo']).toBe('GR202032001234');
    const years = next.operations['years'] as Record<string, Obj>;
    expect(Object.keys(years)).toEqual(['2020', '2021', '2022']);
    const prevYears = (prev.operations as { years: Record<string, Obj> }).years;
    expect(years['2020']!['operatingRevenue']).toBe(prevYears['2020']!['operatingRevenue']);
    expect(years['2021']!['employees']).toBe(prevYears['2021']!['employees']);
    expect(years['2022']!['operatingRevenue']).toBe('');
    expect(years['2022']!['employees']).toBe('');
    expect(next.attachments).toEqual({});
    const ops = validateSection('operations', next.operations, ctx);
    expect(ops.complete).toBe(false);
    expect(Object.keys(ops.fieldErrors).every((k) => k.startsWith('years.2022.'))).toBe(true);
  });

  it('starts empty from garbage', () => {
    const next = prefillFromPrevious({ basic: 'x', products: { mainProducts: [] } } as never, ctx);
    expect(next.basic).toEqual(emptySections(ctx).basic);
    expect(next.products['mainProducts']).toHaveLength(1);
    expect(prefillFromPrevious(null as never, ctx)).toEqual(emptySections(ctx));
  });
});

describe('regionOf', () => {
  it('returns the county and its city for county-level codes incl. dev zones', () => {
    expect(regionOf({ countyCode: '320583' })).toEqual({ countyCode: '320583', cityCode: '320500' });
    expect(regionOf({ countyCode: '320576' })).toEqual({ countyCode: '320576', cityCode: '320500' });
    expect(regionOf({ countyCode: ' ３２０１０６ ' })).toEqual({ countyCode: '320106', cityCode: '320100' });
  });

  it('null for city / province / unknown codes and garbage', () => {
    for (const b of [
      { countyCode: '320500' },
      { countyCode: '320000' },
      { countyCode: '110101' },
      {},
      null,
      'x',
      [],
    ]) {
      expect(regionOf(b)).toBeNull();
    }
  });
});

describe('enterpriseActions', () => {
  const no = { countyActed: false, everSubmitted: false };
  it('follows the status table', () => {
    expect(enterpriseActions('draft', no)).toEqual(['save', 'submit']);
    expect(enterpriseActions('returned', { countyActed: true, everSubmitted: true })).toEqual([
      'save',
      'submit',
      'document',
    ]);
    expect(enterpriseActions('county_review', { countyActed: false, everSubmitted: true })).toEqual([
      'withdraw',
      'document',
    ]);
    expect(enterpriseActions('county_review', { countyActed: true, everSubmitted: true })).toEqual([
      'document',
    ]);
    for (const s of ['city_review', 'approved', 'refused'] as const) {
      expect(enterpriseActions(s, { countyActed: true, everSubmitted: true })).toEqual(['document']);
    }
    expect(enterpriseActions('withdrawn', { countyActed: false, everSubmitted: true })).toEqual([
      'save',
      'submit',
      'document',
    ]);
    expect(enterpriseActions('withdrawn', no)).toEqual(['save', 'submit']);
  });
});

describe('SECTION_FIELDS', () => {
  it('every field error path of an empty filing has a field definition with help', () => {
    const e = emptySections(ctx);
    for (const key of SECTION_KEYS) {
      if (key === 'attachments') continue;
      for (const path of Object.keys(validateSection(key, e[key], ctx).fieldErrors)) {
        const def = fieldDef(key, path);
        expect(def, `${key}.${path}`).toBeDefined();
        expect(def!.help.length).toBeGreaterThan(0);
      }
    }
    expect(fieldDef('operations', 'years.2022.rdExpense')?.feeds?.[0]).toContain('研发费用');
    expect(SECTION_FIELDS.basic.find((f) => f.path === 'registeredCapital')?.unit).toBe('万元');
  });
});

describe('property: validation never throws', () => {
  it('validateSection / validateSubmission / assessFiling / prefill / regionOf on arbitrary JSON', () => {
    const section = fc.constantFrom(...SECTION_KEYS);
    const sample = sampleSections(ctx);
    // Arbitrary JSON, and the sample with one key replaced by arbitrary JSON (to reach the deeper readers).
    const mutated = fc.tuple(section, fc.string(), fc.jsonValue()).map(([k, key, v]) => {
      const s = clone(sample[k]) as Obj;
      s[key === '' ? 'years' : key] = v;
      return [k, s] as const;
    });
    fc.assert(
      fc.property(fc.oneof(fc.tuple(section, fc.jsonValue()), mutated), ([key, data]) => {
        const r = validateSection(key, data, ctx);
        expect(typeof r.complete).toBe('boolean');
        expect(typeof r.valid).toBe('boolean');
        if (r.complete) expect(r.valid).toBe(true);
        JSON.stringify(r.normalized);
        validateSubmission({ ...sample, [key]: data }, ctx);
        assessFiling({ ...sample, [key]: data }, ctx);
        prefillFromPrevious({ [key]: data }, ctx);
        regionOf(data);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('the section readers themselves never throw (the safety net of validateSection is never needed)', () => {
    const readers = [readBasic, readProducts, readOperations, readInnovation, readRecognitions];
    const sample = sampleSections(ctx);
    const keys = ['basic', 'products', 'operations', 'innovation', 'recognitions'] as const;
    fc.assert(
      fc.property(fc.nat(4), fc.string(), fc.jsonValue(), fc.jsonValue(), (i, key, v, whole) => {
        const s = clone(sample[keys[i]!]) as Obj;
        s[key] = v;
        for (const data of [s, whole]) {
          const r = readers[i]!(data, ctx);
          expect(r.fieldErrors['_'] ?? '').not.toContain('无法识别');
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('amount fields: any string either normalises to a canonical amount or gets a message', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = validateSection('basic', { registeredCapital: s }, ctx);
        const v = r.normalized['registeredCapital'];
        if (r.fieldErrors['registeredCapital'])
          expect(typeof r.fieldErrors['registeredCapital']).toBe('string');
        else if (v !== '') expect(v).toMatch(/^\d+\.\d{2}$/);
      }),
    );
  });
});
