/**
 * The SQL scopes against the shared policy (ADR 0032): on random rows of a fresh test database, for every scope
 * of src/server/permissions/sql.ts (and the filings module's `filingScope` and `enterpriseScope`) and many
 * generated actors, the rows `WHERE scope(actor)` returns are exactly those for which the shared `can()` /
 * `matches(scope)` holds. Each run's rows are written in a transaction that is rolled back; the database is
 * dropped at the end.
 */
import crypto from 'node:crypto';
import { and, inArray, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, AnyPgTable } from 'drizzle-orm/pg-core';
import fc from 'fast-check';
import type { Tx } from '../../../src/server/db/client';
import {
  clearances,
  enterprises,
  evaluations,
  filings,
  recognitionLists,
} from '../../../src/server/db/schema';
import { ensureDefaultCampaign } from '../../../src/server/modules/campaigns/service';
import { enterpriseScope, filingScope } from '../../../src/server/modules/filings/scope';
import {
  clearanceScope,
  enterpriseRegionScope,
  evaluationFilingScope,
  evaluationScope,
  exportScope,
  listScope,
  qualityWriteScope,
} from '../../../src/server/permissions/sql';
import { ROLES, type Actor, type Role } from '../../../src/shared/permissions';
import { can as canFiling } from '../../../src/shared/permissions/can';
import { can as canClearance } from '../../../src/shared/permissions/clearance';
import { can as canEnterprise } from '../../../src/shared/permissions/enterprise';
import * as evaluation from '../../../src/shared/permissions/evaluation';
import { can as canExport } from '../../../src/shared/permissions/exchange';
import { can as canList } from '../../../src/shared/permissions/list';
import { matches } from '../../../src/shared/permissions/scope';
import { FILING_KINDS, FILING_STATUSES, type FilingStatus } from '../../../src/shared/schemas/filing-api';
import { createTestApp, type TestApp } from '../../helpers/test-app';

const COUNTIES = ['320583', '320509', '320102', '320115', '320214'];
const CITIES = ['320500', '320100', '320200'];
const YEARS = [2021, 2022, 2023, 2024, 2025, 2026];
const ENTERPRISES = 8;

let t: TestApp;
let campaignIds: string[];

beforeAll(async () => {
  t = await createTestApp();
  campaignIds = [];
  for (const y of YEARS) campaignIds.push((await ensureDefaultCampaign(t.ctx, y)).id);
});

afterAll(async () => {
  await t?.close();
});

// ---------------------------------------------------------------------------------------------------------
// Generated rows: enterprises, filings (some evaluated), lists, clearances, placed anywhere (null included
// where the column allows it), the pairs of county and city not necessarily consistent.

const county = fc.constantFrom(...COUNTIES);
const city = fc.constantFrom(...CITIES);
const entIdx = fc.integer({ min: 0, max: ENTERPRISES - 1 });
const campIdx = fc.integer({ min: 0, max: YEARS.length - 1 });

const arbWorld = fc.record({
  enterprises: fc.array(fc.record({ countyCode: fc.option(county), cityCode: fc.option(city) }), {
    minLength: ENTERPRISES,
    maxLength: ENTERPRISES,
  }),
  filings: fc.uniqueArray(
    fc.record({
      e: entIdx,
      c: campIdx,
      kind: fc.constantFrom(...FILING_KINDS),
      status: fc.constantFrom<FilingStatus>(...FILING_STATUSES),
      countyCode: fc.option(county),
      cityCode: fc.option(city),
      evaluation: fc.option(fc.record({ countyCode: county, cityCode: city })),
    }),
    { minLength: 10, maxLength: 40, selector: (f) => `${f.e}/${f.c}/${f.kind}` },
  ),
  lists: fc.uniqueArray(fc.record({ c: campIdx, cityCode: city }), {
    maxLength: 12,
    selector: (l) => `${l.c}/${l.cityCode}`,
  }),
  clearances: fc.uniqueArray(fc.record({ e: entIdx, c: campIdx, countyCode: county, cityCode: city }), {
    maxLength: 20,
    selector: (x) => `${x.e}/${x.c}`,
  }),
});
type GenWorld = typeof arbWorld extends fc.Arbitrary<infer W> ? W : never;

