import { passwordProblem } from '../schemas/fields';
import { PASSWORD_COMMON, PASSWORD_HAS_USERNAME, guessablePasswordProblem } from './password-policy';

describe('common and derived passwords are refused', () => {
  it.each([
    'P@ssw0rd',
    'Passw0rd!',
    'Demo@2023js',
    'Admin@123',
    'Abcd@1234',
    'Qwer@1234',
    '1qaz@WSX',
    'Woaini@1314',
  ])('%s', (pw) => {
    expect(passwordProblem(pw)).toBe(PASSWORD_COMMON);
  });

  it('look-alike and padded forms of a common word are refused too', () => {
    for (const pw of ['P@$$w0rd2024', '!!Admin2024', 'Jiangsu#2025', 'MyPassword#1', 'Zxcvbnm@88']) {
      expect(guessablePasswordProblem(pw)).toBe(PASSWORD_COMMON);
    }
  });

  it('the username, forwards or backwards, may not be in the password', () => {
    expect(passwordProblem('Qiye_001@2024', 'qiye_001')).toBe(PASSWORD_HAS_USERNAME);
    expect(passwordProblem('QIYE_001@2024', 'qiye_001')).toBe(PASSWORD_HAS_USERNAME);
    expect(passwordProblem('100_eyiq#Aa', 'qiye_001')).toBe(PASSWORD_HAS_USERNAME);
    expect(passwordProblem('Huanxin#Mima2027', 'qiye_001')).toBeNull();
  });

  it('ordinary strong passwords pass', () => {
    for (const pw of ['Huanxin#Mima2027', 'Qiye#Lvse2024', 'Xinmima#2023', 'Secret#Pw2024', 'NewPass#2024']) {
      expect(passwordProblem(pw)).toBeNull();
    }
  });
});
