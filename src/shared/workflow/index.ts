/**
 * The review workflow as data (architecture.md: "a status → allowed actions table, not ifs scattered
 * through handlers"). County then city review (the 2023 notice: 县(区、市)、设区市工信部门 审核确认).
 *
 *   enterprise submits                      draft | returned      → county_review
 *   enterprise withdraws (county not acted) county_review          → withdrawn
 *   county approves                         county_review          → city_review
 *   county returns to the enterprise        county_review          → returned
 *   city approves                           city_review            → approved   (enterprise in_db / update accepted)
 *   city returns to the enterprise          city_review            → returned
 *   city returns to the county              city_review            → county_review
 *   county or city refuses                  county_review | city_review → refused (final for the campaign)
 *   transfer to another county              county_review          → county_review (new county)
 */
import type { FilingStatus } from '../schemas/filing-api';
import type { Role } from '../permissions';

export const REVIEW_ACTIONS = [
  'county_approve',
  'county_return',
  'city_approve',
  'city_return',
  'city_return_to_county',
  'refuse',
  'transfer',
] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export const REVIEW_ACTION_LABELS: Record<ReviewAction, string> = {
  county_approve: '县区审核通过',
  county_return: '县区退回企业修改',
  city_approve: '设区市审核通过',
  city_return: '设区市退回企业修改',
  city_return_to_county: '设区市退回县区',
  refuse: '审核不通过',
  transfer: '转交其他县区',
};

export interface Transition {
  from: FilingStatus;
  action: ReviewAction;
  to: FilingStatus;
  /** Which role acts at this step. Transfers across cities are for the province and administrators. */
  roles: readonly Role[];
  /** A reason is required (return, refuse, transfer). */
  reasonRequired: boolean;
  /** Which review deadline governs the action. */
  deadline: 'county' | 'city' | null;
}

export const TRANSITIONS: readonly Transition[] = [
  {
    from: 'county_review',
    action: 'county_approve',
    to: 'city_review',
    roles: ['county_reviewer'],
    reasonRequired: false,
    deadline: 'county',
  },
  {
    from: 'county_review',
    action: 'county_return',
    to: 'returned',
    roles: ['county_reviewer'],
    reasonRequired: true,
    deadline: 'county',
  },
  {
    from: 'county_review',
    action: 'refuse',
    to: 'refused',
    roles: ['county_reviewer'],
    reasonRequired: true,
    deadline: 'county',
  },
  {
    from: 'county_review',
    action: 'transfer',
    to: 'county_review',
    roles: ['county_reviewer', 'city_reviewer', 'province'],
    reasonRequired: true,
    deadline: null,
  },
  {
    from: 'city_review',
    action: 'city_approve',
    to: 'approved',
    roles: ['city_reviewer'],
    reasonRequired: false,
    deadline: 'city',
  },
  {
    from: 'city_review',
    action: 'city_return',
    to: 'returned',
    roles: ['city_reviewer'],
    reasonRequired: true,
    deadline: 'city',
  },
  {
    from: 'city_review',
    action: 'city_return_to_county',
    to: 'county_review',
    roles: ['city_reviewer'],
    reasonRequired: true,
    deadline: 'city',
  },
  {
    from: 'city_review',
    action: 'refuse',
    to: 'refused',
    roles: ['city_reviewer'],
    reasonRequired: true,
    deadline: 'city',
  },
];

export function findTransition(from: FilingStatus, action: ReviewAction, role: Role): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.action === action && t.roles.includes(role));
}

/** The review actions a role may take on a filing in a status (jurisdiction is checked by can()). */
export function reviewActionsFor(status: FilingStatus, role: Role): ReviewAction[] {
  return TRANSITIONS.filter((t) => t.from === status && t.roles.includes(role)).map((t) => t.action);
}

/** Named guard: a reason is present and meaningful. */
export function hasReason(reason: string | null | undefined): boolean {
  return typeof reason === 'string' && reason.trim().length >= 2;
}

/** Named guard: the action's deadline (possibly extended for the region) has not passed. */
export function withinDeadline(now: Date, deadline: Date | null): boolean {
  return deadline === null || now.getTime() <= deadline.getTime();
}
