/**
 * The access table: for every API route of the app, the answer each persona gets. A number is the exact HTTP
 * status (401, 403 and 404 also fix the error code: UNAUTHENTICATED, FORBIDDEN, NOT_FOUND); 'allowed' means the
 * request passed authentication and authorisation and reached the business rules — any answer but 401, 403, 404
 * or a server error (used where the business answer depends on the record's state, e.g. 409 for a list already in
 * publicity).
 *
 * Records (world.ts): enterprise A (昆山 320583, 苏州 320500) has a submitted filing pending at the 昆山 county,
 * with attachments; enterprise B is in 吴江 (320509). The 苏州 list is in publicity with one public objection.
 * Out-of-region records answer 404 NOT_FOUND (ADR 0004), a role that never may use a route answers 403.
 */
import { inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { filings } from '../../../src/server/db/schema';
import { SAMPLE_ENTERPRISE_NAME } from '../../../src/shared/filing/fixtures';
import { realPdf } from '../../helpers/files';
import { freshKsFiling, PERSONA_PASSWORD, PERSONAS, type PersonaKey, type Req, type World } from './world';

export type Expected = number | 'allowed';
export type Expectations = Record<PersonaKey, Expected>;

export interface Row {
  /** "METHOD /path/:param" exactly as the route is registered. */
  route: string;
  request: (w: World, who: PersonaKey) => Req | Promise<Req>;
  expect: Expectations;
  /** State-changing: every denied persona is asked first and the database must be unchanged afterwards. */
  mutates?: boolean;
  /** Make the request with a new session of the persona (the request ends its session). */
  ownSession?: boolean;
  /** More assertions on the answer (e.g. what a list or an export contains for this persona). */
  check?: (res: LightMyRequestResponse, who: PersonaKey, w: World) => void | Promise<void>;
}

type Group =
  | 'entA'
  | 'entB'
  | 'ent'
  | 'ks'
  | 'wj'
  | 'sz'
  | 'nj'
  | 'county'
  | 'city'
  | 'province'
  | 'admin'
  | 'secAdmin'
  | 'auditAdmin';
const GROUPS: Record<Group, PersonaKey[]> = {
  entA: ['entA'],
  entB: ['entB'],
  ent: ['entA', 'entB'],
  ks: ['ksCounty'],
  wj: ['wjCounty'],
  sz: ['szCity'],
  nj: ['njCity'],
  county: ['ksCounty', 'wjCounty'],
  city: ['szCity', 'njCity'],
  province: ['province'],
  admin: ['admin'],
  secAdmin: ['secAdmin'],
  auditAdmin: ['auditAdmin'],
};

/** Everyone, the anonymous visitor included, gets `status`. */
function everyone(status: Expected): Expectations {
  return Object.fromEntries(PERSONAS.map((p) => [p, status])) as Expectations;
}
/** Every signed-in persona gets `status`; the anonymous visitor 401. */
function signedIn(status: Expected): Expectations {
  return { ...everyone(status), anon: 401 };
}
/** Only the listed groups get `status`; other signed-in personas 403, anonymous 401. */
function only(status: Expected, ...groups: Group[]): Expectations {
  const e = signedIn(403);
  for (const g of groups) for (const p of GROUPS[g]) e[p] = status;
  return e;
}
function set(e: Expectations, status: Expected, ...groups: Group[]): Expectations {
  const out = { ...e };
  for (const g of groups) for (const p of GROUPS[g]) out[p] = status;
  return out;
}

/**
 * Enterprise A's filing: A, 昆山, 苏州 and the province read it; B, 吴江 and 南京 do not find it, and neither do
 * the three administrators, who cover no region (三员分立: none of them reads filings).
 */
const filingOfA = (status: Expected) => set(signedIn(404), status, 'entA', 'ks', 'sz', 'province');
/** Review side of enterprise A's filing: enterprises and the three administrators may not use it. */
const reviewOfA = (status: Expected) => set(filingOfA(status), 403, 'ent', 'admin', 'secAdmin', 'auditAdmin');
/** The 苏州 list: 苏州 and the province; 南京 does not find it; counties, enterprises and administrators may not. */
const suzhouList = (status: Expected) => set(only(status, 'sz', 'province'), 404, 'nj');

/** The departments that read business data; the system administrator is not one of them (三员分立). */
const GOV: Group[] = ['county', 'city', 'province'];
/** Government users whose region covers 昆山. */
const GOV_OVER_KS: PersonaKey[] = ['ksCounty', 'szCity', 'province'];

const get = (url: string | ((w: World) => string)) => (w: World) => ({
  url: typeof url === 'string' ? url : url(w),
});

async function sheetRows(res: LightMyRequestResponse): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => cells.push(JSON.stringify(row.values))));
  return cells.join('\n');
}

/** An approved 昆山 filing's enterprise (world.ts): in the 苏州 exchange exports, not in 南京's. */
const APPROVED_KS = '昆山访问矩阵智造科技有限公司';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Enterprise A's name as its filing and the exports show it. */
const A_NAME = SAMPLE_ENTERPRISE_NAME;

const CAMPAIGN_2031 = {
  year: 2031,
  kindsOpen: ['entry', 'update'],
  filingOpensAt: '2031-02-20T00:00:00+08:00',
  filingClosesAt: '2031-03-24T23:59:59+08:00',
  countyReviewDeadline: '2031-03-28T23:59:59+08:00',
  cityReviewDeadline: '2031-03-31T23:59:59+08:00',
  listDeadline: '2031-04-15T23:59:59+08:00',
  standardId: 'innovative-sme-2022',
};

const NO_CAPTCHA = { captchaId: '00000000-0000-4000-8000-000000000001', captchaAnswer: 'ABCD' };
const NOBODY = '00000000-0000-4000-8000-00000000abcd';

