/**
 * Government accounts created from the command line (`npm run cli -- create-user | create-admin`), kept out of
 * cli.ts (a process entry that exits) so it can be tested against a database.
 */
import { ROLES, type Role } from '../../../shared/permissions';
import { maskMobile } from '../../../shared/pii';
import { findRegion } from '../../../shared/regions';
import { passwordProblem } from '../../../shared/schemas/fields';
import type { DbOrTx } from '../../db/client';
import { eq } from 'drizzle-orm';
import { sessions, users } from '../../db/schema';
import { appendAudit } from '../../services/audit-chain';
import { hashPassword } from '../../services/passwords';
import { findUserByUsername, uniqueViolation } from '../auth/common';

const MOBILE = /^1[3-9]\d{9}$/;

export type CliAccountCommand = 'create-user' | 'create-admin';

export interface CliAccountInput {
  username: string;
  /** create-user only; create-admin always makes an 'admin'. */
  role?: string;
  /** create-user only; create-admin always binds the province (320000). */
  regionCode?: string;
  displayName?: string;
  /** The registered mobile: where the login SMS code goes (the second factor in production). */
  mobile?: string;
  password: string;
}

export interface CliAccount {
  id: string;
  username: string;
  role: Role;
  regionCode: string;
  regionName: string;
  displayName: string;
  mobile: string | null;
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
  const mobile = input.mobile?.trim() || null;
  if (mobile !== null && !MOBILE.test(mobile)) {
    throw new CliAccountError(`手机号“${mobile}”不正确，请用 --mobile 填写 11 位手机号，如 13812345678。`);
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
    mobile,
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
        mobile: account.mobile,
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

/**
 * The break-glass recovery of a second factor (docs/security/dengbao-level3.md): the operator on the server
 * removes a user's authenticator app and, with `--mobile`, registers the mobile the login SMS code goes to —
 * for the security administrator's own account, or when no other security administrator can act. Every
 * session of the user ends; the audit log records it as done from the command line.
 */
export async function resetSecondFactorFromCli(
  db: DbOrTx,
  auditKey: string,
  input: { username: string; mobile?: string },
  now: Date = new Date(),
): Promise<{ username: string; mobile: string | null }> {
  const user = await findUserByUsername(db, input.username.trim());
  if (!user || user.role === 'enterprise') {
    throw new CliAccountError(`没有名为“${input.username}”的工信部门账号，请核对 --username。`);
  }
  const mobile = input.mobile?.trim() || null;
  if (mobile !== null && !MOBILE.test(mobile)) {
    throw new CliAccountError(`手机号“${mobile}”不正确，请用 --mobile 填写 11 位手机号，如 13812345678。`);
  }
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        totpSecret: null,
        totpPendingSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
        ...(mobile ? { mobile } : {}),
      })
      .where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await appendAudit(tx, auditKey, {
      at: now,
      action: 'cli.reset_second_factor',
      success: true,
      userId: null,
      username: 'cli',
      role: null,
      targetType: 'user',
      targetId: user.id,
      ip: null,
      userAgent: null,
      requestId: null,
      details: {
        username: user.username,
        hadTotp: user.totpSecret !== null,
        mobile: maskMobile(mobile),
      },
    });
  });
  return { username: user.username, mobile: mobile ?? user.mobile };
}
