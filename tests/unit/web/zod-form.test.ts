import { describe, expect, it } from 'vitest';
import {
  ChangePasswordRequest,
  LoginRequest,
  RegisterRequest,
  RegisterSmsRequest,
} from '../../../src/shared/schemas/auth';
import { issuesToFieldErrors } from '../../../src/shared/schemas/zod';
import { USERNAME_RULE } from '../../../src/shared/schemas/fields';
import {
  fieldProblem,
  PASSWORD_MISMATCH,
  samePasswordRule,
  validateWith,
  zodRule,
  zodValueRule,
} from '../../../src/web/forms/zodForm';
import { smsCode } from '../../../src/shared/schemas/fields';

const validRegister = {
  username: 'qiye_demo',
  password: 'Shenbao#Qy2024',
  passwordConfirm: 'Shenbao#Qy2024',
  enterpriseName: '昆山示范精密机械有限公司',
  uscc: '913205837031234530',
  contactName: '王晓明',
  contactMobile: '13800000001',
  smsCode: '123456',
};

type Validator = (rule: unknown, value: unknown) => Promise<void>;
function runRule(rule: unknown, value: unknown, all: Record<string, unknown> = {}): Promise<void> {
  const fakeForm = { getFieldsValue: () => all, getFieldValue: (k: string) => all[k] };
  const resolved = (typeof rule === 'function' ? rule(fakeForm) : rule) as { validator: Validator };
  return resolved.validator({}, value);
}

describe('fieldProblem: the shared schema gives the message', () => {
  it('reports the field schema message, the same text as the server', () => {
    expect(fieldProblem(RegisterRequest, 'username', 'ab')).toBe(USERNAME_RULE);
    expect(fieldProblem(RegisterRequest, 'username', undefined)).toBe('请输入用户名');
    expect(fieldProblem(RegisterRequest, 'username', 'qiye_demo')).toBeNull();
    expect(fieldProblem(RegisterRequest, 'contactMobile', '12345')).toMatch(/11 位/);
    expect(fieldProblem(RegisterRequest, 'uscc', '913205837031234531')).toMatch(/校验位/);
  });

  it('accepts full-width input the server normalises', () => {
    expect(fieldProblem(RegisterRequest, 'contactMobile', '１３８００００００01')).toBeNull();
  });

  it('reports cross-field refinements when the rest of the form is valid', () => {
    const all = { ...validRegister, passwordConfirm: 'Different1!' };
    expect(fieldProblem(RegisterRequest, 'passwordConfirm', 'Different1!', all)).toBe(PASSWORD_MISMATCH);
    expect(fieldProblem(RegisterRequest, 'password', 'Shenbao#Qy2024', all)).toBeNull();
  });

  it('PASSWORD_MISMATCH is the shared schemas’ own message', () => {
    const r = RegisterRequest.safeParse({ ...validRegister, passwordConfirm: 'Other123!' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe(PASSWORD_MISMATCH);
    const c = ChangePasswordRequest.safeParse({
      currentPassword: 'x',
      password: 'Shenbao#Qy2024',
      passwordConfirm: 'nope',
    });
    expect(c.error?.issues.map((i) => i.message)).toContain(PASSWORD_MISMATCH);
  });
});

describe('antd rules', () => {
  it('zodRule rejects with the schema message and resolves when valid', async () => {
    await expect(runRule(zodRule(LoginRequest, 'username'), '')).rejects.toThrow('请输入用户名');
    await expect(runRule(zodRule(LoginRequest, 'username'), 'admin')).resolves.toBeUndefined();
  });

  it('zodValueRule checks a single field schema', async () => {
    await expect(runRule(zodValueRule(smsCode), '12345')).rejects.toThrow('短信验证码为 6 位数字');
    await expect(runRule(zodValueRule(smsCode), '１２３４５６')).resolves.toBeUndefined();
  });

  it('samePasswordRule compares with the password field', async () => {
    await expect(runRule(samePasswordRule(), 'b', { password: 'a' })).rejects.toThrow(PASSWORD_MISMATCH);
    await expect(runRule(samePasswordRule(), 'a', { password: 'a' })).resolves.toBeUndefined();
    // Empty confirm: the schema's own "请再次输入密码" applies instead.
    await expect(runRule(samePasswordRule(), '', { password: 'a' })).resolves.toBeUndefined();
  });
});

describe('validateWith', () => {
  it('returns the normalised data', () => {
    const r = validateWith(RegisterRequest, {
      ...validRegister,
      uscc: ' ９１３２０５８３７０３１２３４５３０ ',
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.data.uscc).toBe('913205837031234530');
  });

  it('gives the same fieldErrors as the server computes from the same schema', () => {
    const input = { username: 'ab', password: 'short', passwordConfirm: '', contactMobile: '1' };
    const r = validateWith(RegisterSmsRequest, input);
    expect(r.ok).toBe(false);
    const server = issuesToFieldErrors(RegisterSmsRequest.safeParse(input).error!.issues);
    if (!r.ok) {
      expect(r.fieldErrors).toEqual(server);
      expect(Object.keys(r.fieldErrors)).toEqual(
        expect.arrayContaining([
          'username',
          'password',
          'passwordConfirm',
          'enterpriseName',
          'uscc',
          'captchaAnswer',
        ]),
      );
    }
  });
});
