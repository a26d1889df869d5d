import { sampleAttachmentSlots, sampleSections } from './fixtures';
import { validateSection, validateSubmission } from './api';
import { requiredSlotKeys } from './attachments';
import { assessTechSmeFiling, standardTitleOf, techSmeInputOf } from './tech-sme-assess';
import { readTechSme } from './tech-sme';

const ctx = { campaignYear: 2026, asOf: '2026-05-10', kind: 'tech_sme' as const };
const sample = sampleSections(ctx);

describe('科技型评价指标 section', () => {
  it('reads the sample as complete, with amounts canonical', () => {
    const r = readTechSme({ ...sample.techSme, salesRevenue: '8,650' }, ctx);
    expect(r.fieldErrors).toEqual({});
    expect(r.complete).toBe(true);
    expect(r.normalized['salesRevenue']).toBe('8650.00');
    expect(r.parsed.fiscalYear).toBe(2025);
  });

  it('asks for every figure and for the three 第六条 declarations', () => {
    const r = readTechSme({}, ctx);
    expect(r.complete).toBe(false);
    expect(r.valid).toBe(true);
    for (const k of ['employees', 'techStaff', 'salesRevenue', 'totalCost', 'rdExpense', 'totalAssets'])
      expect(r.fieldErrors[k]).toContain('2025 年度');
    for (const k of ['ipClassI', 'ipClassII', 'residentEnterprise', 'notProhibited', 'noMajorIncident'])
      expect(r.fieldErrors[k]).toBeDefined();
  });

  it('maps onto the engine input: a declared "否" makes the basic conditions unmet, a blank one pending', () => {
    const p = readTechSme({ ...sample.techSme, notProhibited: false }, ctx).parsed;
    expect(techSmeInputOf(p)['basicConditionsMet']).toBe(false);
    const q = readTechSme({ ...sample.techSme, noMajorIncident: '' }, ctx).parsed;
    expect(techSmeInputOf(q)['basicConditionsMet']).toBeNull();
    expect(techSmeInputOf(readTechSme(sample.techSme, ctx).parsed)['ip']).toEqual({
      classOne: 1,
      classTwo: 1,
    });
  });

  it('is judged by the 115号 table, named in Chinese', () => {
    const a = assessTechSmeFiling(sample, ctx);
    expect(a.standardId).toBe('tech-sme-2017');
    expect(a.standardTitle).toBe('科技型中小企业评价标准（国科发政〔2017〕115号）');
    expect(a.result.total).toBe(76);
    expect(a.result.qualified).toBe(true);
    expect(standardTitleOf('innovative-sme-2022')).toContain('工信部企业〔2022〕63号');
    expect(standardTitleOf('no-such-standard')).toBe('适用标准待确定');
  });
});

describe('科技型 sections and attachments', () => {
  it('uses 基本情况, 科技型评价指标 and 附件 only: the 入库 sections are not part of it', () => {
    expect(validateSection('products', {}, ctx)).toMatchObject({ complete: true, valid: true });
    // …and an 入库 filing has no 科技型 section.
    expect(validateSection('techSme', {}, { ...ctx, kind: 'entry' })).toMatchObject({ complete: true });
    const v = validateSubmission(
      { basic: sample.basic, techSme: sample.techSme },
      {
        ...ctx,
        attachments: sampleAttachmentSlots(ctx).map((slot) => ({ slot })),
      },
    );
    expect(v.ok).toBe(true);
  });

  it('needs last year’s audit report only, IP certificates when IP is declared, proof when a direct condition is claimed', () => {
    expect(sampleAttachmentSlots(ctx).sort()).toEqual(
      ['auditReport:2025', 'businessLicense', 'directProof', 'ipCertificates', 'socialSecurity'].sort(),
    );
    expect(requiredSlotKeys(ctx, { ipItemCount: 0, directConditions: [{ met: false }] }).sort()).toEqual(
      ['auditReport:2025', 'businessLicense', 'socialSecurity'].sort(),
    );
  });
});
