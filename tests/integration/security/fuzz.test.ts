/**
 * Schema-driven fuzz (issue 17 item 6): for every route of the OpenAPI document, as each persona allowed to use it
 * and two that are not, a mostly valid
 * request (the access table's request for that route and persona) with ONE field made bad — a path parameter, a
 * query parameter the document declares, or a body field — by fast-check. No answer may be a 5xx, and a rejected
 * state-changing request (4xx) must leave every application table unchanged. Random junk everywhere would be
 * refused by the first check and find nothing; one bad field at a time reaches the code behind the checks.
 *
 * The seed is fixed so the suite is repeatable; FUZZ_SEED=<n> FUZZ_RUNS=<n> explore further.
 */
import fc from 'fast-check';
import { ROWS, type Row } from '../access/table';
import {
  buildWorld,
  databaseDigest,
  freshSession,
  PERSONAS,
  send,
  type PersonaKey,
  type Req,
  type World,
} from '../access/world';

const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
/** Bad requests per route and persona. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1);

interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}
interface OpenApiOp {
  parameters?: { name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
type Spec = { paths: Record<string, Record<string, OpenApiOp>> };

/** Strings that have broken real parsers: impossible dates, control and unpaired characters, huge and odd numbers. */
const NASTY_STRINGS = [
  '',
  ' ',
  '2026-02-30',
  '2026-13-45',
  '9999-99-99',
  '0000-00-00T00:00:00Z',
  'a\u0000b',
  'x\ud800',
  '\udc00',
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  'NaN',
  'Infinity',
  'true',
  'null',
  "' OR '1'='1' --",
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '%00',
  '%ZZ',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '９１３２０５８３ＭＡ０００００１',
  '𠮷𠮷𠮷',
  'x'.repeat(5000),
];

const badString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
);

const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: badString },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.integer(),
      fc.constantFrom(-1, 0, 1.5, 2 ** 53, -(2 ** 63), 1e308),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.array(badString, { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 8 }), badString, { maxKeys: 3 }),
      fc.constant({ __proto__: { polluted: true } }),
    ),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/**
 * Values that nearly fit the field's schema: the shape passes a naive check, the meaning does not (a date pattern
 * with an impossible day, a uuid that names nothing, a number past its range, an enum value in the wrong case).
 */
function nearMisses(schema: JsonSchema | undefined, name: string): unknown[] {
  const out: unknown[] = ['a\u0000b', 'x\ud800', 'x'.repeat(5000)];
  const s = schema?.anyOf?.find((x) => x.type !== 'null') ?? schema ?? {};
  const types = ([] as string[]).concat(s.type ?? []);
  const dateLike =
    s.format === 'date' ||
    s.format === 'date-time' ||
    (s.pattern ?? '').includes('\\d{4}') ||
    /(date|day|from|to|start|end|deadline|at)$/i.test(name);
  if (dateLike)
    out.push('2026-02-30', '2026-13-45', '9999-99-99', '2025-02-29T10:00:00+08:00', '2026-04-31T25:61:00Z');
  if (s.format === 'uuid' || /id$/i.test(name)) out.push('00000000-0000-4000-8000-000000000000', '1', '-1');
  if (types.includes('integer') || types.includes('number'))
    out.push(-1, 0, 1.5, 2 ** 53, 1e308, '12abc', 'NaN', '-0');
  if (s.enum?.length) out.push(String(s.enum[0]).toUpperCase() + '_', '');
  if (types.includes('array'))
    out.push(
      [],
      [null],
      Array.from({ length: 2000 }, () => 'x'),
      'not-an-array',
    );
  if (types.includes('object')) out.push({}, [], 'not-an-object', { nested: { deep: ['\u0000'] } });
  if (types.includes('boolean')) out.push('true', 1, null);
  return out;
}

