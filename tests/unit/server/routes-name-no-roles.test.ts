/**
 * Route files name no role lists (ADR 0032): a route asks the policy table — `authorize(request, 'list.create')`
 * or `authorize(actor, 'list.manage', list)` — instead of spelling out which roles may call it. This test reads
 * every src/server/modules/<module>/routes.ts and fails on a role set in any shape: an array literal of role
 * names, a `Role[]` constant, `requireActor` given a role set, `roles.includes(actor.role)`.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '../../../src/shared/permissions';

const MODULES = join(__dirname, '../../../src/server/modules');

function routeFiles(): string[] {
  return readdirSync(MODULES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(MODULES, d.name, 'routes.ts'))
    .filter((p) => existsSync(p));
}

/** The offending lines of a route file's source (a role set in any of its shapes), with their numbers. */
export function roleListLines(source: string): string[] {
  const role = `['"\`](?:${ROLES.join('|')})['"\`]`;
  const shapes = [
    // An array literal holding a role name: ['city_reviewer', 'province'].
    new RegExp(`\\[[^\\]]*${role}`),
    // A typed role set: readonly Role[], Role[], Record<…, readonly Role[]>.
    /\bRole\[\]/,
    // A role set handed to the session check.
    /requireActor\([^)]*,/,
    // A role set asked about its member.
    /\.includes\([^)]*\.role\)/,
  ];
  const lines = source.split('\n');
  const hits = new Set<number>();
  lines.forEach((line, i) => {
    if (shapes.some((re) => re.test(line))) hits.add(i);
  });
  // An array literal of role names that a formatter spread over several lines.
  for (const m of source.matchAll(new RegExp(`\\[[^\\]\\[]*?${role}`, 'g'))) {
    hits.add(source.slice(0, m.index + m[0].length).split('\n').length - 1);
  }
  return [...hits].sort((a, b) => a - b).map((i) => `${i + 1}: ${lines[i]!.trim()}`);
}

describe('route files name no role lists', () => {
  it('finds the route files', () => {
    expect(routeFiles().length).toBeGreaterThanOrEqual(15);
  });

  it('the detector catches the shapes a role list takes', () => {
    expect(roleListLines("const GOV: readonly Role[] = ['county_reviewer', 'city_reviewer'];")).toHaveLength(
      1,
    );
    expect(roleListLines("const ADMIN = ['admin'] as const;")).toHaveLength(1);
    expect(roleListLines('requireActor(request, MANAGERS);')).toHaveLength(1);
    expect(roleListLines('if (!WRITERS.includes(actor.role)) {')).toHaveLength(1);
    expect(
      roleListLines("const ROLES_OF: Record<T, readonly Role[]> = { objection: ['province'] };"),
    ).toHaveLength(1);
    expect(roleListLines("const actor = authorize(request, 'list.create');")).toEqual([]);
    expect(roleListLines('const actor = requireActor(request);')).toEqual([]);
    expect(roleListLines("const LIST = [\n  'city_reviewer',\n  'province',\n] as const;")).toEqual([
      "2: 'city_reviewer',",
    ]);
  });

  for (const file of routeFiles()) {
    const name = file.slice(MODULES.length + 1);
    it(name, () => {
      expect(roleListLines(readFileSync(file, 'utf8'))).toEqual([]);
    });
  }
});
