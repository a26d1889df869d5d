/**
 * The routes' one authorisation call (ADR 0032): `authorize(request, 'list.create')` checks the role against the
 * policy table (401 without a session, 403 for a role the action never admits) and returns the actor;
 * `authorize(actor, 'list.manage', list)` checks a loaded record against the subject's condition (403).
 * Records outside the actor's scope are not loaded at all (the subject's SQL scope), so they answer 404.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../shared/errors';
import type { Actor } from '../../shared/permissions';
import {
  allows,
  permits,
  type Action,
  type RecordAction,
  type RecordOf,
} from '../../shared/permissions/policy';
import { requireActor } from '../plugins/session';

export function authorize(request: FastifyRequest, action: Action): Actor;
export function authorize<A extends RecordAction>(actor: Actor, action: A, record: RecordOf<A>): Actor;
export function authorize(who: FastifyRequest | Actor, action: Action, record?: unknown): Actor {
  if ('raw' in who) {
    const actor = requireActor(who);
    if (!allows(actor.role, action)) throw new AppError('FORBIDDEN');
    return actor;
  }
  if (!permits(who, action as RecordAction, record as never)) throw new AppError('FORBIDDEN');
  return who;
}