/** An actor: any role, a region of the set (or the province's, an empty one, none), one of the generated
 * enterprises (by index), an enterprise with no rows, or none. */
const arbActor = fc.record({
  role: fc.constantFrom<Role>(...ROLES),
  regionCode: fc.constantFrom<string | null>(...COUNTIES, ...CITIES, '320000', '', null),
  enterprise: fc.oneof(entIdx, fc.constantFrom<'stranger' | null>('stranger', null)),
});
type GenActor = typeof arbActor extends fc.Arbitrary<infer A> ? A : never;

interface Inserted {
  enterprises: (typeof enterprises.$inferSelect)[];
  filings: (typeof filings.$inferSelect)[];
  evaluations: (typeof evaluations.$inferSelect)[];
  lists: (typeof recognitionLists.$inferSelect)[];
  clearances: (typeof clearances.$inferSelect)[];
}

async function insertWorld(tx: Tx, w: GenWorld): Promise<Inserted> {
  const ents = await tx
    .insert(enterprises)
    .values(
      w.enterprises.map((e, i) => ({
        name: `范围测试企业${i}`,
        uscc: `91SCOPE${crypto.randomBytes(6).toString('hex').toUpperCase()}`,
        contactName: '张三',
        contactMobile: '13800000000',
        countyCode: e.countyCode,
        cityCode: e.cityCode,
      })),
    )
    .returning();
  const fils = await tx
    .insert(filings)
    .values(
      w.filings.map((f) => ({
        enterpriseId: ents[f.e]!.id,
        campaignId: campaignIds[f.c]!,
        kind: f.kind,
        status: f.status,
        countyCode: f.countyCode,
        cityCode: f.cityCode,
        enterpriseName: ents[f.e]!.name,
        uscc: ents[f.e]!.uscc,
      })),
    )
    .returning();
  const evaluated = w.filings.flatMap((f, i) => (f.evaluation ? [{ f: fils[i]!, r: f.evaluation }] : []));
  const evals =
    evaluated.length === 0
      ? []
      : await tx
          .insert(evaluations)
          .values(
            evaluated.map(({ f, r }) => ({
              filingId: f.id,
              campaignId: f.campaignId,
              enterpriseId: f.enterpriseId,
              countyCode: r.countyCode,
              cityCode: r.cityCode,
              standardId: 'innovative-sme-2022',
              input: {},
              result: {},
            })),
          )
          .returning();
  const lists =
    w.lists.length === 0
      ? []
      : await tx
          .insert(recognitionLists)
          .values(
            w.lists.map((l) => ({
              campaignId: campaignIds[l.c]!,
              cityCode: l.cityCode,
              title: '范围测试名单',
              issuingDepartment: '工业和信息化局',
            })),
          )
          .returning();
  const clrs =
    w.clearances.length === 0
      ? []
      : await tx
          .insert(clearances)
          .values(
            w.clearances.map((x) => ({
              campaignId: campaignIds[x.c]!,
              enterpriseId: ents[x.e]!.id,
              countyCode: x.countyCode,
              cityCode: x.cityCode,
              reason: '范围测试',
            })),
          )
          .returning();
  return { enterprises: ents, filings: fils, evaluations: evals, lists, clearances: clrs };
}

function actorOf(a: GenActor, ins: Inserted): Actor {
  const enterpriseId =
    a.enterprise === null
      ? null
      : a.enterprise === 'stranger'
        ? crypto.randomUUID()
        : ins.enterprises[a.enterprise]!.id;
  return {
    userId: 'u',
    username: 'u',
    displayName: 'u',
    role: a.role,
    regionCode: a.regionCode,
    enterpriseId,
  };
}

