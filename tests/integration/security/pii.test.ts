/**
 * Personal information (issue 17 item 5, ADR 0025): no response of the review queue, its Excel export, the review
 * page or the server log holds a whole mobile number; the audited reveal answers the number to a reviewer of the
 * region (200 + audit row) and refuses anyone else (403 + audited refusal).
 */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { auditEvents, enterprises } from '../../../src/server/db/schema';
import { ensureDefaultCampaign } from '../../../src/server/modules/campaigns/service';
import { ManualClock } from '../../../src/server/services/clock';
import { maskMobile, maskMobilesInText, maskPhone } from '../../../src/shared/pii';
import type { ReviewDetail } from '../../../src/shared/schemas/review-api';
import { createPersonas, type Personas } from '../../helpers/personas';
import { createTestApp, type TestApp } from '../../helpers/test-app';
import { zipText } from '../../helpers/zip-text';
import { IN_WINDOW, YEAR } from '../filings/flow';
import { createGovUser, expectStatus, insertSubmitted } from '../review/helpers';

const lines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _enc, done) {
    lines.push(chunk.toString('utf8'));
    done();
  },
});

/** The numbers filed: contact, legal representative, a contact "landline" that is a mobile, last year's. */
const CONTACT = '13955501234';
const LEGAL = '13955505678';
const PHONE = '18655509999';
const OLD_CONTACT = '15955504321';

let t: TestApp;
let p: Personas;
let filingId: string;
let updateId: string;
let known: string[];
let wjMobile: string;
let ksMobile: string;

beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock(new Date(IN_WINDOW)), logStream });
  await ensureDefaultCampaign(t.ctx, YEAR);
  p = await createPersonas(t);
  const numbers = (s: Record<string, Record<string, unknown>>, contact: string) => {
    s.basic!['contact'] = { ...(s.basic!['contact'] as object), mobile: contact, phone: PHONE };
    s.basic!['legalRepresentative'] = { ...(s.basic!['legalRepresentative'] as object), mobile: LEGAL };
  };
  const entry = await insertSubmitted(t, {
    enterprise: p.ksEnterprise,
    countyCode: '320583',
    edit: (s) => numbers(s, CONTACT),
  });
  filingId = entry.id;
  // A 数据更新 whose contact changed since last year's approved filing: the comparison holds both numbers.
  const wj = p.wjEnterprise;
  await insertSubmitted(t, {
    enterprise: wj,
    countyCode: '320509',
    year: YEAR - 1,
    status: 'approved',
    edit: (s) => numbers(s, OLD_CONTACT),
  });
  const update = await insertSubmitted(t, {
    enterprise: wj,
    countyCode: '320509',
    kind: 'update',
    edit: (s) => numbers(s, CONTACT),
  });
  updateId = update.id;
  const registered = await t.ctx.db
    .select({ id: enterprises.id, m: enterprises.contactMobile })
    .from(enterprises);
  wjMobile = registered.find((r) => r.id === wj.enterpriseId)!.m;
  ksMobile = registered.find((r) => r.id === p.ksEnterprise.enterpriseId)!.m;
  known = [CONTACT, LEGAL, PHONE, OLD_CONTACT, ...registered.map((r) => r.m)];
});
afterAll(async () => {
  await t.close();
});

function expectNoWholeNumber(text: string, where: string): void {
  for (const m of known) {
    if (text.includes(m)) throw new Error(`${where} holds the whole mobile ${maskMobile(m)}`);
  }
}

