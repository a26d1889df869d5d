import fc from 'fast-check';
import { ADMIN_POLICY, can, type AdminAction } from './admin';
import { ROLES, type Actor, type Role } from './index';
import { actorsOver } from './policy-arbitraries.testkit';

/**
 * The administration table against a reference written independently of it (ADR 0032): per role, what it
 * may do (三员分立 — the system administrator runs accounts, review units, SMS and campaigns but no audit log
 * and no security policy; the security administrator the security settings and password resets; the audit
 * administrator reads the audit log only). Role-only: the region and enterprise of the actor change nothing.
 */
const MAY: Record<Role, readonly AdminAction[]> = {
  enterprise: ['self.use'],
  county_reviewer: ['settings.read', 'standard.read', 'self.use'],
  city_reviewer: ['settings.read', 'standard.read', 'self.use'],
  province: [
    'campaign.manage',
    'settings.read',
    'settings.write',
    'standard.read',
    'standard.edit',
    'self.use',
  ],
  admin: ['account.read', 'account.manage', 'review_unit.read', 'sms.manage', 'campaign.manage', 'self.use'],
  security_admin: ['account.read', 'account.reset_password', 'security.manage', 'self.use'],
  audit_admin: ['audit.read', 'self.use'],
};

const reference = (a: Actor, action: AdminAction): boolean => MAY[a.role].includes(action);

const arbActor = actorsOver(['320583', '320500', '320000', '', null], ['e-1', null]);
const arbAction = fc.constantFrom(...(Object.keys(ADMIN_POLICY) as AdminAction[]));

describe('administration policy against the reference (property)', () => {
  it('agrees on every actor and action', () => {
    fc.assert(
      fc.property(arbActor, arbAction, (a, action) => {
        expect(can(a, action)).toBe(reference(a, action));
      }),
      { numRuns: 3000 },
    );
  });

  it('names no action the table lacks', () => {
    const actions = new Set(Object.keys(ADMIN_POLICY));
    for (const role of ROLES) for (const action of MAY[role]) expect(actions.has(action)).toBe(true);
  });

  it('refuses everything to nobody', () => {
    fc.assert(
      fc.property(arbAction, (action) => {
        expect(can(null, action)).toBe(false);
      }),
    );
  });
});
