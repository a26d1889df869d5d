/**
 * THE policy (ADR 0032): every subject's table merged into one, so a role-only question — "may a city reviewer
 * ever publish a list?" — has one answer for the server's routes (`authorize`), the web menu (`govPageRoles`)
 * and the tests. Record-level questions go to the subject's own `can(actor, action, record)`, whose row filter
 * is the subject's `scope(actor)` (the server's SQL twin).
 */
import { ADMIN_POLICY } from './admin';
import { CLEARANCE_POLICY } from './clearance';
import { ENTERPRISE_POLICY } from './enterprise';
import { EVALUATION_POLICY } from './evaluation';
import { EXPORT_POLICY } from './exchange';
import { FILING_POLICY } from './filing';
import { ROLES, type Actor, type GovRole, type Role } from './index';
import { LIST_POLICY } from './list';
import type { Rule } from './rule';
import { STATISTICS_POLICY } from './statistics';

export const POLICY = {
  ...FILING_POLICY,
  ...EVALUATION_POLICY,
  ...LIST_POLICY,
  ...CLEARANCE_POLICY,
  ...EXPORT_POLICY,
  ...STATISTICS_POLICY,
  ...ENTERPRISE_POLICY,
  ...ADMIN_POLICY,
};

export type Action = keyof typeof POLICY;

/** The record an action is decided on (never for a role-only action). */
export type RecordOf<A extends Action> = (typeof POLICY)[A] extends {
  when: (a: Actor, r: infer R) => boolean;
}
  ? R
  : never;
/** The actions with a record condition. */
export type RecordAction = { [A in Action]: RecordOf<A> extends never ? never : A }[Action];

export const ACTIONS = Object.keys(POLICY) as Action[];

/** The roles that may ever do the action (whatever the record). */
export function rolesFor(action: Action): readonly Role[] {
  return (POLICY[action] as Rule<unknown>).roles;
}

/** Whether the role may ever do the action: the route-level check. */
export function allows(role: Role, action: Action): boolean {
  return rolesFor(action).includes(role);
}

/** Whether the actor may do the action on the record: the role, then the subject's record condition. */
export function permits<A extends Action>(actor: Actor | null, action: A, record: RecordOf<A>): boolean {
  const rule = POLICY[action] as Rule<RecordOf<A>>;
  if (!actor || !rule.roles.includes(actor.role)) return false;
  return rule.when ? rule.when(actor, record) : true;
}

/**
 * The government console's roles for a page whose work is `action` (the web menu's matrix): the roles the policy
 * admits, in ROLES order, enterprises left out (they have their own area).
 */
export function govPageRoles(action: Action): GovRole[] {
  return ROLES.filter((r): r is GovRole => r !== 'enterprise' && allows(r, action));
}

/** The action that decides revealing a masked number, by what it is shown on (an objector's: the list's readers). */
export function revealAction(targetType: 'enterprise' | 'filing' | 'objection'): Action {
  return targetType === 'objection' ? 'list.read' : 'pii.reveal';
}
