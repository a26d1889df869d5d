/**
 * The registry's holders table (registry_entries, issue #15, ADR 0027) against `recognitions`: after every kind of
 * change — a recognition announced, imported, declared, revoked, extended, re-titled, moved to another enterprise or
 * deleted, an enterprise renamed or given another credit code — the table holds exactly the registry's rows, and it
 * changes in the same transaction (a rolled-back write leaves it as it was). Then the public lookup reads it.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { enterprises, recognitions, registryEntries } from '../../../src/server/db/schema';
import { REGISTRY_SOURCES } from '../../../src/server/modules/registry/routes';
import type { RegistryResponse } from '../../../src/shared/schemas/registry-api';
import { makeUscc } from '../../helpers/accounts';
import { createTestApp, type TestApp } from '../../helpers/test-app';

let t: TestApp;

/** What the registry shows, computed from `recognitions` the way it was before the table existed. */
async function expected() {
  const rows = await t.ctx.db
    .select({
      recognitionId: recognitions.id,
      enterpriseId: enterprises.id,
      name: enterprises.name,
      uscc: enterprises.uscc,
      title: recognitions.title,
      issuer: recognitions.issuer,
      documentNo: recognitions.documentNo,
      validFrom: recognitions.validFrom,
      validTo: recognitions.validTo,
    })
    .from(recognitions)
    .innerJoin(enterprises, eq(enterprises.id, recognitions.enterpriseId))
    .where(and(eq(recognitions.status, 'valid'), inArray(recognitions.source, [...REGISTRY_SOURCES])));
  return rows.sort((a, b) => a.recognitionId.localeCompare(b.recognitionId));
}

async function actual() {
  const rows = await t.ctx.db.select().from(registryEntries);
  return rows.sort((a, b) => a.recognitionId.localeCompare(b.recognitionId));
}

async function expectConsistent(count: number) {
  const want = await expected();
  expect(await actual()).toEqual(want);
  expect(want).toHaveLength(count);
}

async function enterprise(n: number, name: string) {
  const [row] = await t.ctx.db
    .insert(enterprises)
    .values({
      name,
      uscc: makeUscc(900_000 + n),
      contactName: '陈晓燕',
      contactMobile: `1390000${String(n).padStart(4, '0')}`,
      countyCode: '320583',
      cityCode: '320500',
    })
    .returning();
  return row!;
}

const from = new Date('2023-04-10T00:00:00+08:00');
const to = new Date('2026-04-09T23:59:59+08:00');

function recognition(enterpriseId: string, source: string, title = '创新型中小企业') {
  return {
    enterpriseId,
    kind: source === 'declared' ? 'declared' : 'innovative',
    title,
    source,
    issuer: '苏州市工业和信息化局',
    documentNo: '苏工信中小〔2023〕60号',
    validFrom: from,
    validTo: to,
  };
}

