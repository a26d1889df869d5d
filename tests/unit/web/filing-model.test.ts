import { describe, expect, it } from 'vitest';
import { validateSection } from '../../../src/shared/filing';
import { sectionKeysOf } from '../../../src/shared/schemas/filing-api';
import { sampleSections } from '../../../src/shared/filing/fixtures';
import { MSG_TOO_MANY_DECIMALS } from '../../../src/shared/money';
import {
  asSectionDraft,
  countdownText,
  deepEqual,
  diffSections,
  draftDecision,
  fieldLabel,
  filingDraftKey,
  getAt,
  groupSubmitErrors,
  normalizeAmountOnBlur,
  precheckFile,
  resolveTab,
  sectionBadge,
  setAt,
  shanghaiToday,
} from '../../../src/web/pages/qiye/filing/model';
import {
  DRAFT_PREFIX,
  draftStorageKey,
  loadDraft,
  saveDraft,
  type DraftStorage,
} from '../../../src/web/forms/draftStorage';

function memoryStorage(): DraftStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

describe('amount normalisation on blur', () => {
  it('accepts commas, spaces and full-width digits and gives the canonical amount', () => {
    expect(normalizeAmountOnBlur('1,234.56')).toEqual({ value: '1234.56', error: null });
    expect(normalizeAmountOnBlur(' 1 234.5 ')).toEqual({ value: '1234.50', error: null });
    expect(normalizeAmountOnBlur('１２３４．５６')).toEqual({ value: '1234.56', error: null });
    expect(normalizeAmountOnBlur('1，234')).toEqual({ value: '1234.00', error: null });
    expect(normalizeAmountOnBlur(1000)).toEqual({ value: '1000.00', error: null });
  });

  it('keeps a wrong entry as typed with the shared Chinese message', () => {
    expect(normalizeAmountOnBlur('12.345')).toEqual({ value: '12.345', error: MSG_TOO_MANY_DECIMALS });
    expect(normalizeAmountOnBlur('12,34').error).toContain('千位分隔符');
    expect(normalizeAmountOnBlur('-5').error).toContain('不能为负数');
    expect(normalizeAmountOnBlur('-12.5', { allowNegative: true })).toEqual({ value: '-12.50', error: null });
  });

  it('leaves an empty field empty', () => {
    expect(normalizeAmountOnBlur('')).toEqual({ value: '', error: null });
    expect(normalizeAmountOnBlur('   ')).toEqual({ value: '', error: null });
    expect(normalizeAmountOnBlur(null)).toEqual({ value: '', error: null });
  });

  it('gives the same message the server gives for the same input', () => {
    const v = validateSection(
      'operations',
      { years: { '2022': { operatingRevenue: '12.345' } } },
      { campaignYear: 2023, asOf: '2023-03-01', kind: 'entry' },
    );
    expect(v.fieldErrors['years.2022.operatingRevenue']).toBe(normalizeAmountOnBlur('12.345').error);
  });
});

describe('draft storage keys and the restore decision', () => {
  it('keys drafts per user, filing and section', () => {
    expect(filingDraftKey('u1', 'f1', 'basic')).toBe('filing:u1:f1:basic');
    expect(filingDraftKey('u2', 'f1', 'basic')).not.toBe(filingDraftKey('u1', 'f1', 'basic'));
    expect(filingDraftKey('u1', 'f1', 'operations')).not.toBe(filingDraftKey('u1', 'f1', 'basic'));
    expect(draftStorageKey(filingDraftKey('u1', 'f1', 'basic'))).toBe(`${DRAFT_PREFIX}filing:u1:f1:basic`);
  });

  it('round-trips a section draft through the shared draft storage', () => {
    const storage = memoryStorage();
    const key = filingDraftKey('u1', 'f1', 'basic');
    saveDraft(storage, key, { data: { address: '苏州', nicheYears: '8' }, baseVersion: 3 }, 1_000);
    const back = loadDraft(storage, key, 2_000);
    expect(asSectionDraft(back?.values)).toEqual({
      data: { address: '苏州', nicheYears: '8' },
      baseVersion: 3,
    });
    expect(asSectionDraft({ data: [], baseVersion: 1 })).toBeNull();
    expect(asSectionDraft({ data: {}, baseVersion: 'x' })).toBeNull();
    expect(asSectionDraft(null)).toBeNull();
  });

  it('discards a draft the server already has (after normalising), restores one it does not', () => {
    const ctx = { campaignYear: 2023, asOf: '2023-03-01', kind: 'entry' as const };
    const normalize = (d: Record<string, unknown>) => validateSection('operations', d, ctx).normalized;
    const server = { data: normalize({ years: { '2022': { operatingRevenue: '1234.56' } } }) };
    const same = { data: { years: { '2022': { operatingRevenue: '1,234.56' } } }, baseVersion: 1 };
    const other = { data: { years: { '2022': { operatingRevenue: '999' } } }, baseVersion: 1 };
    expect(draftDecision(same, server, normalize)).toBe('discard');
    expect(draftDecision(other, server, normalize)).toBe('restore');
  });
});