/** A value as it would appear in a URL: lone surrogates cannot be percent-encoded, so they go as broken UTF-8. */
function urlPart(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
  try {
    return encodeURIComponent(s);
  } catch {
    return '%ED%A0%80';
  }
}

type Target = (
  | { where: 'path'; index: number; name: string }
  | { where: 'query'; name: string }
  | { where: 'body'; name: string }
) & { schema?: JsonSchema | undefined };

function targets(row: Row, op: OpenApiOp | undefined, base: Req): Target[] {
  const out: Target[] = [];
  const pattern = row.route.split(' ')[1]!.split('/');
  const params = op?.parameters ?? [];
  pattern.forEach((seg, index) => {
    if (seg.startsWith(':')) {
      const name = seg.slice(1);
      out.push({ where: 'path', index, name, schema: params.find((p) => p.name === name)?.schema });
    }
  });
  for (const p of params) if (p.in === 'query') out.push({ where: 'query', name: p.name, schema: p.schema });
  const bodyNames = new Set<string>();
  if (base.json && typeof base.json === 'object' && !Array.isArray(base.json)) {
    for (const k of Object.keys(base.json)) bodyNames.add(k);
  }
  const props = op?.requestBody?.content?.['application/json']?.schema?.properties ?? {};
  for (const k of Object.keys(props)) bodyNames.add(k);
  for (const name of bodyNames) out.push({ where: 'body', name, schema: props[name] });
  return out;
}

/** The base request with one target made bad. */
function spoil(base: Req, target: Target, value: unknown): Req {
  const [pathPart, queryPart = ''] = base.url.split('?');
  if (target.where === 'path') {
    const segs = pathPart!.split('/');
    segs[target.index] = urlPart(value);
    return { ...base, url: `${segs.join('/')}${queryPart ? `?${queryPart}` : ''}` };
  }
  if (target.where === 'query') {
    const q = new URLSearchParams(queryPart);
    q.delete(target.name);
    const rest = q.toString();
    const bad = value === undefined ? '' : `${encodeURIComponent(target.name)}=${urlPart(value)}`;
    const query = [rest, bad].filter(Boolean).join('&');
    return { ...base, url: `${pathPart}${query ? `?${query}` : ''}` };
  }
  const body = { ...((base.json as Record<string, unknown> | undefined) ?? {}) };
  if (value === undefined) delete body[target.name];
  else body[target.name] = value;
  // A file upload's JSON twin: the same route sent as JSON must be refused cleanly too.
  return { url: base.url, json: body };
}

/**
 * Writes a refusal makes by design: a failed login is counted (per account, and per account and address for the
 * lock: docs/adr/0018-account-safety.md), so a wrong password changes the counters and nothing else.
 */
const SIDE_EFFECTS_OF_REFUSAL: Record<string, string[]> = {
  'POST /api/v1/auth/login': ['login_failures', 'users'],
};

