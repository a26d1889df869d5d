import { describe, expect, it } from 'vitest';
import type { FormInstance } from 'antd';
import { ApiError } from '../../../src/web/api/client';
import {
  applyFieldErrors,
  erroredLabels,
  planFieldErrors,
  toNamePath,
} from '../../../src/web/forms/fieldErrors';

describe('toNamePath', () => {
  it('turns numeric segments into numbers', () => {
    expect(toNamePath('products.0.name')).toEqual(['products', 0, 'name']);
    expect(toNamePath('uscc')).toEqual(['uscc']);
  });
});

describe('planFieldErrors', () => {
  it('places known fields, aliases hidden ones, and returns the rest', () => {
    const plan = planFieldErrors(
      {
        username: '该用户名已被使用',
        captchaId: '请刷新图形验证码',
        _: '其他问题',
        'products.0.name': '请输入产品名称',
      },
      ['username', 'captchaAnswer', 'products.0.name'],
      { captchaId: 'captchaAnswer' },
    );
    expect(plan.fields).toEqual([
      { name: ['username'], errors: ['该用户名已被使用'] },
      { name: ['captchaAnswer'], errors: ['请刷新图形验证码'] },
      { name: ['products', 0, 'name'], errors: ['请输入产品名称'] },
    ]);
    expect(plan.unplaced).toEqual({ _: '其他问题' });
  });

  it('keeps the first message when two keys land on one field', () => {
    const plan = planFieldErrors({ captchaAnswer: 'A', captchaId: 'B' }, ['captchaAnswer'], {
      captchaId: 'captchaAnswer',
    });
    expect(plan.fields).toEqual([{ name: ['captchaAnswer'], errors: ['A'] }]);
  });
});

describe('applyFieldErrors', () => {
  function fakeForm(names: string[]) {
    const set: unknown[] = [];
    const form = {
      getFieldsError: () => names.map((n) => ({ name: n.split('.'), errors: [], warnings: [] })),
      setFields: (fields: unknown[]) => set.push(...fields),
    } as unknown as FormInstance;
    return { form, set };
  }

  it('applies an ApiError’s fieldErrors with form.setFields', () => {
    const { form, set } = fakeForm(['uscc', 'captchaAnswer']);
    const err = new ApiError(400, 'VALIDATION_FAILED', '提交的信息有误', {
      uscc: '该企业已注册',
      licence: '请上传营业执照',
    });
    const rest = applyFieldErrors(form, err);
    expect(set).toEqual([{ name: ['uscc'], errors: ['该企业已注册'] }]);
    expect(rest).toEqual({ licence: '请上传营业执照' });
  });

  it('ignores values that are not field errors', () => {
    const { form, set } = fakeForm(['uscc']);
    expect(applyFieldErrors(form, new Error('x'))).toEqual({});
    expect(set).toEqual([]);
  });
});

describe('erroredLabels', () => {
  const labels = {
    username: '用户名',
    password: '密码',
    captchaId: '图形验证码',
    captchaAnswer: '图形验证码',
  };
  it('lists labels in form order without duplicates', () => {
    expect(erroredLabels({ captchaAnswer: 'x', username: 'y', captchaId: 'z', other: 'w' }, labels)).toEqual([
      '用户名',
      '图形验证码',
      'other',
    ]);
  });
});