describe('masked everywhere', () => {
  it('the review queue, its export and the review page never hold a whole number', async () => {
    for (const reviewer of [p.ksCounty, p.wjCounty, p.szCity, p.province]) {
      for (const scope of ['mine', 'all']) {
        const queue = await reviewer.client.get(`/api/v1/review/queue?scope=${scope}`);
        expectStatus(queue, 200);
        if (scope === 'all') expect(queue.json().items.length).toBeGreaterThan(0);
        expectNoWholeNumber(queue.body, `the ${scope} queue of ${reviewer.username}`);
        const xlsx = await reviewer.client.get(`/api/v1/review/export.xlsx?scope=${scope}`);
        expectStatus(xlsx, 200);
        const text = zipText(xlsx.rawPayload);
        expect(text).toContain('统一社会信用代码');
        expectNoWholeNumber(text, `the ${scope} export of ${reviewer.username}`);
      }
    }

    // The lists do carry the enterprise's mobile, masked (the follow-up 手机 column): the search above is not vacuous.
    const all = await p.ksCounty.client.get('/api/v1/review/queue?scope=all');
    const item = (all.json().items as { id: string; contactMobileMasked: string | null }[]).find(
      (i) => i.id === filingId,
    );
    expect(item?.contactMobileMasked).toBe(maskMobile(ksMobile));
    const sheet = zipText((await p.ksCounty.client.get('/api/v1/review/export.xlsx?scope=all')).rawPayload);
    expect(sheet).toContain(item!.contactMobileMasked!);

    const res = await p.ksCounty.client.get(`/api/v1/review/filings/${filingId}`);
    expectStatus(res, 200);
    expectNoWholeNumber(res.body, 'the review page');
    const basic = (res.json() as ReviewDetail).sections.basic;
    expect(basic['contact']).toMatchObject({ mobile: '139****1234', phone: '186****9999' });
    expect(basic['legalRepresentative']).toMatchObject({ mobile: '139****5678' });

    const filing = await p.szCity.client.get(`/api/v1/filings/${filingId}`);
    expectStatus(filing, 200);
    expectNoWholeNumber(filing.body, 'the read-only filing');
    expect(filing.json().sections.basic.data.contact.mobile).toBe('139****1234');
  });

  it('the 数据更新 comparison shows a changed number as changed, both sides masked', async () => {
    const res = await p.wjCounty.client.get(`/api/v1/review/filings/${updateId}`);
    expectStatus(res, 200);
    expectNoWholeNumber(res.body, 'the update comparison');
    const row = (res.json() as ReviewDetail).comparison!.fields.find((f) => f.path === 'contact.mobile');
    expect(row).toMatchObject({ changed: true, previous: '159****4321', current: '139****1234' });
    // The read-only filing carries last year's sections too: masked as well.
    const filing = await p.wjCounty.client.get(`/api/v1/filings/${updateId}`);
    expectStatus(filing, 200);
    expect(filing.json().previous.sections.basic.contact.mobile).toBe('159****4321');
    expectNoWholeNumber(filing.body, 'the read-only 数据更新');
  });

  it('the enterprise reads its own filing whole', async () => {
    const own = await p.ksEnterprise.client.get(`/api/v1/filings/${filingId}`);
    expectStatus(own, 200);
    expect(own.json().sections.basic.data.contact.mobile).toBe(CONTACT);
  });

  it('a log line never holds a whole number, whatever logged it', async () => {
    // What an error log would carry: a database error naming the value, a job payload.
    t.app.log.error(
      { err: new Error(`duplicate key: Key (contact_mobile)=(${CONTACT}) already exists.`) },
      'unhandled error',
    );
    t.app.log.info({ job: { payload: { mobile: LEGAL, template: 'filing_returned' } } }, 'job failed');
    await new Promise((r) => setTimeout(r, 50));
    const log = lines.join('');
    expect(log).toContain('139****1234');
    expect(log).toContain('139****5678');
    expect(log).toContain('"path":"/api/v1/review/queue"');
    expectNoWholeNumber(log, 'the server log');
  });

  it('masks numbers inside text but not longer digit runs', () => {
    expect(maskMobilesInText('手机 13812345678，流水 1381234567890')).toBe(
      '手机 138****5678，流水 1381234567890',
    );
    expect(maskMobile(' 13812345678 ')).toBe('138****5678');
    expect(maskMobile('')).toBeNull();
    expect(maskMobile('12345')).toBe('****');
    expect(maskPhone('13905120000')).toBe('139****0000');
    expect(maskPhone('025-83780780')).toBe('025-****0780');
    expect(maskPhone('051257001234')).toBe('0512-****1234');
    expect(maskPhone('abc')).toBe('****');
  });
});

