/**
 * One table-driven access test (issue 5): every API route of the app × eleven personas — enterprise A (昆山),
 * enterprise B (吴江), the 昆山 and 吴江 county reviewers, the 苏州 and 南京 city reviewers, the province, the
 * three administrators (系统, 安全, 审计: 三员分立) and an anonymous visitor — with the answer each must get (table.ts). The route list comes from
 * the app itself, so a route added without a row in the table fails this test, and so does a row whose route is
 * gone. State-changing rows ask every denied persona first and check the database did not change.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ROWS, type Expected, type Row } from './table';
import {
  buildWorld,
  databaseDigest,
  freshSession,
  PERSONAS,
  send,
  type PersonaKey,
  type World,
} from './world';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Every route the app registered, as "METHOD /path", read from Fastify's route tree (printRoutes), which also
 * lists the routes hidden from the OpenAPI document. HEAD routes are Fastify's automatic twins of GET routes.
 */
export function registeredRoutes(app: FastifyInstance): string[] {
  const tree = app.printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const out = new Set<string>();
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const path = stack.join('');
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim())) {
      // The API, and /metrics (outside /api/ for Prometheus's default path, but no less a route to guard).
      if (
        (METHODS as readonly string[]).includes(method) &&
        (path.startsWith('/api/') || path === '/metrics')
      )
        out.add(`${method} ${path}`);
    }
  }
  return [...out].sort();
}

const CODES: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };
const DENIED = new Set([401, 403, 404]);

function mismatch(res: LightMyRequestResponse, expected: Expected): string | null {
  if (expected === 'allowed') {
    if (DENIED.has(res.statusCode) || res.statusCode >= 500) return `expected to be allowed`;
    return null;
  }
  if (res.statusCode !== expected) return `expected ${expected}`;
  const code = CODES[expected];
  if (code) {
    const body = res.json() as { code?: string };
    if (body.code !== code) return `expected code ${code}`;
  }
  return null;
}

let w: World;
beforeAll(async () => {
  w = await buildWorld();
});
afterAll(async () => {
  await w?.t.close();
});

describe('the route list', () => {
  it('every registered API route has a row in the access table, and every row a route', () => {
    const registered = registeredRoutes(w.t.app);
    const tabled = ROWS.map((r) => r.route);
    const duplicates = tabled.filter((r, i) => tabled.indexOf(r) !== i);
    expect(duplicates).toEqual([]);
    const missing = registered.filter((r) => !tabled.includes(r));
    const stale = tabled.filter((r) => !registered.includes(r));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('the route tree lists every route of the OpenAPI document', async () => {
    const spec = (await w.t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(documented.length).toBeGreaterThan(80);
    const registered = registeredRoutes(w.t.app);
    expect(documented.filter((r) => !registered.includes(r))).toEqual([]);
  });
});

/** Read-only rows first, then the state-changing ones in table order (the last rows change A's filing). */
const ORDERED: Row[] = [...ROWS.filter((r) => !r.mutates), ...ROWS.filter((r) => r.mutates)];

describe('who gets what', () => {
  for (const row of ORDERED) {
    it(row.route, async () => {
      const [method] = row.route.split(' ');
      const problems: string[] = [];
      const ask = async (who: PersonaKey, prepared?: Awaited<ReturnType<Row['request']>>) => {
        const req = prepared ?? (await row.request(w, who));
        const client = row.ownSession ? await freshSession(w, who) : undefined;
        const res = await send(w, who, method!, req, client);
        const problem = mismatch(res, row.expect[who]);
        if (problem) {
          problems.push(`${who}: ${problem}, got ${res.statusCode} ${res.body.slice(0, 160)}`);
        } else if (row.check && res.statusCode < 300) {
          try {
            await row.check(res, who, w);
          } catch (err) {
            problems.push(`${who}: ${(err as Error).message.slice(0, 300)}`);
          }
        }
      };

      if (row.mutates) {
        // Denied personas first: their requests are prepared, then the database must not change.
        const denied = PERSONAS.filter((p) => DENIED.has(row.expect[p] as number));
        const prepared = [];
        for (const who of denied) prepared.push(await row.request(w, who));
        const before = await databaseDigest(w.t);
        for (const [i, who] of denied.entries()) await ask(who, prepared[i]);
        const after = await databaseDigest(w.t);
        const changed = Object.keys(before).filter((k) => before[k] !== after[k]);
        if (changed.length) problems.push(`denied requests changed tables: ${changed.join(', ')}`);
        for (const who of PERSONAS.filter((p) => !denied.includes(p))) await ask(who);
      } else {
        for (const who of PERSONAS) await ask(who);
      }
      expect(problems).toEqual([]);
    });
  }
});