let w: World;
let spec: Spec;
beforeAll(async () => {
  w = await buildWorld();
  spec = (await w.t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Spec;
});
afterAll(async () => {
  await w?.t.close();
});

function opOf(row: Row): OpenApiOp | undefined {
  const [method, path] = row.route.split(' ') as [string, string];
  const openapiPath = path.replace(/:(\w+)/g, '{$1}');
  return spec.paths[openapiPath]?.[method.toLowerCase()];
}

/**
 * Every route but the document itself and the test-mode hooks (/api/v1/test/…: registered only with APP_MODE=test,
 * to let the suites build records; never in production).
 */
const FUZZED = ROWS.filter((r) => r.route !== 'GET /api/openapi.json' && !r.route.includes(' /api/v1/test/'));

const DENIED = [401, 403, 404];
/** Personas for the random round: those allowed to use the route, and two that are not (anonymous and one more). */
function personasFor(row: Row, i: number): PersonaKey[] {
  const allowed = PERSONAS.filter((p) => !DENIED.includes(row.expect[p] as number));
  const denied = PERSONAS.filter((p) => p !== 'anon' && DENIED.includes(row.expect[p] as number));
  const all: PersonaKey[] = [...allowed, ...(denied.length ? [denied[i % denied.length]!] : []), 'anon'];
  return all.filter((p, n) => all.indexOf(p) === n);
}

describe('one bad field at a time, every route', () => {
  it('covers every route of the OpenAPI document', () => {
    const documented = Object.entries(spec.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const fuzzed = new Set(FUZZED.map((r) => r.route));
    expect(documented.filter((r) => !fuzzed.has(r) && !r.includes(' /api/v1/test/'))).toEqual([]);
  });

  it('never answers 5xx, and a refused write changes nothing', async () => {
    const problems: string[] = [];
    let requests = 0;
    let rejected = 0;
    const started = Date.now();

    async function probe(
      row: Row,
      who: PersonaKey,
      base: Req,
      target: Target,
      value: unknown,
    ): Promise<void> {
      const [method] = row.route.split(' ') as [string];
      const req = spoil(base, target, value);
      const write = method !== 'GET';
      // Taken after the base request was prepared: preparing may itself create records (a fresh filing).
      const before = write ? await databaseDigest(w.t) : null;
      const client = row.ownSession ? await freshSession(w, who) : undefined;
      const res = await send(w, who, method, req, client);
      requests += 1;
      const label = `${row.route} as ${who}, ${target.where} ${target.name} = ${JSON.stringify(value)?.slice(0, 60)}`;
      if (res.statusCode >= 500) problems.push(`${label}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      if (write && res.statusCode >= 400) {
        rejected += 1;
        const after = await databaseDigest(w.t);
        const allowed = SIDE_EFFECTS_OF_REFUSAL[row.route] ?? [];
        const changed = Object.keys(before!).filter((t) => before![t] !== after[t] && !allowed.includes(t));
        if (changed.length)
          problems.push(`${label}: refused (${res.statusCode}) but changed ${changed.join(', ')}`);
      }
    }

    // 1. Every route, as each persona allowed to use it and two that are not: one field made bad with junk.
    const random = fc.sample(fc.tuple(fc.nat(), badValue), {
      seed: SEED,
      numRuns: FUZZED.length * PERSONAS.length * RUNS,
    });
    let k = 0;
    for (const [r, row] of FUZZED.entries()) {
      for (const who of personasFor(row, r)) {
        for (let run = 0; run < RUNS; run++) {
          const [pick, value] = random[k++]!;
          const base = await row.request(w, who);
          const ts = targets(row, opOf(row), base);
          if (ts.length) await probe(row, who, base, ts[pick % ts.length]!, value);
        }
      }
    }

    // 2. Every field of every route, as a persona allowed to use it: values that nearly fit the field's schema.
    const picks = fc.sample(fc.nat(), { seed: SEED + 1, numRuns: 4000 });
    let j = 0;
    for (const row of FUZZED) {
      const allowed = PERSONAS.filter((p) => !DENIED.includes(row.expect[p] as number));
      if (!allowed.length) continue;
      const base0 = await row.request(w, allowed[0]!);
      for (const [i, target] of targets(row, opOf(row), base0).entries()) {
        const who = allowed[i % allowed.length]!;
        const base = await row.request(w, who);
        const misses = nearMisses(target.schema, target.name);
        const specific = misses.length > 3 ? misses[3] : misses[0];
        const any = misses[picks[j++ % picks.length]! % misses.length];
        for (const value of new Set([specific, any])) await probe(row, who, base, target, value);
      }
    }

    console.info(
      `fuzz: ${requests} requests (${rejected} refused writes) in ${((Date.now() - started) / 1000).toFixed(1)} s, seed ${SEED}`,
    );
    expect(problems).toEqual([]);
    // About 45 s on a quiet machine; the limit leaves room for a loaded CI machine.
  }, 240_000);
});
