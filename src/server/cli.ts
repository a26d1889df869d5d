import readline from 'node:readline/promises';
import { maskMobile } from '../shared/pii';
import { passwordProblem } from '../shared/schemas/fields';
import { loadConfig } from './config';
import { openDatabase } from './db/client';
import { DataDirLockedError } from './db/dir-lock';
import {
  CliAccountError,
  createCliAccount,
  resetSecondFactorFromCli,
  resolveCliAccount,
} from './modules/admin/cli-accounts';
import { describeChainReport, sealAuditChain, verifyAuditChain } from './services/audit-chain';
import {
  AuditArchiveError,
  describeArchiveVerification,
  runAuditArchive,
  verifyArchive,
} from './services/audit-archive';
import { backup, restore } from './services/backup';
import { createStorage } from './services/storage';

const USAGE = `用法 Usage:
  npm run cli -- create-user --username NAME --role ROLE --region CODE --name 显示名称 [--mobile 手机号]
      ROLE: county_reviewer | city_reviewer | province | admin | security_admin | audit_admin
      CODE: 县级/设区市代码，如 320583、320500；省与管理员用 320000
  npm run cli -- create-admin --username NAME --mobile 手机号
      生产环境中管理员与省级用户登录须使用第二因素（登录短信验证码发至 --mobile，或绑定身份验证器）。
  npm run cli -- reset-second-factor --username NAME [--mobile 手机号]
      解除该账号绑定的身份验证器（并可登记新的手机号），强制退出其所有登录，记入审计日志。
  npm run cli -- audit-verify
      校验审计日志哈希链；发现被修改、删除或插入的记录时指出第一条并以状态 1 退出；
      有记录超过 5 分钟仍未封链（后台封链未运行）时也以状态 1 退出。
  npm run cli -- audit-seal
      立即把已写入、尚未封链的审计记录接入哈希链（平台服务每秒自动进行）。
  npm run cli -- audit-archive
      把早于在线保存期（AUDIT_RETENTION_DAYS，不少于 180 天）的整月审计记录导出为签名归档
      （存储中的 audit-archive/YYYY-MM/），读回校验通过后再从数据库删除。建议每日定时运行。
  npm run cli -- audit-archive-verify --month YYYY-MM
      校验一个月的审计归档（签名、SHA-256、哈希链）；不符时以状态 1 退出。
  npm run cli -- backup FILE
      PostgreSQL：pg_dump 自定义格式；嵌入式数据库：数据目录归档（需先停止平台）。
      本地文件存储时，上传文件另存为 FILE.files.tar.gz。
  npm run cli -- restore FILE [--force]
      PostgreSQL：pg_restore --clean 到 DATABASE_URL（请先停止所有应用进程）；
      嵌入式数据库：恢复到空的 DATA_DIR（--force 先把现有数据库目录改名保留）。
The password is read from NEW_PASSWORD or asked for on the terminal.`;

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function readPassword(): Promise<string> {
  if (process.env.NEW_PASSWORD) return process.env.NEW_PASSWORD;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question('密码 Password: ');
  } finally {
    rl.close();
  }
}

/** Government accounts are created by an administrator; in production the first administrator comes from here. */
async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'backup' || command === 'restore') return backupCommand(command, args);
  if (command === 'audit-verify') return auditVerifyCommand();
  if (command === 'audit-seal') return auditSealCommand();
  if (command === 'audit-archive' || command === 'audit-archive-verify')
    return auditArchiveCommand(command, args);
  if (command === 'reset-second-factor') return resetSecondFactorCommand(args);
  if (command !== 'create-user' && command !== 'create-admin') {
    console.log(USAGE);
    process.exit(command ? 1 : 0);
  }
  const input = {
    username: arg(args, 'username') ?? '',
    role: arg(args, 'role'),
    regionCode: arg(args, 'region'),
    displayName: arg(args, 'name'),
    mobile: arg(args, 'mobile'),
  };
  if (
    !input.username ||
    (command === 'create-user' && (!input.role || !input.regionCode || !input.displayName))
  ) {
    console.error(USAGE);
    process.exit(1);
  }
  // Role, region and name are checked before the password is asked for; the password before the database opens.
  resolveCliAccount(command, input);
  const password = await readPassword();
  const problem = passwordProblem(password);
  if (problem) throw new CliAccountError(`${problem}。请重新输入符合要求的密码。`);

  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
  );
  try {
    const account = await createCliAccount(database.db, command, { ...input, password });
    console.log(
      `已创建账号 ${account.username}（${account.role}，${account.regionName}）` +
        (account.mustChangePassword ? '。请把初始密码告知账号使用人，其首次登录时须先修改密码。' : ''),
    );
  } finally {
    await database.close();
  }
}

