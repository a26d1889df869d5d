/**
 * Government accounts created from the command line (`npm run cli -- create-user | create-admin`), kept out of
 * cli.ts (a process entry that exits) so it can be tested against a database.
 */
import { ROLES, type Role } from '../../../shared/permissions';
import { findRegion } from '../../../shared/regions';
import { passwordProblem } from '../../../shared/schemas/fields';
import type { DbOrTx } from '../../db/client';
import { users } from '../../db/schema';
import { hashPassword } from '../../services/passwords';
import { findUserByUsername, uniqueViolation } from '../auth/common';

export type CliAccountCommand = 'create-user' | 'create-admin';

export interface CliAccountInput {
  username: string;
  /** create-user only; create-admin always makes an 'admin'. */
  role?: string;
  /** create-user only; create-admin always binds the province (320000). */
  regionCode?: string;
  displayName?: string;
  password: string;
}

export interface CliAccount {
  id: string;
  username: string;
  role: Role;
  regionCode: string;
  regionName: string;
  displayName: string;
  mustChangePassword: boolean;
}

/** A refusal the CLI prints as is (exit 1): what is wrong and what to do. */
export class CliAccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliAccountError';
  }
}

const LEVEL_OF: Record<Exclude<Role, 'enterprise'>, { level: string; label: string }> = {
  county_reviewer: { level: 'county', label: '县（市、区）代码，如 320583' },
  city_reviewer: { level: 'city', label: '设区市代码，如 320500' },
  province: { level: 'province', label: '320000' },
  admin: { level: 'province', label: '320000' },
  security_admin: { level: 'province', label: '320000' },
  audit_admin: { level: 'province', label: '320000' },
};

/**
 * The account the command would create, or a CliAccountError (checked before the password is asked for, so
 * the operator does not type it for nothing). The password is checked by createCliAccount.
 */
export function resolveCliAccount(
  command: CliAccountCommand,
  input: Omit<CliAccountInput, 'password'>,
): Omit<CliAccount, 'id'> {
  const admin = command === 'create-admin';
  const role = (admin ? 'admin' : input.role) as Role;
  const regionCode = admin ? '320000' : (input.regionCode ?? '');
  const displayName = (input.displayName ?? (admin ? '系统管理员' : '')).trim();
  const username = input.username.trim();
  if (!username || !displayName) {
    throw new CliAccountError('请用 --username 填写用户名，并用 --name 填写显示名称。');
  }
  if (!ROLES.includes(role) || role === 'enterprise') {
    throw new CliAccountError(
      `角色“${input.role ?? ''}”不正确，请用 --role 填写 county_reviewer、city_reviewer、province 或 admin（企业账号请在平台注册）。`,
    );
  }
  const expected = LEVEL_OF[role];
  const region = findRegion(regionCode);
  if (!region || region.level !== expected.level) {
    throw new CliAccountError(
      `地区代码“${regionCode}”与角色 ${role} 不符，请用 --region 填写${expected.label}。`,
    );
  }
  return {
    username,
    role,
    regionCode,
    regionName: region.name,
    displayName,
    // create-user: the operator typed this password for someone else, who chooses their own at first login.
    mustChangePassword: !admin,
  };
}

/**
 * Checks and inserts the account. create-user makes an account for someone else with a password the operator
 * typed, so its holder must choose their own at first login (mustChangePassword); create-admin is the operator's
 * own administrator account, whose password they chose themselves.
 */
export async function createCliAccount(
  db: DbOrTx,
  command: CliAccountCommand,
  input: CliAccountInput,
): Promise<CliAccount> {
  const account = resolveCliAccount(command, input);
  const problem = passwordProblem(input.password, account.username);
  if (problem) throw new CliAccountError(`${problem}。请重新输入符合要求的密码。`);
  const { username } = account;
  if (await findUserByUsername(db, username)) {
    throw new CliAccountError(`用户名“${username}”已被使用，请换一个用户名。`);
  }
  try {
    const [row] = await db
      .insert(users)
      .values({
        username,
        passwordHash: await hashPassword(input.password),
        role: account.role,
        regionCode: account.regionCode,
        displayName: account.displayName,
        mustChangePassword: account.mustChangePassword,
      })
      .returning({ id: users.id });
    return { id: row!.id, ...account };
  } catch (err) {
    if (uniqueViolation(err) === 'users_username_uq') {
      throw new CliAccountError(`用户名“${username}”已被使用，请换一个用户名。`);
    }
    throw err;
  }
}
