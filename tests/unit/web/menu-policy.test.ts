/**
 * The government menu derives from the policy table (ADR 0032): each role sees exactly the pages whose action the
 * policy grants it, and every page's action is one the server's routes authorise (so the menu cannot name an
 * action no route checks).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES, type GovRole } from '../../../src/shared/permissions';
import { allows, POLICY } from '../../../src/shared/permissions/policy';
import { GOV_PAGES, govPageAllowed, govPagesFor } from '../../../src/web/pages/gov/menu';

const GOV_ROLES = ROLES.filter((r): r is GovRole => r !== 'enterprise');
const MODULES = join(__dirname, '../../../src/server/modules');

/** Every action a route file passes to authorize(request, …) or allows(…, …). */
function routeActions(): Set<string> {
  const out = new Set<string>();
  for (const d of readdirSync(MODULES)) {
    const p = join(MODULES, d, 'routes.ts');
    if (!existsSync(p)) continue;
    for (const m of readFileSync(p, 'utf8').matchAll(
      /(?:authorize\(request|allows\(actor\.role), '([a-z_.]+)'\)/g,
    ))
      out.add(m[1]!);
  }
  return out;
}

describe('the government menu and the policy', () => {
  for (const role of GOV_ROLES) {
    it(`${role} sees exactly the pages the policy allows`, () => {
      const expected = GOV_PAGES.filter((p) => allows(role, p.action)).map((p) => p.path);
      expect(govPagesFor(role).map((p) => p.path)).toEqual(expected);
      for (const p of GOV_PAGES) expect(govPageAllowed(p.path, role)).toBe(allows(role, p.action));
    });
  }

  it('every page names an action of the table that a route authorises', () => {
    const used = routeActions();
    for (const p of GOV_PAGES) {
      expect(Object.keys(POLICY)).toContain(p.action);
      // 'self.use' is every signed-in user's: the home and the message centre need a session only.
      if (p.action !== 'self.use') expect(used, `${p.label} (${p.action})`).toContain(p.action);
    }
  });

  it('keeps 三员分立: no administrator sees a business page, the audit log is the auditor’s alone', () => {
    const business = [
      'reviews',
      'evaluation',
      'lists',
      'province/lists',
      'exchange',
      'quality',
      'cycle',
      'stats',
    ];
    for (const role of ['admin', 'security_admin', 'audit_admin'] as const) {
      for (const path of business) expect(govPageAllowed(path, role)).toBe(false);
    }
    expect(GOV_ROLES.filter((r) => govPageAllowed('audit', r))).toEqual(['audit_admin']);
  });
});
