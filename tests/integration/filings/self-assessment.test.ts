import type { FilingDetail } from '../../../src/shared/schemas/filing-api';
import { pdfText } from '../../helpers/pdf-text';
import {
  expectStatus,
  fillSample,
  getFiling,
  setup,
  start,
  submit,
  uploadRequired,
  type Fixture,
} from './flow';

/*
 * Issue 16 item 2: the 自评表（签字盖章） is printable from the editor before submission, with the same verification
 * code, QR address and self-assessment as the 申报书 the submission produces.
 */

let f: Fixture;
let draft: FilingDetail;
beforeAll(async () => {
  f = await setup();
  draft = await start(f.p.ksEnterprise.client, 'entry');
});
afterAll(async () => {
  await f.t.close();
});

const url = (id: string) => `/api/v1/filings/${id}/self-assessment.pdf`;
const codeOf = (text: string) => /验证码：([A-Z0-9]{12})/.exec(text)?.[1];
const digestOf = (text: string) =>
  /自评摘要：?\s*([0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})/.exec(text)?.[1];

describe('the 自评表 printed before submission', () => {
  it('is refused while the data sections are incomplete, naming them', async () => {
    const res = await f.p.ksEnterprise.client.get(url(draft.id));
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/^请先填写完整并保存以下部分，再打印自评表：.*基本情况/);
  });

  it('prints the saved draft: enterprise, score table, signature lines, a code and the verify address', async () => {
    const client = f.p.ksEnterprise.client;
    await fillSample(client, draft);
    const res = await client.get(url(draft.id), { host: '192.168.1.20:3000' });
    expectStatus(res, 200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(
      '江苏省创新型中小企业自评表',
    );
    const text = pdfText(res.rawPayload);
    expect(text).toContain('江苏省创新型中小企业自评表');
    expect(text).toContain('昆山精工数控机械有限公司');
    expect(text).toContain('苏州市昆山市');
    expect(text).toContain('评价指标');
    expect(text).toContain('法定代表人（签字）');
    expect(text).toContain('企业（盖章）');
    expect(text).toContain('随申报提交后可核验');
    // Served from another address in development: the QR points there, not at PUBLIC_BASE_URL's localhost.
    const code = codeOf(text)!;
    expect(code).toMatch(/^[A-Z0-9]{12}$/);
    expect(text).toContain(`http://192.168.1.20:3000/verify/${code}`);
    expect(digestOf(text)).toBeTruthy();
    // A second print carries the same code.
    const again = pdfText((await client.get(url(draft.id))).rawPayload);
    expect(codeOf(again)).toBe(code);
  });

  it('the 申报书 after submission has the same code and the same 自评摘要 and total', async () => {
    const client = f.p.ksEnterprise.client;
    const before = pdfText((await client.get(url(draft.id))).rawPayload);
    await uploadRequired(client, draft.id);
    const submitted = await submit(client, draft.id);
    expectStatus(submitted, 200);
    const detail = submitted.json() as FilingDetail;
    expect(detail.submission!.verificationCode).toBe(codeOf(before));
    const application = pdfText((await client.get(`/api/v1/filings/${draft.id}/document.pdf`)).rawPayload);
    expect(codeOf(application)).toBe(codeOf(before));
    expect(digestOf(application)).toBe(digestOf(before));
    const total = /评价总分\n(\d+ 分)/.exec(before)?.[1];
    expect(total).toBeTruthy();
    expect(application).toContain(`评价总分\n${total}`);
    // The public verification page knows the code printed on the 自评表.
    const verify = await f.p.anonymous.get(`/api/v1/public/verify/${codeOf(before)}`);
    expect(verify.json().found).toBe(true);
  });

  it('after submission the 自评表 is the submitted one (also for the county reviewer, audited)', async () => {
    const code = (await getFiling(f.p.ksEnterprise.client, draft.id)).submission!.verificationCode;
    const res = await f.p.ksCounty.client.get(url(draft.id));
    expectStatus(res, 200);
    expect(codeOf(pdfText(res.rawPayload))).toBe(code);
    expect((await f.p.wjCounty.client.get(url(draft.id))).statusCode).toBe(404);
    expect((await f.p.wjEnterprise.client.get(url(draft.id))).statusCode).toBe(404);
  });
});
