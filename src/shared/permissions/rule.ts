/**
 * The shape of a policy table (ADR 0032): per action, the roles that may ever do it and — for a record-level
 * action — the condition on the record (region containment, own enterprise, status). A role-only action is
 * decided by the role alone (the route calls `authorize(request, action)`).
 */
import type { Actor, Role } from './index';

export interface Rule<R = never> {
  /** Who may ever do it; every other role is refused (403) before any record is read. */
  roles: readonly Role[];
  /** The record condition beyond the role; absent for a role-only action. */
  when?: (actor: Actor, record: R) => boolean;
}

/** A subject's table: action name → rule. */
export type Table<R> = Record<string, Rule<R>>;

/** Decides one action of a table: the role, then the record condition. */
export function decide<R>(rule: Rule<R>, actor: Actor | null, record: R): boolean {
  if (!actor || !rule.roles.includes(actor.role)) return false;
  return rule.when ? rule.when(actor, record) : true;
}

/** The departments that read business data; no administrator among them (三员分立). */
export const DEPARTMENTS = [
  'county_reviewer',
  'city_reviewer',
  'province',
] as const satisfies readonly Role[];