describe('the conflict diff', () => {
  it('lists only the changed fields, with readable labels', () => {
    const mine = {
      address: '新地址',
      contact: { name: '李红', mobile: '13800000002' },
      nicheYears: 8,
    };
    const server = {
      address: '旧地址',
      contact: { name: '李红', mobile: '13900000009' },
      nicheYears: '8',
    };
    const diff = diffSections('basic', mine, server);
    expect(diff.map((d) => d.path)).toEqual(['address', 'contact.mobile']);
    expect(diff[0]).toMatchObject({ label: '通讯地址', mine: '新地址', server: '旧地址' });
    expect(diff[1]!.label).toBe('联系人手机');
  });

  it('compares list rows field by field and multi-selects as one value', () => {
    const mine = { ipItems: [{ name: 'A', highValueBasis: ['质押融资'] }], qualityItems: ['自主品牌'] };
    const server = { ipItems: [{ name: 'B', highValueBasis: [] }], qualityItems: [] };
    const diff = diffSections('innovation', mine, server);
    expect(diff.map((d) => d.path).sort()).toEqual([
      'ipItems.0.highValueBasis',
      'ipItems.0.name',
      'qualityItems',
    ]);
    expect(diff.find((d) => d.path === 'ipItems.0.name')!.label).toBe('知识产权第 1 行 · 名称');
    expect(diff.find((d) => d.path === 'qualityItems')!.server).toBe('（空）');
  });

  it('labels fiscal-year fields with the year', () => {
    expect(fieldLabel('operations', 'years.2022.rdExpense')).toBe('2022 年度 · 研发费用');
    const diff = diffSections(
      'operations',
      { years: { '2022': { rdExpense: '1.00' } } },
      { years: { '2022': { rdExpense: '2.00' } } },
    );
    expect(diff).toEqual([
      { path: 'years.2022.rdExpense', label: '2022 年度 · 研发费用', mine: '1.00', server: '2.00' },
    ]);
  });

  it('finds no difference between a sample section and itself', () => {
    const s = sampleSections({ campaignYear: 2023 });
    expect(diffSections('innovation', s.innovation, structuredClone(s.innovation))).toEqual([]);
  });
});

describe('paths, submit errors, badges, uploads, time', () => {
  it('reads and writes dotted paths without mutating', () => {
    const data = { years: { '2022': { a: '1' } }, rows: [{ n: 'x' }] };
    const next = setAt(data, 'rows.0.n', 'y');
    expect(getAt(next, 'rows.0.n')).toBe('y');
    expect(getAt(data, 'rows.0.n')).toBe('x');
    expect(getAt(setAt(data, 'years.2023.b', '2'), 'years.2023.b')).toBe('2');
    expect(getAt(setAt({}, 'list.1.name', 'z'), 'list')).toEqual([undefined, { name: 'z' }]);
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
  });

  it('groups the submit errors per section and finds the first incomplete section in form order', () => {
    const g = groupSubmitErrors({
      'attachments.businessLicense': '请上传营业执照',
      'operations.years.2022.rdExpense': '请填写…',
      'basic.countyCode': '注册地…',
    });
    expect(g.first).toBe('basic');
    expect(g.bySection.operations).toEqual({ 'years.2022.rdExpense': '请填写…' });
    expect(groupSubmitErrors({}).first).toBeNull();
  });

  it('shows 完整 / 未完成 / 有错误', () => {
    expect(sectionBadge({ complete: true, valid: true })).toBe('complete');
    expect(sectionBadge({ complete: false, valid: true })).toBe('incomplete');
    expect(sectionBadge({ complete: false, valid: false })).toBe('error');
  });

  it('pre-checks type and size before an upload', () => {
    const max = 20 * 1024 * 1024;
    expect(
      precheckFile({ name: 'a.pdf', size: 100, type: 'application/pdf' }, 'auditReport:2022', max),
    ).toBeNull();
    expect(precheckFile({ name: 'a.PNG', size: 100, type: '' }, 'businessLicense', max)).toBeNull();
    expect(precheckFile({ name: 'a.png', size: 100, type: 'image/png' }, 'auditReport:2022', max)).toContain(
      '只接受 PDF',
    );
    expect(precheckFile({ name: 'a.pdf', size: max + 1, type: 'application/pdf' }, 'other', max)).toContain(
      '超过 20 MB',
    );
    expect(precheckFile({ name: 'a.pdf', size: 0, type: 'application/pdf' }, 'other', max)).toContain(
      '空文件',
    );
  });

  it('counts down and dates in Asia/Shanghai', () => {
    const now = new Date('2026-11-27T00:00:00Z');
    expect(countdownText(new Date('2026-12-09T05:03:00Z'), now)).toBe('12 天 5 小时 3 分');
    expect(countdownText(new Date('2026-11-26T00:00:00Z'), now)).toBeNull();
    expect(shanghaiToday(new Date('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
  });
});

describe('resolveTab', () => {
  const tech = sectionKeysOf('tech_sme');
  it('opens the section a ?tab= asks for when the kind has it', () => {
    expect(resolveTab('techSme', tech)).toEqual({ tab: 'techSme', notice: null });
    expect(resolveTab(null, tech)).toEqual({ tab: 'basic', notice: null });
  });
  it('falls back to the first section with a notice for a section the kind does not have', () => {
    expect(tech).not.toContain('operations');
    const r = resolveTab('operations', tech);
    expect(r.tab).toBe('basic');
    expect(r.notice).toBe('“经营情况”不属于本类填报，已为您显示“基本情况”。请从下方标签中选择要填写的部分。');
    expect(resolveTab('nope', tech)).toMatchObject({
      tab: 'basic',
      notice: expect.stringContaining('不存在'),
    });
    expect(resolveTab('operations', sectionKeysOf('entry'))).toEqual({ tab: 'operations', notice: null });
  });
});