const search = async (q: string) => {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/public/registry?q=${encodeURIComponent(q)}`,
    remoteAddress: '198.51.100.77',
  });
  return res;
};

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2024-01-01T10:00:00+08:00'));
});

afterAll(async () => {
  await t?.close();
});

describe('registry_entries follows recognitions and enterprises', () => {
  it('holds exactly the valid announced, imported and re-reviewed recognitions, through every kind of change', async () => {
    await expectConsistent(0);
    const a = await enterprise(1, '昆山名录一致性精密机械有限公司');
    const b = await enterprise(2, '吴江名录一致性纺织有限公司');
    const [announced] = await t.ctx.db
      .insert(recognitions)
      .values(recognition(a.id, 'announcement'))
      .returning();
    const [imported, declared, rereviewed] = await t.ctx.db
      .insert(recognitions)
      .values([
        recognition(b.id, 'import', '江苏省专精特新中小企业'),
        recognition(b.id, 'declared', '自行填报的荣誉'),
        recognition(a.id, 'rereview'),
      ])
      .returning();
    await expectConsistent(3);
    expect((await actual()).map((r) => r.recognitionId)).not.toContain(declared!.id);

    // Revoked: gone. Valid again: back.
    await t.ctx.db.update(recognitions).set({ status: 'revoked' }).where(eq(recognitions.id, imported!.id));
    await expectConsistent(2);
    await t.ctx.db.update(recognitions).set({ status: 'valid' }).where(eq(recognitions.id, imported!.id));
    await expectConsistent(3);
    // Extended, re-titled, moved to another enterprise, a declared honour turned into an import.
    await t.ctx.db
      .update(recognitions)
      .set({ validTo: new Date('2029-04-09T23:59:59+08:00'), title: '创新型中小企业（复核）' })
      .where(eq(recognitions.id, rereviewed!.id));
    await t.ctx.db.update(recognitions).set({ enterpriseId: b.id }).where(eq(recognitions.id, announced!.id));
    await t.ctx.db.update(recognitions).set({ source: 'import' }).where(eq(recognitions.id, declared!.id));
    await expectConsistent(4);
    // The enterprise renamed, its credit code corrected: every one of its rows follows.
    await t.ctx.db
      .update(enterprises)
      .set({ name: '吴江名录一致性新材料有限公司', uscc: makeUscc(900_099) })
      .where(eq(enterprises.id, b.id));
    await expectConsistent(4);
    expect((await actual()).filter((r) => r.name === '吴江名录一致性新材料有限公司')).toHaveLength(3);
    // Another column of the enterprise changes nothing; deleting a recognition removes its row.
    await t.ctx.db.update(enterprises).set({ contactName: '王磊' }).where(eq(enterprises.id, a.id));
    await t.ctx.db.delete(recognitions).where(eq(recognitions.id, declared!.id));
    await expectConsistent(3);
  });

  it('changes in the same transaction: a rolled-back write leaves the table as it was', async () => {
    const before = await actual();
    const c = await enterprise(3, '太仓名录回滚测试有限公司');
    await expect(
      t.ctx.db.transaction(async (tx) => {
        await tx.insert(recognitions).values(recognition(c.id, 'announcement'));
        const inside = await tx.select().from(registryEntries).where(eq(registryEntries.enterpriseId, c.id));
        expect(inside).toHaveLength(1);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await actual()).toEqual(before);
    await expectConsistent(before.length);
  });

  it('the public lookup reads it: by name (3 characters at least), by full and partial credit code', async () => {
    const d = await enterprise(4, '常熟名录查询测试有限公司');
    await t.ctx.db.insert(recognitions).values(recognition(d.id, 'announcement'));
    const names = async (q: string) =>
      ((await search(q)).json() as RegistryResponse).items.map((i) => i.enterpriseName);
    expect(await names('名录查询')).toEqual(['常熟名录查询测试有限公司']);
    expect(await names('常熟名')).toEqual(['常熟名录查询测试有限公司']);
    expect(await names(d.uscc)).toEqual(['常熟名录查询测试有限公司']);
    expect(await names(d.uscc.toLowerCase())).toEqual(['常熟名录查询测试有限公司']);
    expect(await names(d.uscc.slice(8, 16))).toEqual(['常熟名录查询测试有限公司']);
    // Revoked: no longer found.
    await t.ctx.db.update(recognitions).set({ status: 'revoked' }).where(eq(recognitions.enterpriseId, d.id));
    expect(await names('名录查询')).toEqual([]);
  });

  it('a name shorter than 3 characters or a code shorter than 6 is refused with what to type', async () => {
    for (const q of ['名录', '常 熟', 'ab', '91320']) {
      const res = await search(q);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        fieldErrors: { q: '请输入企业名称（至少 3 个字）或统一社会信用代码（至少 6 位）' },
      });
    }
    expect((await search('913205')).statusCode).toBe(200);
  });
});