describe('the audited reveal', () => {
  type Who = Exclude<keyof Personas, 'anonymous'>;
  const reveal = (who: Who, body: Record<string, unknown>) => p[who].client.post('/api/v1/pii/reveal', body);
  const rowsOf = (action: string, userId: string) =>
    t.ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.userId, userId)));

  it('answers a reviewer of the region the whole number and audits it, the enterprise as target', async () => {
    const res = await reveal('ksCounty', {
      targetType: 'filing',
      targetId: filingId,
      field: 'contact.mobile',
    });
    expectStatus(res, 200);
    expect(res.json()).toEqual({
      value: CONTACT,
      label: '联系人手机',
      enterpriseName: p.ksEnterprise.displayName,
    });
    const [row] = await rowsOf('pii.reveal', p.ksCounty.userId);
    expect(row).toMatchObject({
      success: true,
      targetType: 'enterprise',
      targetId: p.ksEnterprise.enterpriseId,
      details: { field: 'contact.mobile', fieldLabel: '联系人手机', filingId, masked: '139****1234' },
    });
    expect(JSON.stringify(row!.details)).not.toContain(CONTACT);

    const legal = await reveal('szCity', {
      targetType: 'filing',
      targetId: filingId,
      field: 'legalRepresentative.mobile',
    });
    expect(legal.json().value).toBe(LEGAL);
    const ent = await reveal('province', {
      targetType: 'enterprise',
      targetId: p.wjEnterprise.enterpriseId,
      field: 'contactMobile',
    });
    expectStatus(ent, 200);
    expect(ent.json().value).toBe(wjMobile);
  });

  it('refuses another region with 403 and audits the refusal', async () => {
    const res = await reveal('wjCounty', {
      targetType: 'filing',
      targetId: filingId,
      field: 'contact.mobile',
    });
    expectStatus(res, 403);
    expect(res.json().message).toContain('不在您的管辖范围内');
    expectNoWholeNumber(res.body, 'the refusal');
    const ent = await reveal('wjCounty', {
      targetType: 'enterprise',
      targetId: p.ksEnterprise.enterpriseId,
      field: 'contactMobile',
    });
    expectStatus(ent, 403);
    const rows = await rowsOf('pii.reveal_denied', p.wjCounty.userId);
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => !r.success && r.targetId === p.ksEnterprise.enterpriseId)).toBe(true);
    expect(await rowsOf('pii.reveal', p.wjCounty.userId)).toHaveLength(0);
  });

  it('refuses the administrators and the enterprises (三员分立), audited', async () => {
    for (const who of ['admin', 'securityAdmin', 'auditAdmin', 'wjEnterprise'] as const) {
      const res = await reveal(who, {
        targetType: 'enterprise',
        targetId: p.ksEnterprise.enterpriseId,
        field: 'contactMobile',
      });
      expectStatus(res, 403);
      expect(await rowsOf('pii.reveal_denied', p[who].userId)).toHaveLength(1);
    }
  });

  it('answers 404 for a record that does not exist and 400 for a field the record does not have', async () => {
    const none = await reveal('province', {
      targetType: 'enterprise',
      targetId: '00000000-0000-4000-8000-00000000abcd',
      field: 'contactMobile',
    });
    expectStatus(none, 404);
    const bad = await reveal('province', {
      targetType: 'enterprise',
      targetId: p.ksEnterprise.enterpriseId,
      field: 'contact.mobile',
    });
    expectStatus(bad, 400);
    expect(bad.json().fieldErrors.field).toBeTruthy();
  });

  it('the audit administrator reads the reveals in Chinese, the enterprise named', async () => {
    const res = await p.auditAdmin.client.get(
      `/api/v1/admin/audit?action=pii.*&targetId=${p.ksEnterprise.enterpriseId}`,
    );
    expectStatus(res, 200);
    const items = res.json().items as { actionLabel: string; targetName: string; success: boolean }[];
    expect(new Set(items.map((i) => i.actionLabel))).toEqual(
      new Set(['查看完整手机号', '查看完整手机号被拒绝']),
    );
    expect(items.every((i) => i.targetName === p.ksEnterprise.displayName)).toBe(true);
    expectNoWholeNumber(res.body, 'the audit log page');
  });

  it('limits each reviewer to 60 reveals a minute, not the others', async () => {
    const sz2 = await createGovUser(t, 'city_reviewer', '320500', '苏州市工信局审核员（二）');
    const body = { targetType: 'enterprise', targetId: p.ksEnterprise.enterpriseId, field: 'contactMobile' };
    for (let i = 0; i < 60; i++) expectStatus(await sz2.client.post('/api/v1/pii/reveal', body), 200);
    const limited = await sz2.client.post('/api/v1/pii/reveal', body);
    expectStatus(limited, 429);
    expect(limited.json().message).toMatch(/^查看完整号码过于频繁，请在 \d+ 秒后再试。$/);
    expectStatus(await p.szCity.client.post('/api/v1/pii/reveal', body), 200);
  });

  it('keeps whole numbers out of the audit log', async () => {
    const all = await t.ctx.db.select().from(auditEvents);
    expect(all.length).toBeGreaterThan(5);
    expectNoWholeNumber(JSON.stringify(all), 'the audit log');
  });
});

