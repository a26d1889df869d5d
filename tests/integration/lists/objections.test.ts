/**
 * Public objections (issue 6 item 2): only inside the publicity window, captcha required, rate-limited per IP,
 * optional attachments through the public upload endpoint with strict limits.
 */
import { eq } from 'drizzle-orm';
import { objections } from '../../../src/server/db/schema';
import type { ListDetail, PublicListDetail } from '../../../src/shared/schemas/lists-api';
import { exeBytes, realPdf } from '../../helpers/files';
import { multipart } from '../../helpers/accounts';
import {
  approvedFiling,
  captcha,
  expectStatus,
  freshIp,
  json,
  publicRequest,
  setClock,
  setupLists,
  type ListsFixture,
} from './helpers';

let f: ListsFixture;
let list: ListDetail;
let entryId: string;

const body = (extra: Record<string, unknown> = {}) => ({
  entryId,
  contactName: '李明',
  contactPhone: '13771234567',
  contactEmail: 'liming@example.com',
  reason: '该企业主导产品并非自主研发，专利系近期受让取得。',
  ...extra,
});
const objectUrl = () => `/api/v1/public/lists/${list.id}/objections`;

function upload(ip: string, data: Buffer, filename: string, contentType: string) {
  const { payload, headers } = multipart({}, { name: 'file', filename, contentType, data });
  return publicRequest(f.t, 'POST', '/api/v1/public/objection-files', { ip, payload, headers });
}

beforeAll(async () => {
  f = await setupLists();
  await approvedFiling(f, { countyCode: '320583', via: 'db' });
  await setClock(f, '2023-04-01T09:00:00+08:00');
  const created = await f.p.szCity.client.post('/api/v1/lists', { campaignId: f.campaignId });
  expectStatus(created, 201);
  list = await json<ListDetail>(
    f.p.szCity.client,
    'POST',
    `/api/v1/lists/${(created.json() as ListDetail).id}/publish-publicity`,
    {
      start: '2023-04-03',
      end: '2023-04-09',
      objectionContact: '苏州市工业和信息化局中小企业处',
    },
  );
  entryId = list.entries[0]!.id;
});

afterAll(async () => {
  await f?.t.close();
});

describe('objections', () => {
  it('are refused before the publicity window (the list is not public yet)', async () => {
    const res = await publicRequest(f.t, 'POST', objectUrl(), {
      ip: freshIp(),
      json: body(await captcha(f.t)),
    });
    expectStatus(res, 404);
    expect(await f.t.ctx.db.select().from(objections)).toHaveLength(0);
  });

  it('need a correct captcha', async () => {
    await setClock(f, '2023-04-05T10:00:00+08:00');
    const ip = freshIp();
    const missing = await publicRequest(f.t, 'POST', objectUrl(), { ip, json: body() });
    expectStatus(missing, 400);
    expect(missing.json().fieldErrors).toHaveProperty('captchaId');
    const { captchaId } = await captcha(f.t);
    const wrong = await publicRequest(f.t, 'POST', objectUrl(), {
      ip,
      json: body({ captchaId, captchaAnswer: 'zzzz' }),
    });
    expectStatus(wrong, 400);
    expect(wrong.json().fieldErrors).toHaveProperty('captchaAnswer');
    // The captcha was burnt by the wrong answer: it cannot be reused.
    const c = await captcha(f.t);
    const ok = await publicRequest(f.t, 'POST', objectUrl(), { ip, json: body(c) });
    expectStatus(ok, 201);
    const reuse = await publicRequest(f.t, 'POST', objectUrl(), { ip, json: body(c) });
    expectStatus(reuse, 400);
  });

  it('validate the fields and the entry', async () => {
    const ip = freshIp();
    const bad = await publicRequest(f.t, 'POST', objectUrl(), {
      ip,
      json: body({ contactPhone: '12345', reason: '太短', ...(await captcha(f.t)) }),
    });
    expectStatus(bad, 400);
    expect(Object.keys(bad.json().fieldErrors).sort()).toEqual(['contactPhone', 'reason']);
    const otherEntry = await publicRequest(f.t, 'POST', objectUrl(), {
      ip,
      json: body({ entryId: '00000000-0000-4000-8000-000000000000', ...(await captcha(f.t)) }),
    });
    expectStatus(otherEntry, 400);
    expect(otherEntry.json().fieldErrors).toHaveProperty('entryId');
  });

  it('accept attachments uploaded through the public endpoint (PDF/JPG/PNG by content, ≤ 5 MB)', async () => {
    const ip = freshIp();
    const exe = await upload(ip, exeBytes(), 'proof.pdf', 'application/pdf');
    expectStatus(exe, 400);
    const big = await upload(
      ip,
      Buffer.concat([await realPdf('x'), Buffer.alloc(5 * 1024 * 1024 + 10)]),
      'big.pdf',
      'application/pdf',
    );
    expectStatus(big, 413);
    const up = await upload(ip, await realPdf('证明材料'), '../../证明材料.pdf', 'application/pdf');
    expectStatus(up, 201);
    const file = up.json() as { fileId: string; name: string };
    expect(file.name).toBe('证明材料.pdf');
    const res = await publicRequest(f.t, 'POST', objectUrl(), {
      ip,
      json: body({ fileIds: [file.fileId], ...(await captcha(f.t)) }),
    });
    expectStatus(res, 201);
    // The same file cannot be attached to a second objection.
    const reuse = await publicRequest(f.t, 'POST', objectUrl(), {
      ip,
      json: body({ fileIds: [file.fileId], ...(await captcha(f.t)) }),
    });
    expectStatus(reuse, 400);
    expect(reuse.json().fieldErrors).toHaveProperty('fileIds');
    const objs = await json<{ files: { id: string; name: string }[]; contactEmail: string | null }[]>(
      f.p.szCity.client,
      'GET',
      `/api/v1/lists/${list.id}/objections`,
    );
    const withFile = objs.find((o) => o.files.length > 0)!;
    expect(withFile.files).toEqual([expect.objectContaining({ id: file.fileId, name: '证明材料.pdf' })]);
    expect(withFile.contactEmail).toBe('liming@example.com');
  });

  it('are rate-limited per IP', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await publicRequest(f.t, 'POST', objectUrl(), { ip, json: body(await captcha(f.t)) });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        expect(res.json().code).toBe('RATE_LIMITED');
        expect(res.json().message).toContain('提交异议过于频繁');
      }
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    // Another IP is not affected.
    expectStatus(
      await publicRequest(f.t, 'POST', objectUrl(), { ip: freshIp(), json: body(await captcha(f.t)) }),
      201,
    );
  });

  it("the public page never shows the objectors or the enterprises' contact details", async () => {
    const res = await publicRequest(f.t, 'GET', `/api/v1/public/lists/${list.id}`);
    expectStatus(res, 200);
    expect(res.body).not.toContain('13771234567');
    expect(res.body).not.toContain('liming@example.com');
    expect(res.body).not.toContain('李明');
    expect((res.json() as PublicListDetail).objection.open).toBe(true);
  });

  it('are refused after the window closes', async () => {
    await setClock(f, '2023-04-10T00:00:01+08:00');
    const res = await publicRequest(f.t, 'POST', objectUrl(), {
      ip: freshIp(),
      json: body(await captcha(f.t)),
    });
    expectStatus(res, 409);
    expect(res.json().code).toBe('WINDOW_CLOSED');
    expect(res.json().message).toContain('2023年4月9日');
    const count = await f.t.ctx.db.select().from(objections).where(eq(objections.listId, list.id));
    expect(count).toHaveLength(8);
  });
});
