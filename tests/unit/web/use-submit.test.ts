// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { App, type FormInstance } from 'antd';
import { createElement, type ReactNode } from 'react';
import { ApiError } from '../../../src/web/api/client';
import { FIELDS_MARKED, useSubmit, type UseSubmitOptions } from '../../../src/web/forms/useSubmit';

/** A form with the given fields that records what setFields was given (applyFieldErrors needs only these two). */
function fakeForm(fields: string[]) {
  const placed: { name: (string | number)[]; errors: string[] }[] = [];
  const form = {
    getFieldsError: () => fields.map((f) => ({ name: f.split('.'), errors: [], warnings: [] })),
    setFields: (f: typeof placed) => placed.push(...f),
  } as unknown as FormInstance;
  return { form, placed };
}

const wrapper = ({ children }: { children: ReactNode }) => createElement(App, null, children);

function failWith(err: unknown, options: UseSubmitOptions) {
  return renderHook(
    () =>
      useSubmit(async () => {
        throw err;
      }, options),
    { wrapper },
  );
}

const invalid = (fieldErrors: Record<string, string>) =>
  new ApiError(400, 'VALIDATION_FAILED', '提交的信息有误', fieldErrors);

describe('useSubmit', () => {
  it('returns the result, and is busy only while the action runs', async () => {
    let finish: (v: number) => void = () => {};
    const { result } = renderHook(() => useSubmit(() => new Promise<number>((r) => (finish = r))), {
      wrapper,
    });
    let run: Promise<number | undefined> = Promise.resolve(undefined);
    act(() => {
      run = result.current.submit();
    });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      finish(7);
      expect(await run).toBe(7);
    });
    expect(result.current.busy).toBe(false);
    expect(result.current.error).toBeNull();
  });

  it('sends once on a double click', async () => {
    let calls = 0;
    let finish: () => void = () => {};
    const { result } = renderHook(
      () =>
        useSubmit(() => {
          calls += 1;
          return new Promise<void>((r) => (finish = r));
        }),
      { wrapper },
    );
    let first: Promise<void | undefined> = Promise.resolve();
    await act(async () => {
      first = result.current.submit();
      expect(await result.current.submit()).toBeUndefined();
    });
    await act(async () => {
      finish();
      await first;
    });
    expect(calls).toBe(1);
  });

  it("shows the error's message inline and places field errors beside their fields", async () => {
    const { form, placed } = fakeForm(['name']);
    const { result } = failWith(invalid({ name: '请填写名称' }), { form });
    await act(async () => {
      expect(await result.current.submit()).toBeUndefined();
    });
    expect(placed).toEqual([{ name: ['name'], errors: ['请填写名称'] }]);
    expect(result.current.error).toBe('提交的信息有误');
    expect(result.current.busy).toBe(false);
  });

  it('whenFieldsPlaced replaces the message when every field error found its field, null shows none', async () => {
    const { form } = fakeForm(['name']);
    const marked = failWith(invalid({ name: '请填写名称' }), { form, whenFieldsPlaced: FIELDS_MARKED });
    await act(() => marked.result.current.submit());
    expect(marked.result.current.error).toBe(FIELDS_MARKED);

    const none = failWith(invalid({ name: '请填写名称' }), { form, whenFieldsPlaced: null });
    await act(() => none.result.current.submit());
    expect(none.result.current.error).toBeNull();

    const partly = failWith(invalid({ name: '请填写名称', other: '其他字段有误' }), {
      form,
      whenFieldsPlaced: null,
    });
    await act(() => partly.result.current.submit());
    expect(partly.result.current.error).toBe('提交的信息有误');
  });

  it('showUnplaced makes the field errors no field could show the general error', async () => {
    const { form } = fakeForm(['name']);
    const { result } = failWith(invalid({ name: '请填写名称', a: '甲有误', b: '乙有误' }), {
      form,
      showUnplaced: true,
    });
    await act(() => result.current.submit());
    expect(result.current.error).toBe('甲有误；乙有误');
  });

  it('report may be a function; onError may word the error or show it itself', async () => {
    const shown: string[] = [];
    const err = new ApiError(409, 'CONFLICT', '状态已变化');
    const reported = failWith(err, { report: (t) => shown.push(t) });
    await act(() => reported.result.current.submit());
    expect(shown).toEqual(['状态已变化']);
    expect(reported.result.current.error).toBeNull();

    const worded = failWith(new Error('network'), { onError: () => '查看失败，请稍后重试。' });
    await act(() => worded.result.current.submit());
    expect(worded.result.current.error).toBe('查看失败，请稍后重试。');

    const seen: unknown[] = [];
    const own = failWith(err, { onError: (e) => seen.push(e) > 0 });
    await act(() => own.result.current.submit());
    expect(seen).toEqual([err]);
    expect(own.result.current.error).toBeNull();
  });

  it('gives onError the field errors no field could show', async () => {
    const { form } = fakeForm(['password']);
    let unplaced: Record<string, string> = {};
    const { result } = failWith(invalid({ password: '太短', username: '用户名不符' }), {
      form,
      onError: (_e, rest) => {
        unplaced = rest;
      },
    });
    await act(() => result.current.submit());
    expect(unplaced).toEqual({ username: '用户名不符' });
    expect(result.current.error).toBe('提交的信息有误');
  });
});