let userSeq = 0;

export const ROWS: Row[] = [
  // ------------------------------------------------------------------ health, documentation, captcha
  { route: 'GET /api/health', request: get('/api/health'), expect: everyone(200) },
  // Readiness: anyone (load balancers probe without credentials); it names checks, never data.
  { route: 'GET /api/ready', request: get('/api/ready'), expect: everyone(200) },
  // Metrics are for the monitoring system on this machine (or with METRICS_TOKEN), never for a user: the personas
  // come from other addresses and are refused whatever their role (tests/integration/operations/metrics.test.ts
  // covers the loopback and token cases).
  { route: 'GET /metrics', request: get('/metrics'), expect: everyone(403) },
  { route: 'GET /api/openapi.json', request: get('/api/openapi.json'), expect: everyone(200) },
  { route: 'GET /api/docs', request: get('/api/docs'), expect: everyone(200) },
  { route: 'GET /api/docs/', request: get('/api/docs/'), expect: everyone(200) },
  { route: 'GET /api/docs/json', request: get('/api/docs/json'), expect: everyone(200) },
  { route: 'GET /api/docs/yaml', request: get('/api/docs/yaml'), expect: everyone(200) },
  {
    route: 'GET /api/docs/static/index.html',
    request: get('/api/docs/static/index.html'),
    // Redirects to the documentation page.
    expect: everyone(302),
  },
  {
    route: 'GET /api/docs/static/swagger-initializer.js',
    request: get('/api/docs/static/swagger-initializer.js'),
    expect: everyone(200),
  },
  { route: 'GET /api/docs/*', request: get('/api/docs/static/swagger-ui.css'), expect: everyone(200) },
  { route: 'GET /api/v1/captcha', request: get('/api/v1/captcha'), expect: everyone(200) },

  // ------------------------------------------------------------------ accounts (open routes answer everyone alike)
  {
    route: 'GET /api/v1/auth/session',
    request: get('/api/v1/auth/session'),
    expect: everyone(200),
    check: (res, who) => expect(res.json().user === null).toBe(who === 'anon'),
  },
  {
    route: 'POST /api/v1/auth/register/sms-code',
    request: () => ({
      url: '/api/v1/auth/register/sms-code',
      json: {
        username: 'matrix_reg_user',
        password: PERSONA_PASSWORD,
        passwordConfirm: PERSONA_PASSWORD,
        enterpriseName: '访问矩阵注册测试有限公司',
        uscc: '91320583MA00000999',
        contactName: '陈晓燕',
        contactMobile: '13800001234',
        ...NO_CAPTCHA,
      },
    }),
    expect: everyone(400),
  },
  {
    route: 'POST /api/v1/auth/register/uscc-check',
    request: () => ({ url: '/api/v1/auth/register/uscc-check', json: { uscc: '91320583MA00000999' } }),
    // Open like the registration form; it answers registered-or-not and nothing else.
    expect: everyone(200),
    check: (res) => expect(res.json()).toEqual({ registered: false }),
  },
  {
    route: 'POST /api/v1/auth/register',
    request: () => ({
      url: '/api/v1/auth/register',
      file: {
        fields: { username: 'matrix_reg_user', smsCode: '000000' },
        file: { name: 'licence', filename: 'l.png', contentType: 'image/png', data: Buffer.from('x') },
      },
    }),
    expect: everyone(400),
  },
  {
    route: 'POST /api/v1/auth/login',
    // Logging in ends the session the request came with: use a session of its own.
    ownSession: true,
    request: (w) => ({
      url: '/api/v1/auth/login',
      json: { username: w.loginUser.username, password: PERSONA_PASSWORD },
    }),
    expect: everyone(200),
  },
  // Login step 2 (second factor): a token that was never issued is a form error for everyone.
  {
    route: 'POST /api/v1/auth/login/sms-code',
    request: () => ({ url: '/api/v1/auth/login/sms-code', json: { token: 'x' } }),
    expect: everyone(400),
  },
  {
    route: 'POST /api/v1/auth/login/second-factor',
    request: () => ({
      url: '/api/v1/auth/login/second-factor',
      json: { token: 'x', method: 'totp', code: '123456' },
    }),
    expect: everyone(400),
  },
  {
    route: 'POST /api/v1/auth/logout',
    ownSession: true,
    request: () => ({ url: '/api/v1/auth/logout' }),
    expect: everyone(204),
  },
  {
    route: 'POST /api/v1/auth/recover-username',
    request: () => ({
      url: '/api/v1/auth/recover-username',
      json: { uscc: '91320583MA00000999', mobile: '13800001234', ...NO_CAPTCHA },
    }),
    expect: everyone(400),
  },
  {
    route: 'POST /api/v1/auth/password-reset/sms-code',
    request: () => ({
      url: '/api/v1/auth/password-reset/sms-code',
      json: { username: 'matrix_nobody', ...NO_CAPTCHA },
    }),
    expect: everyone(400),
  },
  {
    route: 'POST /api/v1/auth/password-reset',
    request: () => ({
      url: '/api/v1/auth/password-reset',
      json: {
        username: 'matrix_nobody',
        smsCode: '000000',
        password: 'Xinmima#2023',
        passwordConfirm: 'Xinmima#2023',
      },
    }),
    expect: everyone(400),
  },
  {
    route: 'POST /api/v1/account/password',
    mutates: true,
    request: () => ({
      url: '/api/v1/account/password',
      json: { currentPassword: 'Wrong#Pass2023', password: 'Xinmima#2023', passwordConfirm: 'Xinmima#2023' },
    }),
    // A wrong current password: the handler was reached (400), nothing changed.
    expect: signedIn(400),
  },
  {
    route: 'GET /api/v1/account/my-data.xlsx',
    request: get('/api/v1/account/my-data.xlsx'),
    // The enterprise's own personal information (ADR 0025); nobody else has any to download here.
    expect: only(200, 'ent'),
    check: async (res, who, w) => {
      expect(await sheetRows(res)).toContain(w.personas[who as Exclude<PersonaKey, 'anon'>].username);
    },
  },
  {
    route: 'POST /api/v1/account/totp/setup',
    mutates: true,
    request: () => ({ url: '/api/v1/account/totp/setup', json: { currentPassword: 'Wrong#Pass2023' } }),
    // A wrong current password: no secret is made.
    expect: signedIn(400),
  },
  {
    route: 'POST /api/v1/account/totp/confirm',
    mutates: true,
    request: () => ({ url: '/api/v1/account/totp/confirm', json: { code: '123456' } }),
    // No secret was set up first.
    expect: signedIn(400),
  },
  {
    route: 'POST /api/v1/account/mobile/sms-code',
    mutates: true,
    request: () => ({
      url: '/api/v1/account/mobile/sms-code',
      json: { mobile: '13800004321', ...NO_CAPTCHA },
    }),
    expect: signedIn(400),
  },
  {
    route: 'POST /api/v1/account/mobile',
    mutates: true,
    request: () => ({ url: '/api/v1/account/mobile', json: { mobile: '13800004321', smsCode: '000000' } }),
    expect: signedIn(400),
  },

  // ------------------------------------------------------------------ campaigns
  {
    route: 'GET /api/v1/campaigns/current',
    request: get('/api/v1/campaigns/current'),
    expect: signedIn(200),
  },
  {
    route: 'GET /api/v1/campaigns',
    request: get('/api/v1/campaigns'),
    expect: only(200, 'province', 'admin'),
  },
  {
    route: 'POST /api/v1/campaigns',
    mutates: true,
    // The year exists once the first allowed persona created it: the second gets a field error.
    request: () => ({ url: '/api/v1/campaigns', json: CAMPAIGN_2031 }),
    expect: only('allowed', 'province', 'admin'),
  },
  {
    route: 'GET /api/v1/campaigns/:id',
    request: get((w) => `/api/v1/campaigns/${w.campaignId}`),
    expect: only(200, 'province', 'admin'),
  },
  {
    route: 'PATCH /api/v1/campaigns/:id',
    mutates: true,
    request: (w) => ({
      url: `/api/v1/campaigns/${w.campaignId}`,
      json: { name: '2023年度优质中小企业梯度培育' },
    }),
    expect: only(200, 'province', 'admin'),
  },
  {
    route: 'PUT /api/v1/campaigns/:id/extensions',
    mutates: true,
    request: (w) => ({
      url: `/api/v1/campaigns/${w.campaignId}/extensions`,
      json: { regionCode: '320581', deadline: '2023-04-10T23:59:59+08:00', reason: '系统故障顺延' },
    }),
    expect: only(200, 'province', 'admin'),
  },
  {
    route: 'DELETE /api/v1/campaigns/:id/extensions/:extensionId',
    mutates: true,
    request: async (w, who) => {
      let extensionId = NOBODY;
      if (who === 'province' || who === 'admin') {
        const res = await w.t.app.inject({
          method: 'PUT',
          url: `/api/v1/campaigns/${w.campaignId}/extensions`,
          headers: {
            cookie: [...w.personas.admin.client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            'x-csrf-token': w.personas.admin.client.cookies.get('csrf')!,
          },
          payload: { regionCode: '320582', deadline: '2023-04-10T23:59:59+08:00', reason: '删除测试' },
        });
        extensionId = res.json().id;
      }
      return { url: `/api/v1/campaigns/${w.campaignId}/extensions/${extensionId}` };
    },
    expect: only(204, 'province', 'admin'),
  },
  {
    route: 'GET /api/v1/campaigns/:id/deadlines',
    request: get((w) => `/api/v1/campaigns/${w.campaignId}/deadlines`),
    expect: signedIn(200),
  },

  // ------------------------------------------------------------------ filings (enterprise side) and files
  {
    route: 'GET /api/v1/filings',
    request: get('/api/v1/filings'),
    // 我的填报: enterprises only, each its own filings; government users page through their region in 待我审核.
    expect: only(200, 'ent'),
    // (The 403's message is asserted in tests/integration/filings/access-document.test.ts.)
    check: async (res, who, w) => {
      if (who !== 'entA' && who !== 'entB') throw new Error(`${who} must not list filings`);
      const ids = (res.json().items as { id: string }[]).map((i) => i.id);
      expect(ids.includes(w.filingA.id)).toBe(who === 'entA');
      const owners = ids.length
        ? await w.t.ctx.db
            .selectDistinct({ enterpriseId: filings.enterpriseId })
            .from(filings)
            .where(inArray(filings.id, ids))
        : [];
      expect(owners.map((o) => o.enterpriseId).filter((e) => e !== w.personas[who].enterpriseId)).toEqual([]);
    },
  },
  {
    route: 'POST /api/v1/filings',
    mutates: true,
    request: () => ({ url: '/api/v1/filings', json: { kind: 'entry' } }),
    // The filing window has closed by now: the enterprise gets WINDOW_CLOSED (409).
    expect: only(409, 'ent'),
  },
  {
    route: 'GET /api/v1/filings/:id',
    request: get((w) => `/api/v1/filings/${w.filingA.id}`),
    expect: filingOfA(200),
  },
  {
    route: 'PUT /api/v1/filings/:id/sections/:section',
    mutates: true,
    request: (w) => ({
      url: `/api/v1/filings/${w.filingA.id}/sections/basic`,
      json: { data: { enterpriseName: '越权修改' }, baseVersion: w.filingA.sections.basic!.version },
    }),
    // A itself may not edit now (409, the window has closed); reviewers never edit (403); others do not find it.
    expect: set(filingOfA(403), 409, 'entA'),
  },
  {
    route: 'POST /api/v1/filings/:id/attachments',
    mutates: true,
    request: async (w) => ({
      url: `/api/v1/filings/${w.filingA.id}/attachments`,
      file: {
        fields: { slot: 'audit_report:2022' },
        file: { name: 'file', filename: 'a.pdf', contentType: 'application/pdf', data: await realPdf('x') },
      },
    }),
    // Submitted: attachments cannot change (409).
    expect: set(filingOfA(403), 409, 'entA'),
  },
  {
    route: 'POST /api/v1/filings/:id/attachments/registration-licence',
    mutates: true,
    request: (w) => ({ url: `/api/v1/filings/${w.filingA.id}/attachments/registration-licence` }),
    // As an upload: the owner only, and not once submitted (409).
    expect: set(filingOfA(403), 409, 'entA'),
  },
  {
    route: 'DELETE /api/v1/filings/:id/attachments/:attachmentId',
    mutates: true,
    request: (w) => ({ url: `/api/v1/filings/${w.filingA.id}/attachments/${w.attachmentA.id}` }),
    expect: set(filingOfA(403), 409, 'entA'),
  },
  {
    route: 'POST /api/v1/filings/:id/submit',
    mutates: true,
    request: (w) => ({
      url: `/api/v1/filings/${w.filingA.id}/submit`,
      json: { declarations: { truthfulness: true, compliance: true } },
    }),
    // Submitting again is idempotent: the enterprise gets its filing as it is.
    expect: set(filingOfA(403), 200, 'entA'),
  },
  {
    route: 'GET /api/v1/filings/:id/history',
    request: get((w) => `/api/v1/filings/${w.filingA.id}/history`),
    expect: filingOfA(200),
  },
  {
    route: 'GET /api/v1/filings/:id/document.pdf',
    request: get((w) => `/api/v1/filings/${w.filingA.id}/document.pdf`),
    expect: filingOfA(200),
    check: (res) => expect(res.headers['content-type']).toBe('application/pdf'),
  },
  {
    route: 'GET /api/v1/filings/:id/self-assessment.pdf',
    request: get((w) => `/api/v1/filings/${w.filingA.id}/self-assessment.pdf`),
    expect: filingOfA(200),
    check: (res) => expect(res.headers['content-type']).toBe('application/pdf'),
  },
  {
    route: 'GET /api/v1/public/verify/:code',
    request: get((w) => `/api/v1/public/verify/${w.filingA.submission!.verificationCode}`),
    expect: everyone(200),
  },
  {
    route: 'GET /api/v1/files/:fileId',
    request: get((w) => `/api/v1/files/${w.attachmentA.fileId}?download=1`),
    expect: filingOfA(200),
    check: (res) => expect(res.headers['content-type']).toContain('application/pdf'),
  },

  // ------------------------------------------------------------------ review
  {
    route: 'GET /api/v1/review/queue',
    request: get('/api/v1/review/queue?scope=all&limit=100'),
    expect: only(200, ...GOV),
    check: (res, who, w) => {
      const ids = (res.json().items as { id: string }[]).map((i) => i.id);
      expect(ids.includes(w.filingA.id)).toBe(GOV_OVER_KS.includes(who));
    },
  },
  { route: 'GET /api/v1/review/counts', request: get('/api/v1/review/counts'), expect: only(200, ...GOV) },
  {
    route: 'GET /api/v1/review/export.xlsx',
    request: get('/api/v1/review/export.xlsx?scope=all'),
    expect: only(200, ...GOV),
    check: async (res, who) => {
      expect(res.headers['content-type']).toContain(XLSX);
      const text = await sheetRows(res);
      expect(text.includes(A_NAME)).toBe(GOV_OVER_KS.includes(who));
    },
  },
  {
    // 已转出 (ADR 0020): the losing levels only; nothing of the world was transferred, so the lists are empty.
    route: 'GET /api/v1/review/transferred-out',
    request: get('/api/v1/review/transferred-out'),
    expect: only(200, 'county', 'city'),
    check: (res) => expect(res.json().items).toEqual([]),
  },
  {
    route: 'GET /api/v1/review/transferred-out/:id',
    request: get((w) => `/api/v1/review/transferred-out/${w.filingA.id}`),
    expect: only(404, 'county', 'city'),
  },
  {
    route: 'GET /api/v1/review/filings/:id',
    request: get((w) => `/api/v1/review/filings/${w.filingA.id}`),
    expect: reviewOfA(200),
  },
  {
    route: 'POST /api/v1/review/filings/:id/actions',
    mutates: true,
    request: async (w) => {
      // Each persona acts on its own fresh 昆山 filing pending at the county.
      const f = await freshKsFiling(w);
      return {
        url: `/api/v1/review/filings/${f.id}/actions`,
        json: { action: 'county_approve', expectedStatusVersion: f.statusVersion },
      };
    },
    expect: set(reviewOfA(403), 200, 'ks'),
  },
  {
    route: 'POST /api/v1/review/batch',
    mutates: true,
    request: async (w) => {
      const f = await freshKsFiling(w);
      return { url: '/api/v1/review/batch', json: { action: 'county_approve', ids: [f.id] } };
    },
    expect: only(200, ...GOV),
    check: (res, who) => expect(res.json().okCount).toBe(who === 'ksCounty' ? 1 : 0),
  },
  {
    route: 'POST /api/v1/review/enterprises/:id/region',
    mutates: true,
    request: (w) => ({
      url: `/api/v1/review/enterprises/${w.personas.entB.enterpriseId}/region`,
      json: { countyCode: '320509', reason: '核对营业执照后确认注册地' },
    }),
    // The province corrects an enterprise's 注册地 (it moves filings: business data, not the system administrator's).
    expect: only(200, 'province'),
  },
  {
    route: 'GET /api/v1/review/enterprises/:id/record',
    request: get((w) => `/api/v1/review/enterprises/${w.personas.entA.enterpriseId}/record`),
    expect: reviewOfA(200),
  },
  {
    route: 'POST /api/v1/pii/reveal',
    request: (w) => ({
      url: '/api/v1/pii/reveal',
      json: { targetType: 'enterprise', targetId: w.personas.entA.enterpriseId, field: 'contactMobile' },
    }),
    // Reviewers whose region covers A; another region, the enterprises and the three administrators 403 (ADR 0025).
    expect: only(200, 'ks', 'sz', 'province'),
  },
  {
    route: 'GET /api/v1/enterprise/record',
    request: get('/api/v1/enterprise/record'),
    expect: only(200, 'ent'),
  },

  // ------------------------------------------------------------------ notifications
  { route: 'GET /api/v1/notifications', request: get('/api/v1/notifications'), expect: signedIn(200) },
  {
    route: 'GET /api/v1/notifications/unread-count',
    request: get('/api/v1/notifications/unread-count'),
    expect: signedIn(200),
  },
  {
    route: 'POST /api/v1/notifications/:id/read',
    mutates: true,
    request: (w) => ({ url: `/api/v1/notifications/${w.notificationA}/read` }),
    expect: set(signedIn(404), 200, 'entA'),
  },
  {
    route: 'POST /api/v1/notifications/read-all',
    request: () => ({ url: '/api/v1/notifications/read-all' }),
    expect: signedIn(200),
  },

  // ------------------------------------------------------------------ administration
  {
    route: 'GET /api/v1/admin/users',
    request: get('/api/v1/admin/users'),
    expect: only(200, 'admin', 'secAdmin'),
  },
  {
    route: 'POST /api/v1/admin/users',
    mutates: true,
    request: () => {
      userSeq += 1;
      return {
        url: '/api/v1/admin/users',
        json: {
          username: `matrix_gov_${userSeq}`,
          displayName: '访问矩阵新建账号',
          role: 'county_reviewer',
          regionCode: '320583',
          password: 'Chushi@2023',
          passwordConfirm: 'Chushi@2023',
        },
      };
    },
    expect: only(201, 'admin'),
  },
  {
    route: 'GET /api/v1/admin/users/:id',
    request: get((w) => `/api/v1/admin/users/${w.personas.ksCounty.userId}`),
    expect: only(200, 'admin', 'secAdmin'),
  },
  {
    route: 'POST /api/v1/admin/users/:id/disable',
    mutates: true,
    request: (w) => ({ url: `/api/v1/admin/users/${w.loginGov.userId}/disable`, json: { reason: '测试' } }),
    expect: only(200, 'admin'),
  },
  {
    route: 'POST /api/v1/admin/users/:id/enable',
    mutates: true,
    request: (w) => ({ url: `/api/v1/admin/users/${w.loginGov.userId}/enable` }),
    expect: only(200, 'admin'),
  },
  {
    route: 'POST /api/v1/admin/users/:id/reset-password',
    mutates: true,
    request: (w) => ({
      url: `/api/v1/admin/users/${w.loginGov.userId}/reset-password`,
      json: { password: 'Chongzhi@2023', passwordConfirm: 'Chongzhi@2023' },
    }),
    expect: only(200, 'secAdmin'),
  },
  // 三员分立: the audit log is the audit administrator's alone; the system administrator gets 403.
  {
    route: 'GET /api/v1/admin/audit',
    request: get('/api/v1/admin/audit'),
    expect: only(200, 'auditAdmin'),
  },
  {
    route: 'GET /api/v1/admin/audit/export.xlsx',
    request: get(
      `/api/v1/admin/audit/export.xlsx?from=${encodeURIComponent('2020-01-01T00:00:00+08:00')}&to=${encodeURIComponent('2100-01-01T00:00:00+08:00')}`,
    ),
    expect: only(200, 'auditAdmin'),
    check: async (res) => {
      expect(res.headers['content-type']).toContain(XLSX);
      expect(await sheetRows(res)).toContain('审计日志');
    },
  },
  {
    route: 'POST /api/v1/security/users/:id/unlock',
    mutates: true,
    request: (w) => ({ url: `/api/v1/security/users/${w.loginGov.userId}/unlock` }),
    expect: only(200, 'secAdmin'),
  },
  {
    route: 'POST /api/v1/security/users/:id/reset-second-factor',
    mutates: true,
    request: (w) => ({ url: `/api/v1/security/users/${w.loginGov.userId}/reset-second-factor` }),
    expect: only(200, 'secAdmin'),
  },
  {
    route: 'GET /api/v1/security/policy',
    request: get('/api/v1/security/policy'),
    expect: only(200, 'secAdmin'),
  },
  {
    route: 'PUT /api/v1/security/policy',
    mutates: true,
    request: () => ({ url: '/api/v1/security/policy', json: { secondFactorReviewers: true } }),
    expect: only(200, 'secAdmin'),
  },
  {
    route: 'POST /api/v1/security/users/:id/end-sessions',
    mutates: true,
    request: (w) => ({ url: `/api/v1/security/users/${w.loginGov.userId}/end-sessions` }),
    expect: only(200, 'secAdmin'),
  },
  {
    route: 'GET /api/v1/admin/review-units',
    request: get('/api/v1/admin/review-units'),
    expect: only(200, 'admin'),
  },
  { route: 'GET /api/v1/admin/sms', request: get('/api/v1/admin/sms'), expect: only(200, 'admin') },
  {
    route: 'POST /api/v1/admin/sms/test',
    mutates: true,
    request: () => ({ url: '/api/v1/admin/sms/test', json: { mobile: '13800138000' } }),
    expect: only(200, 'admin'),
  },

  // ------------------------------------------------------------------ evaluation
  {
    route: 'POST /api/v1/evaluation/campaigns/:campaignId/prepare',
    mutates: true,
    request: (w) => ({ url: `/api/v1/evaluation/campaigns/${w.campaignId}/prepare` }),
    // Each city prepares its own evaluations (idempotent: nothing new here).
    expect: only(200, 'city'),
  },
  {
    route: 'GET /api/v1/evaluation/campaigns/:campaignId/evaluations',
    request: get((w) => `/api/v1/evaluation/campaigns/${w.campaignId}/evaluations`),
    expect: only(200, ...GOV),
    check: (res, who, w) => {
      const ids = (res.json().items as { id: string }[]).map((i) => i.id);
      expect(ids.includes(w.evaluationId)).toBe(GOV_OVER_KS.includes(who));
    },
  },
  {
    route: 'GET /api/v1/evaluation/evaluations/:id',
    request: get((w) => `/api/v1/evaluation/evaluations/${w.evaluationId}`),
    expect: set(only(200, 'ks', 'sz', 'province'), 404, 'wj', 'nj'),
  },
  {
    route: 'POST /api/v1/evaluation/evaluations/:id/corrections',
    mutates: true,
    request: (w) => ({
      url: `/api/v1/evaluation/evaluations/${w.evaluationId}/corrections`,
      json: {
        changes: { 'direct.validHonor': false },
        reason: '证书已过期',
        expectedVersion: w.evaluationVersion,
      },
    }),
    // Only the city corrects (frozen now: 409, the list is in publicity); others covering 昆山 read only.
    expect: set(set(only(403, 'ks', 'province'), 409, 'sz'), 404, 'wj', 'nj'),
  },

  // ------------------------------------------------------------------ lists
  {
    route: 'POST /api/v1/lists',
    mutates: true,
    request: (w) => ({ url: '/api/v1/lists', json: { campaignId: w.campaignId } }),
    // 苏州 gets its existing list (200); 南京 creates its own (201).
    expect: only('allowed', 'city'),
  },
  {
    route: 'GET /api/v1/lists',
    request: get((w) => `/api/v1/lists?campaignId=${w.campaignId}`),
    expect: only(200, 'city', 'province'),
    check: (res, who, w) => {
      const ids = (res.json() as { id: string }[]).map((l) => l.id);
      expect(ids.includes(w.list.id)).toBe(who !== 'njCity');
    },
  },
  {
    route: 'GET /api/v1/lists/:id',
    request: get((w) => `/api/v1/lists/${w.list.id}`),
    expect: suzhouList(200),
  },
  {
    route: 'POST /api/v1/lists/:id/entries',
    mutates: true,
    request: (w) => ({ url: `/api/v1/lists/${w.list.id}/entries`, json: { evaluationId: w.evaluationId } }),
    // The list is in publicity: 苏州 may no longer change it (409), nor publish or announce it early.
    expect: set(suzhouList(403), 409, 'sz'),
  },
  {
    route: 'POST /api/v1/lists/:id/entries/:entryId',
    mutates: true,
    request: (w) => ({
      url: `/api/v1/lists/${w.list.id}/entries/${w.entryId}`,
      json: { action: 'exclude', reason: '公示后调整' },
    }),
    expect: set(suzhouList(403), 409, 'sz'),
  },
  {
    route: 'POST /api/v1/lists/:id/publish-publicity',
    mutates: true,
    request: (w) => ({
      url: `/api/v1/lists/${w.list.id}/publish-publicity`,
      json: { objectionContact: '苏州市工业和信息化局中小企业处' },
    }),
    expect: set(suzhouList(403), 409, 'sz'),
  },
  {
    route: 'GET /api/v1/lists/:id/objections',
    request: get((w) => `/api/v1/lists/${w.list.id}/objections`),
    expect: suzhouList(200),
  },
  {
    route: 'POST /api/v1/lists/:id/objections/:objectionId/resolve',
    mutates: true,
    request: (w) => ({
      url: `/api/v1/lists/${w.list.id}/objections/${w.objection.id}/resolve`,
      json: { outcome: 'rejected', text: '经核查，研发费用归集符合规定，异议不成立' },
    }),
    expect: set(suzhouList(403), 200, 'sz'),
  },
  {
    route: 'POST /api/v1/lists/:id/announce',
    mutates: true,
    request: (w) => ({
      url: `/api/v1/lists/${w.list.id}/announce`,
      json: { documentNo: '苏工信中小〔2023〕56号', date: '2023-04-03' },
    }),
    expect: set(suzhouList(403), 409, 'sz'),
  },
  {
    route: 'GET /api/v1/province/lists',
    request: get((w) => `/api/v1/province/lists?campaignId=${w.campaignId}`),
    expect: only(200, 'province'),
  },
  {
    route: 'GET /api/v1/province/lists/export.xlsx',
    request: get((w) => `/api/v1/province/lists/export.xlsx?campaignId=${w.campaignId}`),
    expect: only(200, 'province'),
    check: (res) => expect(res.headers['content-type']).toContain(XLSX),
  },
  {
    route: 'GET /api/v1/province/lists/export.pdf',
    request: get((w) => `/api/v1/province/lists/export.pdf?campaignId=${w.campaignId}`),
    expect: only(200, 'province'),
  },
  { route: 'GET /api/v1/public/lists', request: get('/api/v1/public/lists'), expect: everyone(200) },
  {
    route: 'GET /api/v1/public/lists/:id',
    request: get((w) => `/api/v1/public/lists/${w.list.id}`),
    expect: everyone(200),
  },
  {
    route: 'POST /api/v1/public/objection-files',
    request: async () => ({
      url: '/api/v1/public/objection-files',
      file: {
        fields: {},
        file: { name: 'file', filename: 'e.pdf', contentType: 'application/pdf', data: await realPdf('e') },
      },
    }),
    expect: everyone(201),
  },
  {
    route: 'POST /api/v1/public/lists/:id/objections',
    request: (w) => ({
      url: `/api/v1/public/lists/${w.list.id}/objections`,
      json: {
        entryId: w.entryId,
        contactName: '王志强',
        contactPhone: '13905120000',
        reason: '该企业上年度研发费用明显虚报，与其审计报告数据不一致。',
        ...NO_CAPTCHA,
      },
    }),
    // A wrong captcha: the same field error for everyone.
    expect: everyone(400),
  },
  {
    route: 'GET /api/v1/public/objections/:trackingNo',
    request: get((w) => `/api/v1/public/objections/${w.objection.trackingNo}?phone=0000`),
    expect: everyone(200),
  },
  {
    route: 'GET /api/v1/public/registry',
    request: get(`/api/v1/public/registry?q=${encodeURIComponent('访问矩阵')}`),
    expect: everyone(200),
  },

  // ------------------------------------------------------------------ annual cycle
  {
    route: 'POST /api/v1/cycle/campaigns/:id/schedule',
    mutates: true,
    request: (w) => ({ url: `/api/v1/cycle/campaigns/${w.campaignId}/schedule` }),
    expect: only(200, 'province', 'admin'),
  },
  {
    route: 'GET /api/v1/cycle/campaigns/:id/outstanding',
    request: get((w) => `/api/v1/cycle/campaigns/${w.campaignId}/outstanding`),
    expect: only(200, ...GOV),
  },
  {
    route: 'POST /api/v1/cycle/campaigns/:id/clearance/propose',
    mutates: true,
    request: (w) => ({ url: `/api/v1/cycle/campaigns/${w.campaignId}/clearance/propose`, json: {} }),
    // Before the grace period has passed: refused for those who may propose (409).
    expect: only(409, 'city', 'province'),
  },
  {
    route: 'GET /api/v1/cycle/campaigns/:id/clearances',
    request: get((w) => `/api/v1/cycle/campaigns/${w.campaignId}/clearances`),
    expect: only(200, ...GOV),
    check: (res, who, w) => {
      const ids = (res.json().items as { id: string }[]).map((i) => i.id);
      expect(ids.includes(w.clearanceA)).toBe(GOV_OVER_KS.includes(who));
    },
  },
  {
    route: 'POST /api/v1/cycle/campaigns/:id/clearances/confirm',
    mutates: true,
    request: (w) => ({
      url: `/api/v1/cycle/campaigns/${w.campaignId}/clearances/confirm`,
      json: { ids: [w.clearanceA] },
    }),
    // Already confirmed: a repeat for 苏州; 南京 does not find 苏州's clearance.
    expect: set(only(200, 'sz'), 404, 'nj'),
  },
  {
    route: 'GET /api/v1/cycle/clearances/mine',
    request: get('/api/v1/cycle/clearances/mine'),
    expect: only(200, 'ent'),
    check: (res, who, w) => {
      const ids = (res.json().items as { id: string }[]).map((i) => i.id);
      expect(ids.includes(w.clearanceA)).toBe(who === 'entA');
    },
  },
  {
    route: 'POST /api/v1/cycle/clearances/:id/appeal',
    mutates: true,
    request: (w) => ({
      url: `/api/v1/cycle/clearances/${w.clearanceA}/appeal`,
      json: { reason: '我司已按期提交数据更新，请核实' },
    }),
    expect: set(only(200, 'entA'), 404, 'entB'),
  },
  {
    route: 'POST /api/v1/cycle/clearances/:id/decide',
    mutates: true,
    request: (w) => ({
      url: `/api/v1/cycle/clearances/${w.clearanceAppealed}/decide`,
      json: { decision: 'upheld', reason: '经核实企业已按期提交，申诉成立' },
    }),
    expect: set(only(200, 'sz'), 404, 'nj'),
  },

  // ------------------------------------------------------------------ statistics and exchange
  {
    route: 'GET /api/v1/statistics/summary',
    request: get('/api/v1/statistics/summary?year=2023&regionCode=320583'),
    // 昆山's figures: a region outside the caller's is not found.
    expect: set(only(200, 'ks', 'sz', 'province'), 404, 'wj', 'nj'),
  },
  {
    route: 'GET /api/v1/statistics/trend',
    request: get('/api/v1/statistics/trend'),
    expect: only(200, ...GOV),
  },
  {
    route: 'GET /api/v1/statistics/export.xlsx',
    request: get('/api/v1/statistics/export.xlsx?year=2023'),
    expect: only(200, ...GOV),
    check: (res) => expect(res.headers['content-type']).toContain(XLSX),
  },
  {
    route: 'GET /api/v1/exchange/filings.csv',
    request: get((w) => `/api/v1/exchange/filings.csv?campaignId=${w.campaignId}`),
    expect: only(200, 'city', 'province'),
    check: (res, who) => {
      expect(res.body.includes(APPROVED_KS)).toBe(who !== 'njCity');
    },
  },
  {
    route: 'GET /api/v1/exchange/filings.xlsx',
    request: get((w) => `/api/v1/exchange/filings.xlsx?campaignId=${w.campaignId}`),
    expect: only(200, 'city', 'province'),
    check: async (res, who) => {
      expect(res.headers['content-type']).toContain(XLSX);
      expect((await sheetRows(res)).includes(APPROVED_KS)).toBe(who !== 'njCity');
    },
  },
  {
    route: 'POST /api/v1/exchange/recognitions/import',
    mutates: true,
    request: () => ({
      url: '/api/v1/exchange/recognitions/import',
      file: {
        fields: {},
        file: {
          name: 'file',
          filename: 'r.csv',
          contentType: 'text/csv',
          data: Buffer.from('企业名称,统一社会信用代码,称号,批次/文号,认定日期,有效期至\n'),
        },
      },
    }),
    // An empty file (header only): nothing imported.
    expect: only(200, 'province'),
  },

  {
    route: 'POST /api/v1/exchange/quality-scores/import',
    mutates: true,
    request: () => ({
      url: '/api/v1/exchange/quality-scores/import',
      file: {
        fields: {},
        file: {
          name: 'file',
          filename: 'q.csv',
          contentType: 'text/csv',
          data: Buffer.from('企业名称,统一社会信用代码,年度,得分,来源\n'),
        },
      },
    }),
    // An empty file (header only): nothing imported. Cities import for their own enterprises.
    expect: only(200, 'city', 'province'),
  },

  // ------------------------------------------------------------------ 我的梯度
  { route: 'GET /api/v1/ladder', request: get('/api/v1/ladder'), expect: only(200, 'ent') },

  // ------------------------------------------------------------------ 质量评价得分
  {
    route: 'GET /api/v1/quality-scores',
    request: get('/api/v1/quality-scores'),
    expect: only(200, ...GOV),
  },
  {
    route: 'PUT /api/v1/quality-scores',
    mutates: true,
    request: (w) => ({
      url: '/api/v1/quality-scores',
      json: {
        uscc: String(w.filingA.sections.basic.data['uscc']),
        year: 2026,
        score: '55.5',
        source: '国家平台',
      },
    }),
    // Enterprise A is in 昆山 (苏州): 南京 does not find it; counties and enterprises may not enter scores.
    expect: set(only(200, 'sz', 'province'), 404, 'nj'),
  },

  // ------------------------------------------------------------------ province settings
  {
    route: 'GET /api/v1/settings/province',
    request: get('/api/v1/settings/province'),
    expect: only(200, ...GOV),
  },
  {
    route: 'PUT /api/v1/settings/province',
    mutates: true,
    request: () => ({ url: '/api/v1/settings/province', json: { publicityDays: 7, clearanceGraceDays: 15 } }),
    expect: only(200, 'province'),
  },

  // ------------------------------------------------------------------ standards as data (issue 12)
  {
    route: 'GET /api/v1/standards',
    request: get('/api/v1/standards'),
    expect: only(200, ...GOV),
  },
  {
    route: 'GET /api/v1/standards/:standardId',
    request: get('/api/v1/standards/little-giant-2026'),
    expect: only(200, ...GOV),
  },
  {
    route: 'POST /api/v1/standards/:standardId/versions',
    mutates: true,
    request: () => ({
      url: '/api/v1/standards/specialized-sme-2026/versions',
      json: { expectedVersion: 1, values: { revenueMin: '1600' }, reason: '依据附件1原文核对修正' },
    }),
    expect: only(200, 'province'),
  },
  {
    route: 'PUT /api/v1/campaigns/:id/rule-overrides',
    mutates: true,
    request: (w) => ({
      url: `/api/v1/campaigns/${w.campaignId}/rule-overrides`,
      json: { overrides: { 'little-giant:review': 'little-giant-2022' } },
    }),
    expect: only(200, 'province'),
  },
  {
    route: 'POST /api/v1/standards/assess',
    request: () => ({
      url: '/api/v1/standards/assess',
      json: { tier: 'specialized-sme', track: 'first', applicationDate: '2026-05-10', input: {} },
    }),
    expect: signedIn(200),
    check: (res) => {
      expect((res.json() as { standardId: string }).standardId).toBe('specialized-sme-2026');
    },
  },

  // ------------------------------------------------------------------ development and test-only routes
  // Registered only in development/test (dev outbox) or test mode (test hooks); the suite runs in test mode,
  // where they are open to anyone by design (architecture.md) — a test of their absence in production lives in
  // foundation.test.ts. The dev outbox answers loopback clients only (ADR 0018); every persona here comes from
  // a remote address, so all are refused (loopback is tested in accounts/account-safety.test.ts).
  { route: 'GET /api/v1/dev/sms-outbox', request: get('/api/v1/dev/sms-outbox'), expect: everyone(403) },
  {
    route: 'GET /api/v1/test/captcha/:id',
    request: get(`/api/v1/test/captcha/${NOBODY}`),
    expect: everyone(404),
  },
  {
    route: 'POST /api/v1/test/jobs/run',
    request: () => ({ url: '/api/v1/test/jobs/run' }),
    expect: everyone(200),
  },
  {
    route: 'POST /api/v1/test/factory/enterprise-user',
    request: (_w, who) => ({
      url: '/api/v1/test/factory/enterprise-user',
      json: {
        username: `matrix_factory_${who}`,
        password: PERSONA_PASSWORD,
        enterpriseName: `访问矩阵工厂${who}有限公司`,
        uscc: `91320583MA0${String(PERSONAS.indexOf(who)).padStart(2, '0')}FAC00`,
        mobile: '13800009999',
      },
    }),
    expect: everyone(201),
  },
  {
    route: 'POST /api/v1/test/lists/:id/end-publicity',
    request: () => ({ url: `/api/v1/test/lists/${NOBODY}/end-publicity` }),
    expect: everyone(404),
  },

  // ------------------------------------------------------------------ last: rows that change enterprise A's filing
  {
    route: 'POST /api/v1/filings/:id/withdraw',
    mutates: true,
    request: (w) => ({ url: `/api/v1/filings/${w.filingA.id}/withdraw`, json: {} }),
    expect: set(filingOfA(403), 200, 'entA'),
  },
];