/** backup FILE | restore FILE [--force]; exit 1 with the message on failure, 2 when the data directory is in use. */
async function backupCommand(command: 'backup' | 'restore', args: string[]): Promise<void> {
  const file = args.find((a) => !a.startsWith('--'));
  if (!file) {
    console.error(USAGE);
    process.exit(1);
  }
  const config = loadConfig();
  try {
    const report =
      command === 'backup'
        ? await backup(config, file)
        : await restore(config, file, { force: args.includes('--force') });
    for (const line of report.lines) console.log(line);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

/** reset-second-factor --username NAME [--mobile M]: the recovery when no security administrator can act. */
async function resetSecondFactorCommand(args: string[]): Promise<void> {
  const username = arg(args, 'username');
  if (!username) {
    console.error(USAGE);
    process.exit(1);
  }
  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
  );
  try {
    const done = await resetSecondFactorFromCli(database.db, config.auditKey, {
      username,
      mobile: arg(args, 'mobile'),
    });
    console.log(
      `已解除账号 ${done.username} 的身份验证器并强制退出其所有登录` +
        (done.mobile
          ? `；登录短信验证码将发至 ${maskMobile(done.mobile)}。`
          : '；该账号未登记手机号，请用 --mobile 登记。'),
    );
  } finally {
    await database.close();
  }
}

/** audit-seal: chains the rows written but not sealed yet (the server does it every second). */
async function auditSealCommand(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
  );
  try {
    const r = await sealAuditChain(database.db, config.auditKey);
    console.log(
      r.busy
        ? `已有平台进程正在封链（本次封链 ${r.sealed} 条）；稍后可运行 audit-verify 查看结果。`
        : `已封链 ${r.sealed} 条审计记录。`,
    );
  } finally {
    await database.close();
  }
}

/** audit-verify: exit 0 when every chain verifies, 1 naming the first broken row. */
async function auditVerifyCommand(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
  );
  try {
    const report = await verifyAuditChain(database.db, config.auditKey);
    for (const line of describeChainReport(report)) console.log(line);
    if (!report.ok) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

/** audit-archive / audit-archive-verify: exit 1 when a month cannot be archived or an archive does not verify. */
async function auditArchiveCommand(command: string, args: string[]): Promise<void> {
  const config = loadConfig();
  const month = arg(args, 'month');
  if (command === 'audit-archive-verify' && !month) {
    console.error(USAGE);
    process.exit(1);
  }
  const storage = await createStorage(config);
  const database =
    command === 'audit-archive'
      ? await openDatabase(
          config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir },
        )
      : null;
  try {
    const lines = database
      ? await runAuditArchive(database.db, storage, config.auditKey, new Date(), config.auditRetentionDays)
      : await verifyArchive(storage, config.auditKey, month!).then((v) => {
          if (!v.ok) process.exitCode = 1;
          return describeArchiveVerification(v);
        });
    for (const line of lines) console.log(line);
  } catch (err) {
    if (err instanceof AuditArchiveError) {
      console.error(err.message);
      process.exitCode = 1;
      return;
    }
    throw err;
  } finally {
    await database?.close();
    (storage as Partial<{ destroy(): void }>).destroy?.();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
