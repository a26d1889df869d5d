import { AppError, ERRORS, REASONS, type ReasonCode } from './index';
import { renderReason } from './codes';

describe('reason-code catalogue (ADR 0033)', () => {
  const reasons = Object.keys(REASONS) as ReasonCode[];

  it('names an envelope code of ERRORS for every reason, with a Chinese message', () => {
    for (const r of reasons) {
      expect(Object.keys(ERRORS), r).toContain(REASONS[r].code);
      expect(REASONS[r].message, r).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('does not reuse a reason code that is also an envelope code', () => {
    for (const r of reasons) expect(Object.keys(ERRORS)).not.toContain(r);
  });

  it('gives no two reasons the same template, so each case has one wording', () => {
    const seen = new Map<string, string>();
    for (const r of reasons) {
      expect(seen.get(REASONS[r].message), `${r} repeats ${seen.get(REASONS[r].message)}`).toBeUndefined();
      seen.set(REASONS[r].message, r);
    }
  });

  it('fills the placeholders from the details and keeps the details', () => {
    const e = AppError.of('REVIEW_DEADLINE_PASSED', {
      level: '县区',
      deadline: '2026年6月30日',
      action: '县区审核通过',
      filingId: 'f1',
    });
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('WINDOW_CLOSED');
    expect(e.status).toBe(409);
    expect(e.reason).toBe('REVIEW_DEADLINE_PASSED');
    expect(e.message).toBe(
      '县区审核截止时间（2026年6月30日）已过，不能再“县区审核通过”。如需延期，请联系省工信厅为本地区设置延期。',
    );
    expect(e.details).toMatchObject({ filingId: 'f1' });
    expect(e.message).not.toMatch(/[{}]/);
  });

  it('shows the message beside the named fields, and takes explicit field errors', () => {
    const e = AppError.of('REASON_REQUIRED', { what: '更正原因', note: '' }).on('reason');
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.message).toBe('请填写更正原因（至少 2 个字）');
    expect(e.fieldErrors).toEqual({ reason: '请填写更正原因（至少 2 个字）' });
    const f = AppError.of('PAGE_CURSOR_INVALID', {}, { cursor: '翻页参数无效，请回到第一页' });
    expect(f.fieldErrors).toEqual({ cursor: '翻页参数无效，请回到第一页' });
    expect(f.status).toBe(400);
  });

  it('a bare envelope code is its own reason, with the catalogue message', () => {
    const e = new AppError('FORBIDDEN');
    expect(e.reason).toBe('FORBIDDEN');
    expect(e.message).toBe(ERRORS.FORBIDDEN.message);
  });

  it('leaves a placeholder without a value visible instead of printing undefined', () => {
    expect(renderReason('第 {n} 行：{what}', { n: 3 })).toBe('第 3 行：{what}');
  });
});