describe('the enterprise downloads its own data', () => {
  it('an Excel file with Chinese labels, the numbers whole, audited', async () => {
    const res = await p.ksEnterprise.client.get('/api/v1/account/my-data.xlsx');
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1]!)).toBe(
      `本企业个人信息_${p.ksEnterprise.displayName}_20230301.xlsx`,
    );
    expect(res.headers['cache-control']).toBe('private, no-store');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['账号信息', '企业注册信息', '填报中的联系人', '说明']);
    const pairs = (name: string) =>
      Object.fromEntries(
        wb
          .getWorksheet(name)!
          .getSheetValues()
          .slice(2)
          .map((r) => [(r as unknown[])[1], (r as unknown[])[2]]),
      );
    const [ks] = await t.ctx.db
      .select({ m: enterprises.contactMobile })
      .from(enterprises)
      .where(eq(enterprises.id, p.ksEnterprise.enterpriseId!));
    expect(pairs('账号信息')).toMatchObject({ 用户名: p.ksEnterprise.username, 手机号码: ks!.m });
    expect(pairs('企业注册信息')).toMatchObject({
      企业名称: p.ksEnterprise.displayName,
      注册地: '苏州市昆山市',
      联系人手机: ks!.m,
      在库状态: '未入库',
    });
    const contacts = wb.getWorksheet('填报中的联系人')!;
    expect((contacts.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['批次', '填报类型', '状态']);
    const header = (contacts.getRow(1).values as unknown[]).slice(1);
    const row = (contacts.getRow(2).values as unknown[]).slice(1);
    expect(contacts.actualRowCount).toBe(2);
    expect(row[header.indexOf('联系人手机')]).toBe(CONTACT);
    expect(row[header.indexOf('法定代表人手机')]).toBe(LEGAL);
    expect(row[header.indexOf('状态')]).toBe('待县区审核');
    // Another enterprise's filings are not in it.
    expect(zipText(res.rawPayload)).not.toContain(OLD_CONTACT);

    const [audit] = await t.ctx.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'account.data_export'), eq(auditEvents.userId, p.ksEnterprise.userId)),
      );
    expect(audit).toMatchObject({
      success: true,
      targetType: 'enterprise',
      targetId: p.ksEnterprise.enterpriseId,
      details: { filings: 1 },
    });
  });

  it('is the enterprise’s only: a reviewer or an administrator gets 403', async () => {
    for (const who of [p.ksCounty, p.admin, p.auditAdmin]) {
      expectStatus(await who.client.get('/api/v1/account/my-data.xlsx'), 403);
    }
  });
});