/** The ids of the table's rows among `rows` that the scope selects, sorted. */
async function selected(
  tx: Tx,
  table: AnyPgTable & { id: AnyPgColumn },
  rows: { id: string }[],
  scope: SQL,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const got = await tx
    .select({ id: table.id })
    .from(table)
    .where(
      and(
        inArray(
          table.id,
          rows.map((r) => r.id),
        ),
        scope,
      ),
    );
  return got.map((r) => r.id as string).sort();
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

/** Every scope, with the rows it runs over and the shared predicate it must equal. */
async function checkActor(tx: Tx, ins: Inserted, actor: Actor | null): Promise<void> {
  const who = JSON.stringify(actor);
  const evalScope = evaluation.scope(actor);

  expect(
    await selected(tx, evaluations, ins.evaluations, evaluationScope(actor)),
    `evaluationScope ${who}`,
  ).toEqual(ids(ins.evaluations.filter((e) => evaluation.can(actor, 'evaluation.read', e))));
  expect(
    ins.evaluations.every((e) => matches(evalScope, e) === evaluation.can(actor, 'evaluation.read', e)),
  ).toBe(true);
  expect(
    await selected(tx, filings, ins.filings, evaluationFilingScope(actor)),
    `evaluationFilingScope ${who}`,
  ).toEqual(ids(ins.filings.filter((f) => matches(evalScope, f))));
  expect(await selected(tx, recognitionLists, ins.lists, listScope(actor)), `listScope ${who}`).toEqual(
    ids(ins.lists.filter((l) => canList(actor, 'list.read', l))),
  );
  expect(await selected(tx, filings, ins.filings, exportScope(actor)), `exportScope ${who}`).toEqual(
    ids(ins.filings.filter((f) => canExport(actor, 'export.filings', f))),
  );
  expect(
    await selected(tx, clearances, ins.clearances, clearanceScope(actor)),
    `clearanceScope ${who}`,
  ).toEqual(
    ids(
      ins.clearances.filter(
        (c) => canClearance(actor, 'clearance.read', c) || canClearance(actor, 'clearance.own', c),
      ),
    ),
  );
  const placed = (e: typeof enterprises.$inferSelect) => ({
    enterpriseId: e.id,
    countyCode: e.countyCode,
    cityCode: e.cityCode,
  });
  expect(
    await selected(tx, enterprises, ins.enterprises, enterpriseRegionScope(actor)),
    `enterpriseRegionScope ${who}`,
  ).toEqual(ids(ins.enterprises.filter((e) => canEnterprise(actor, 'enterprise.read', placed(e)))));
  expect(
    await selected(tx, enterprises, ins.enterprises, qualityWriteScope(actor)),
    `qualityWriteScope ${who}`,
  ).toEqual(ids(ins.enterprises.filter((e) => canEnterprise(actor, 'quality.write', placed(e)))));
  expect(
    await selected(tx, enterprises, ins.enterprises, enterpriseScope(actor)),
    `enterpriseScope ${who}`,
  ).toEqual(
    ids(
      ins.enterprises.filter(
        (e) =>
          canEnterprise(actor, 'enterprise.own', placed(e)) ||
          canEnterprise(actor, 'enterprise.read', placed(e)),
      ),
    ),
  );
  expect(await selected(tx, filings, ins.filings, filingScope(actor)), `filingScope ${who}`).toEqual(
    ids(ins.filings.filter((f) => canFiling(actor, 'read', { ...f, status: f.status as FilingStatus }))),
  );
}

class Rollback extends Error {}

describe('the SQL scopes select exactly the rows the shared policy allows', () => {
  it('on random rows, for many actors (each run rolled back)', async () => {
    await fc.assert(
      fc.asyncProperty(arbWorld, fc.array(arbActor, { minLength: 20, maxLength: 40 }), async (w, actors) => {
        await t.ctx.db
          .transaction(async (tx) => {
            const ins = await insertWorld(tx, w);
            for (const a of actors) await checkActor(tx, ins, actorOf(a, ins));
            // Nobody (no session) reaches nothing.
            await checkActor(tx, ins, null);
            throw new Rollback();
          })
          .catch((e: unknown) => {
            if (!(e instanceof Rollback)) throw e;
          });
      }),
      { numRuns: 6 },
    );
  });

  it('leaves no generated row behind', async () => {
    const left = await t.ctx.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(
        inArray(
          enterprises.name,
          [...Array(ENTERPRISES).keys()].map((i) => `范围测试企业${i}`),
        ),
      );
    expect(left).toEqual([]);
  });
});
