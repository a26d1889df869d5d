import fs from 'node:fs';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { smsOutbox } from '../../src/server/db/schema';
import { runDueJobs } from '../../src/server/services/jobs';
import { usccCheckChar, orgCodeCheckChar } from '../../src/shared/rules/uscc';
import { pngBuffer } from './images';
import type { TestApp, TestClient } from './test-app';

/** A valid enterprise 统一社会信用代码 (prefix 91, 320583 authority), distinct per `n`. */
export function makeUscc(n: number): string {
  const body8 = `MA${String(n).padStart(6, '0')}`;
  const first17 = `91320583${body8}${orgCodeCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
}

let seq = 0;
/** A fresh username / mobile / credit code for one test. */
export function uniqueIdentity() {
  seq += 1;
  const n = (process.pid % 1000) * 1000 + seq;
  return {
    username: `qiye_${n}`,
    contactMobile: `139${String(n).padStart(8, '0')}`,
    uscc: makeUscc(n),
  };
}

export const PASSWORD = 'Qiye#Lvse2024';

export function registerFields(overrides: Record<string, string> = {}): Record<string, string> {
  const id = uniqueIdentity();
  return {
    username: id.username,
    password: PASSWORD,
    passwordConfirm: PASSWORD,
    enterpriseName: '苏州测试精密机械有限公司',
    uscc: id.uscc,
    contactName: '张三',
    contactMobile: id.contactMobile,
    ...overrides,
  };
}

/** A fresh captcha and its answer (via the test-mode hook). */
export async function captcha(client: TestClient): Promise<{ captchaId: string; captchaAnswer: string }> {
  const res = await client.get('/api/v1/captcha');
  const { captchaId } = res.json() as { captchaId: string };
  const hook = await client.get(`/api/v1/test/captcha/${captchaId}`);
  return { captchaId, captchaAnswer: (hook.json() as { answer: string }).answer };
}

/**
 * The newest SMS to a mobile, read from the outbox table once due jobs have run (notices such as the username
 * reminder and "password changed" go through the job outbox; verification codes are sent at once).
 */
export async function lastSms(
  t: TestApp,
  mobile: string,
): Promise<{ body: string; template: string } | undefined> {
  await runDueJobs(t.ctx);
  const [row] = await t.ctx.db
    .select()
    .from(smsOutbox)
    .where(eq(smsOutbox.mobile, mobile))
    .orderBy(desc(smsOutbox.id))
    .limit(1);
  return row;
}

export async function lastSmsCode(t: TestApp, mobile: string): Promise<string> {
  const sms = await lastSms(t, mobile);
  const m = /验证码 (\d{6})/.exec(sms?.body ?? '');
  if (!m) throw new Error(`no code sent to ${mobile}`);
  return m[1]!;
}

export interface FilePart {
  name?: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** A multipart/form-data body built by hand (what a browser sends). */
export function multipart(fields: Record<string, string>, file?: FilePart | FilePart[]) {
  const boundary = `----vitest${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of file ? (Array.isArray(file) ? file : [file]) : []) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.name ?? 'licence'}"; filename="${f.filename ?? 'licence.png'}"\r\nContent-Type: ${f.contentType ?? 'image/png'}\r\n\r\n`,
      ),
      f.data,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export function postMultipart(
  client: TestClient,
  url: string,
  fields: Record<string, string>,
  file?: FilePart | FilePart[],
) {
  const { payload, headers } = multipart(fields, file);
  return client.request('POST', url, { payload, headers });
}

/** Requests the registration SMS code for `fields` (captcha included) and returns the code from the outbox. */
export async function requestRegisterCode(
  t: TestApp,
  client: TestClient,
  fields: Record<string, string>,
): Promise<string> {
  const res = await client.post('/api/v1/auth/register/sms-code', { ...fields, ...(await captcha(client)) });
  if (res.statusCode !== 200) throw new Error(`sms-code failed: ${res.statusCode} ${res.body}`);
  return lastSmsCode(t, fields.contactMobile!);
}

/** Registers an enterprise end to end; returns the form used. The client ends up logged in. */
export async function registerEnterprise(
  t: TestApp,
  client: TestClient,
  overrides: Record<string, string> = {},
) {
  const fields = registerFields(overrides);
  const smsCode = await requestRegisterCode(t, client, fields);
  const res = await postMultipart(
    client,
    '/api/v1/auth/register',
    { ...fields, smsCode },
    { data: await pngBuffer() },
  );
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return { fields, res };
}

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    n += e.isDirectory() ? countFiles(path.join(dir, e.name)) : 1;
  }
  return n;
}

/** Rows in the account tables and files in the storage directory: compared before/after refused requests. */
export async function snapshot(t: TestApp) {
  const rows = await t.ctx.database.query<{ u: number; e: number; f: number; s: number }>(
    `select (select count(*)::int from users) u, (select count(*)::int from enterprises) e,
            (select count(*)::int from files) f, (select count(*)::int from sessions) s`,
  );
  return { ...rows[0]!, stored: countFiles(t.config.storageDir) };
}

export async function auditActions(t: TestApp): Promise<string[]> {
  const rows = await t.ctx.database.query<{ action: string }>('select action from audit_events order by id');
  return rows.map((r) => r.action);
}
