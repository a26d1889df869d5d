/**
 * Issue #15: the owner's save of an editable section is, after the session lookup (none when the session is cached,
 * ADR 36), two statements and no BEGIN/COMMIT — an unlocked read, then one write statement that locks the filing
 * row only if it is still the version the checks were made on. When another write changed the filing between the
 * two, nothing is written and the save runs again as one locked transaction, which decides as it always did. The
 * statements are counted at the driver; the interleavings are forced by running the other write just before the
 * save's write statement.
 */
import { and, eq, sql } from 'drizzle-orm';
import { auditEvents, filings, filingSections } from '../../../src/server/db/schema';
import { sampleSections } from '../../../src/shared/filing/fixtures';
import { createEnterprise, usccIn } from '../../helpers/personas';
import { expectStatus, getFiling, saveSection, setup, start, YEAR, type Fixture } from './flow';

let f: Fixture;
beforeAll(async () => {
  f = await setup();
});
afterAll(async () => {
  await f.t.close();
});

const sample = sampleSections({ campaignYear: YEAR });

let n = 0;
/** A new 昆山 enterprise per case: one draft per enterprise and campaign. */
async function owner() {
  n += 1;
  const e = await createEnterprise(f.t, {
    name: `昆山快速保存测试${n}有限公司`,
    uscc: usccIn('320583', 100 + n),
    countyCode: '320583',
    cityCode: '320500',
  });
  return e.client;
}

/** The driver under the app's Drizzle instance and under ctx.database.query: the PGlite instance, or the pg pool. */
function driver(): { query: (...args: unknown[]) => unknown } {
  return (f.t.ctx.db as unknown as { session: { client: { query: (...args: unknown[]) => unknown } } })
    .session.client;
}

const textOf = (q: unknown): string => (typeof q === 'string' ? q : String((q as { text?: unknown }).text));

/** Every statement sent while `run` runs; `before` runs (once) just before the fast path's write statement. */
async function around<T>(run: () => Promise<T>, before?: () => Promise<void>) {
  const d = driver();
  const original = d.query.bind(d);
  const statements: string[] = [];
  let pending = before;
  const spy = vi.spyOn(d, 'query').mockImplementation(async (...args: unknown[]) => {
    const text = textOf(args[0]);
    statements.push(text);
    if (pending && text.includes('with f0 as')) {
      const other = pending;
      pending = undefined;
      spy.mockRestore();
      await other();
      return original(...args);
    }
    return original(...args);
  });
  try {
    return { result: await run(), statements };
  } finally {
    spy.mockRestore();
  }
}

async function saveAudits(id: string) {
  return f.t.ctx.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'filing.section_save'), eq(auditEvents.targetId, id)));
}

async function sectionRow(id: string, section: string) {
  const [row] = await f.t.ctx.db
    .select()
    .from(filingSections)
    .where(and(eq(filingSections.filingId, id), eq(filingSections.section, section)));
  return row!;
}

describe('the section save fast path', () => {
  it('is the session lookup, one read and one write statement: no transaction', async () => {
    const client = await owner();
    const d = await start(client, 'entry');
    const { result, statements } = await around(() =>
      saveSection(client, d.id, 'basic', sample.basic, d.sections.basic.version),
    );
    expectStatus(result, 200);
    // The session lookup, unless the process's session cache holds the session (docs/adr/0036-session-cache.md).
    const save = statements[0]?.includes('from "sessions"') ? statements.slice(1) : statements;
    expect(save).toHaveLength(2);
    expect(save[0]).toContain('xmin');
    expect(save[1]).toContain('with f0 as');
    expect(statements.some((s) => /^\s*begin/i.test(s))).toBe(false);
    expect(result.json()).toMatchObject({ section: 'basic', version: d.sections.basic.version + 1 });
    const row = await sectionRow(d.id, 'basic');
    expect(row.version).toBe(d.sections.basic.version + 1);
    expect(row.data).toEqual(result.json().data);
    expect(await saveAudits(d.id)).toHaveLength(1);
  });

  it('a conflict (a stale version) writes nothing and no audit row', async () => {
    const client = await owner();
    const d = await start(client, 'entry');
    const v = d.sections.products.version;
    expectStatus(await saveSection(client, d.id, 'products', sample.products, v), 200);
    const before = await sectionRow(d.id, 'products');
    const res = await saveSection(client, d.id, 'products', { ...sample.products }, v);
    expectStatus(res, 409);
    expect(res.json()).toMatchObject({ code: 'CONFLICT' });
    expect(await sectionRow(d.id, 'products')).toEqual(before);
    expect(await saveAudits(d.id)).toHaveLength(1);
  });

  it('a submit-like status change committed between the read and the write: refused, nothing written', async () => {
    const client = await owner();
    const d = await start(client, 'entry');
    const before = await sectionRow(d.id, 'operations');
    const { result } = await around(
      () => saveSection(client, d.id, 'operations', sample.operations, d.sections.operations.version),
      async () => {
        await f.t.ctx.db
          .update(filings)
          .set({ status: 'county_review', statusVersion: sql`${filings.statusVersion} + 1` })
          .where(eq(filings.id, d.id));
      },
    );
    expectStatus(result, 409);
    expect(result.json()).toMatchObject({ code: 'INVALID_STATE' });
    expect(result.json().message).toContain('审核');
    expect(await sectionRow(d.id, 'operations')).toEqual(before);
    expect(await saveAudits(d.id)).toHaveLength(0);
  });

  it("another section's save between the read and the write: the save goes the locked way and lands once", async () => {
    const client = await owner();
    const d = await start(client, 'entry');
    const { result, statements } = await around(
      () => saveSection(client, d.id, 'innovation', sample.innovation, d.sections.innovation.version),
      async () => {
        expectStatus(await saveSection(client, d.id, 'basic', sample.basic, d.sections.basic.version), 200);
      },
    );
    expectStatus(result, 200);
    // The fast path's write found the row changed and wrote nothing; the locked transaction wrote it.
    expect(statements.filter((s) => s.includes('with f0 as'))).toHaveLength(1);
    expect(result.json()).toMatchObject({ version: d.sections.innovation.version + 1 });
    expect((await sectionRow(d.id, 'innovation')).version).toBe(d.sections.innovation.version + 1);
    const audits = await saveAudits(d.id);
    expect(audits.map((a) => (a.details as { section: string }).section).sort()).toEqual([
      'basic',
      'innovation',
    ]);
    const detail = await getFiling(client, d.id);
    expect(detail.sections.basic.version).toBe(d.sections.basic.version + 1);
  });

  it("another enterprise's save of the filing: not found, as before, and nothing written", async () => {
    const d = await start(await owner(), 'entry');
    const res = await saveSection(
      f.p.wjEnterprise.client,
      d.id,
      'basic',
      sample.basic,
      d.sections.basic.version,
    );
    expectStatus(res, 404);
    expect((await sectionRow(d.id, 'basic')).version).toBe(d.sections.basic.version);
  });
});
