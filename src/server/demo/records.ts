/**
 * Building blocks of the demo scenario: enterprises with valid credit codes, filings as the filings module's
 * submit stores them (snapshot, assessment columns, sections) with their history, lists with their entries and
 * recognitions, and clearances with their enterprise events. Past dates are written directly; every row is what
 * the real services would have written at that time.
 */
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  appealDeadline,
  clearanceReason,
  DEFAULT_APPEAL_WINDOW_DAYS,
  DEFAULT_CLEARANCE_GRACE_DAYS,
  DEFAULT_PROPOSAL_EXPIRY_DAYS,
  proposalExpiresAt,
} from '../../shared/cycle';
import type { ClearanceNoticeEvent } from '../../shared/schemas/cycle-api';
import { JOB_KINDS } from '../../shared/schemas/notifications-api';
import { clearanceMessage, clearanceSms, ENTERPRISE_CLEARANCES_LINK } from '../modules/cycle/handlers';
import { smsLink } from '../modules/notifications/sms-job';
import { renderSms } from '../services/sms';
import { sampleSections } from '../../shared/filing/fixtures';
import { amountToCents, centsToAmount, divRoundHalfUp } from '../../shared/money';
import { addDays, endOfShanghaiDay, startOfShanghaiDay, validTo } from '../../shared/recognition';
import { cityOf } from '../../shared/regions';
import { orgCodeCheckChar, usccCheckChar } from '../../shared/rules/uscc';
import { sectionKeysOf, type ReturnInfo, type SectionKey } from '../../shared/schemas/filing-api';
import type { Campaign } from '../modules/campaigns/service';
import { assess } from '../modules/filings/rules';
import { newVerificationCode, ruleCtx, type Snapshot } from '../modules/filings/service';
import { newTrackingNo, RECOGNITION_TITLE_INNOVATIVE } from '../modules/lists/service';
import type { DbOrTx } from '../db/client';
import { attachDemoFiles, type DemoFiles } from './files';
import {
  clearances,
  enterpriseEvents,
  enterprises,
  evaluations,
  filingHistory,
  filings,
  filingSections,
  jobs,
  notifications,
  objections,
  recognitionListEntries,
  recognitionLists,
  recognitions,
  smsMessages,
  smsOutbox,
  users,
} from '../db/schema';
import { shanghaiInstant } from '../../shared/time';

export type Sections = Record<SectionKey, Record<string, unknown>>;

export interface DemoEnterprise {
  id: string;
  name: string;
  uscc: string;
  countyCode: string;
  cityCode: string;
  mobile: string;
}

/** Someone acting on a filing: a user (reviewer, enterprise user) or the enterprise by name. */
export interface Who {
  userId: string | null;
  role: string | null;
  name: string;
}

/** A valid credit code registered in `countyCode` (prefix 91), distinct per `n`. */
export function demoUscc(countyCode: string, n: number): string {
  const body8 = `DM${String(n).padStart(6, '0')}`;
  const first17 = `91${countyCode}${body8}${orgCodeCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
}

/** An instant in Asia/Shanghai: `day` is YYYY-MM-DD. */
export function at(day: string, time = '10:00'): Date {
  return shanghaiInstant(day, time);
}

export async function addEnterprise(
  db: DbOrTx,
  e: { name: string; countyCode: string; n: number; dbStatus: string; createdAt: Date; contactName?: string },
): Promise<DemoEnterprise> {
  const cityCode = cityOf(e.countyCode)!.code;
  const uscc = demoUscc(e.countyCode, e.n);
  const mobile = `139${String(52000000 + e.n).padStart(8, '0')}`;
  const [row] = await db
    .insert(enterprises)
    .values({
      name: e.name,
      uscc,
      contactName: e.contactName ?? '张立华',
      contactMobile: mobile,
      countyCode: e.countyCode,
      cityCode,
      dbStatus: e.dbStatus,
      createdAt: e.createdAt,
      updatedAt: e.createdAt,
    })
    .returning({ id: enterprises.id });
  return { id: row!.id, name: e.name, uscc, countyCode: e.countyCode, cityCode, mobile };
}

/** The calendar year whose figures are the shared sample's last year (the sample of campaign ANCHOR + 1). */
const ANCHOR = 2025;

/** An amount in 万元 times num/den, rounded half up to the cent (non-amounts pass through). */
export function scaleAmount(value: unknown, num: bigint, den: bigint): unknown {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)) return value;
  return centsToAmount(divRoundHalfUp(amountToCents(value) * num, den));
}

/**
 * One enterprise's 经营情况 figures for a calendar year, the same whichever campaign asks (issue 16 item 3: the
 * demo used the sample of each campaign year, so a 数据更新's 2023/2024 rows were last year's approved 2022/2023
 * values shifted by one year). ANCHOR−2 … ANCHOR are the sample's three years; earlier years shrink and later
 * years grow by a tenth a year, in exact cents.
 */
export function demoYearFigures(year: number): Record<string, unknown> {
  const sample = sampleSections({ campaignYear: ANCHOR + 1 }).operations['years'] as Record<
    string,
    Record<string, unknown>
  >;
  const known = sample[String(year)];
  const edge = year < ANCHOR - 2 ? ANCHOR - 2 : ANCHOR;
  const steps = BigInt(Math.abs(year - edge));
  const [num, den] = year < edge ? [10n ** steps, 11n ** steps] : [11n ** steps, 10n ** steps];
  const base = known ?? sample[String(edge)]!;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(base)) {
    if (known) out[k] = v;
    else if (typeof v === 'number') out[k] = Number(divRoundHalfUp(BigInt(v) * num, den));
    else out[k] = scaleAmount(v, num, den);
  }
  out['auditReportNo'] = `苏A${year + 1}03${String(year % 100).padStart(2, '0')}01`;
  return out;
}

/** The enterprise's sections: the shared sample with its own name, credit code, region and contact. */
export function sectionsOf(ent: DemoEnterprise, year: number): Sections {
  const s = sampleSections({ campaignYear: year });
  s.operations = {
    ...s.operations,
    years: Object.fromEntries([year - 3, year - 2, year - 1].map((y) => [String(y), demoYearFigures(y)])),
  };
  s.basic = {
    ...s.basic,
    enterpriseName: ent.name,
    uscc: ent.uscc,
    countyCode: ent.countyCode,
    cityCode: ent.cityCode,
    contact: { ...(s.basic['contact'] as Record<string, unknown>), mobile: ent.mobile },
  };
  return s;
}

export interface Step {
  action: string;
  level: 'enterprise' | 'county' | 'city' | 'province' | 'system';
  who: Who;
  at: Date;
  from: string | null;
  to: string;
  reason?: string;
  details?: Record<string, unknown>;
}

/**
 * A submitted filing with its sections, snapshot and history (the steps after the first submission: reviews,
 * returns, resubmissions). Returns its id.
 */
export async function addFiling(
  db: DbOrTx,
  o: {
    ent: DemoEnterprise;
    campaign: Campaign;
    kind: 'entry' | 'update' | 'tech_sme';
    status: string;
    submittedAt: Date;
    sections: Sections;
    /** Stores and attaches a real file per required slot (demo/files.ts). */
    files?: DemoFiles;
    /** Required slots that stay without a file. */
    missingAttachments?: readonly string[];
    steps?: Step[];
    returnInfo?: ReturnInfo & { to: 'enterprise' | 'county' };
    /** The enterprise user who submitted (null: the enterprise by name). */
    submitter?: Who;
  },
): Promise<string> {
  const { ent, campaign } = o;
  const sections = o.sections;
  const rctx = ruleCtx(campaign, o.kind, o.submittedAt, []);
  const a = assess(sections, rctx, campaign.standardId);
  const verificationCode = newVerificationCode();
  const snapshot: Snapshot = {
    sections,
    attachments: [],
    assessment: a.assessment,
    standardId: a.standardId,
    fiscalYear: campaign.year - 1,
    submittedAt: o.submittedAt.toISOString(),
    verificationCode,
    countyCode: ent.countyCode,
    cityCode: ent.cityCode,
  };
  const steps = o.steps ?? [];
  const last = steps.length ? steps[steps.length - 1]!.at : o.submittedAt;
  const [row] = await db
    .insert(filings)
    .values({
      enterpriseId: ent.id,
      campaignId: campaign.id,
      kind: o.kind,
      status: o.status,
      statusVersion: 1 + steps.length,
      countyCode: ent.countyCode,
      cityCode: ent.cityCode,
      enterpriseName: ent.name,
      uscc: ent.uscc,
      industryCode: a.industryCode,
      smeSize: a.smeSize,
      scoreTotal: a.scoreTotal,
      directMet: a.directMet,
      qualified: a.qualified,
      standardId: a.standardId,
      snapshot: snapshot as unknown as Record<string, unknown>,
      returnInfo: (o.returnInfo as unknown as Record<string, unknown>) ?? null,
      verificationCode,
      submittedAt: steps.find((s) => s.action === 'resubmit')?.at ?? o.submittedAt,
      lastActionAt: last,
      createdAt: new Date(o.submittedAt.getTime() - 3 * 86_400_000),
      updatedAt: last,
    })
    .returning({ id: filings.id });
  const id = row!.id;
  if (o.files) {
    snapshot.attachments = await attachDemoFiles(db, o.files, {
      filingId: id,
      enterpriseId: ent.id,
      sections,
      context: rctx,
      at: new Date(o.submittedAt.getTime() - 3600_000),
      ...(o.missingAttachments ? { missing: o.missingAttachments } : {}),
    });
    await db
      .update(filings)
      .set({ snapshot: snapshot as unknown as Record<string, unknown> })
      .where(eq(filings.id, id));
  }
  await db.insert(filingSections).values(
    sectionKeysOf(o.kind).map((key) => ({
      filingId: id,
      section: key,
      data: sections[key],
      version: 1,
      complete: true,
      valid: true,
      updatedAt: o.submittedAt,
      updatedBy: o.submitter?.userId ?? null,
    })),
  );
  const submitter = o.submitter ?? { userId: null, role: 'enterprise', name: ent.name };
  await db.insert(filingHistory).values([
    {
      filingId: id,
      at: o.submittedAt,
      action: 'submit',
      actorUserId: submitter.userId,
      actorRole: submitter.role,
      actorName: submitter.name,
      level: 'enterprise',
      fromStatus: 'draft',
      toStatus: 'county_review',
      details: { verificationCode, scoreTotal: a.scoreTotal, standardId: a.standardId },
    },
    ...steps.map((s) => ({
      filingId: id,
      at: s.at,
      action: s.action,
      actorUserId: s.who.userId,
      actorRole: s.who.role,
      actorName: s.who.name,
      level: s.level,
      fromStatus: s.from,
      toStatus: s.to,
      reason: s.reason ?? null,
      details: s.details ?? null,
    })),
  ]);
  return id;
}

/** The county's and the city's approval of a filing submitted on `day`. */
export function approvalSteps(county: Who, city: Who, day: string): Step[] {
  return [
    {
      action: 'county_approve',
      level: 'county',
      who: county,
      at: at(addDays(day, 3), '15:20'),
      from: 'county_review',
      to: 'city_review',
    },
    {
      action: 'city_approve',
      level: 'city',
      who: city,
      at: at(addDays(day, 8), '10:40'),
      from: 'city_review',
      to: 'approved',
    },
  ];
}

/**
 * A list of a city for a campaign, with every qualified evaluation of that city as an included entry. Announced:
 * each entry gets its 创新型中小企业 recognition (valid 3 years from the announcement day) and a 'recognised' event,
 * as announceList writes them. Publicity: from `publicity.start` to `publicity.end` (calendar days).
 */
export async function addList(
  db: DbOrTx,
  o: {
    campaign: Campaign;
    cityCode: string;
    title: string;
    issuer: string;
    createdBy: Who;
    createdAt: Date;
    objectionContact: string;
    publicity: { start: string; end: string };
    announced?: { day: string; documentNo: string };
  },
): Promise<{ listId: string; entries: { id: string; enterpriseId: string; name: string }[] }> {
  const [list] = await db
    .insert(recognitionLists)
    .values({
      campaignId: o.campaign.id,
      cityCode: o.cityCode,
      kind: 'innovative',
      title: o.title,
      issuingDepartment: o.issuer,
      status: o.announced ? 'announced' : 'publicity',
      publicityStart: startOfShanghaiDay(o.publicity.start),
      publicityEnd: endOfShanghaiDay(o.publicity.end),
      objectionContact: o.objectionContact,
      documentNo: o.announced?.documentNo ?? null,
      announcedAt: o.announced ? startOfShanghaiDay(o.announced.day) : null,
      createdBy: o.createdBy.userId,
      createdAt: o.createdAt,
      updatedAt: o.announced ? at(o.announced.day) : o.createdAt,
    })
    .returning({ id: recognitionLists.id });
  const evs = await db
    .select({ ev: evaluations, name: filings.enterpriseName, uscc: filings.uscc })
    .from(evaluations)
    .innerJoin(filings, eq(filings.id, evaluations.filingId))
    .where(
      and(
        eq(evaluations.campaignId, o.campaign.id),
        eq(evaluations.cityCode, o.cityCode),
        eq(evaluations.qualified, true),
      ),
    );
  const entries: { id: string; enterpriseId: string; name: string }[] = [];
  for (const { ev, name, uscc } of evs) {
    const [entry] = await db
      .insert(recognitionListEntries)
      .values({
        listId: list!.id,
        enterpriseId: ev.enterpriseId,
        filingId: ev.filingId,
        evaluationId: ev.id,
        enterpriseName: name,
        uscc,
        countyCode: ev.countyCode,
        state: 'included',
        createdAt: o.createdAt,
      })
      .onConflictDoNothing({ target: [recognitionListEntries.listId, recognitionListEntries.enterpriseId] })
      .returning({ id: recognitionListEntries.id });
    if (!entry) continue;
    entries.push({ id: entry.id, enterpriseId: ev.enterpriseId, name });
    if (!o.announced) continue;
    const day = o.announced.day;
    const [rec] = await db
      .insert(recognitions)
      .values({
        enterpriseId: ev.enterpriseId,
        kind: 'innovative',
        title: RECOGNITION_TITLE_INNOVATIVE,
        source: 'announcement',
        listId: list!.id,
        issuer: o.issuer,
        documentNo: o.announced.documentNo,
        validFrom: startOfShanghaiDay(day),
        validTo: endOfShanghaiDay(validTo(day)),
        status: 'valid',
        createdAt: at(day),
      })
      .returning({ id: recognitions.id });
    await db.insert(enterpriseEvents).values({
      enterpriseId: ev.enterpriseId,
      at: at(day),
      event: 'recognised',
      actorUserId: o.createdBy.userId,
      actorName: o.createdBy.name,
      reason: `${o.title}（${o.announced.documentNo}）`,
      details: {
        recognitionId: rec!.id,
        listId: list!.id,
        title: RECOGNITION_TITLE_INNOVATIVE,
        validFrom: day,
        validTo: validTo(day),
      },
    });
  }
  return { listId: list!.id, entries };
}

/** A public objection to an entry, open, with its stored tracking number. */
export async function addObjection(
  db: DbOrTx,
  o: { listId: string; entryId: string; createdAt: Date },
): Promise<string> {
  const trackingNo = newTrackingNo(o.createdAt);
  await db.insert(objections).values({
    listId: o.listId,
    entryId: o.entryId,
    contactName: '刘建业',
    contactPhone: '13962001234',
    contactEmail: null,
    reason: '该企业上年度研发费用占比明显偏高，与其公开披露的年报数据不一致，请核实。',
    fileIds: [],
    status: 'open',
    ip: '127.0.0.1',
    trackingNo,
    createdAt: o.createdAt,
  });
  return trackingNo;
}

/**
 * What cycle.notify and its sms.send job would have written for a clearance step at `when`: the in-app message to each
 * user of the enterprise (link /qiye/clearances), and the SMS — its job (done), its sms_messages row (sent) and
 * the outbox row — so the reviewer sees "短信 已发送" beside the clearance (issue 16 item 7).
 */
async function addClearanceNotice(
  db: DbOrTx,
  o: {
    event: ClearanceNoticeEvent;
    clearanceId: string;
    ent: DemoEnterprise;
    year: number;
    clearance: { reason: string; cityCode: string; appealDecision: string | null };
    appealUntil: Date | null;
    expiresAt: Date | null;
    when: Date;
    publicBaseUrl: string;
  },
): Promise<void> {
  const key = `clearance:${o.clearanceId}:${o.event}`;
  const message = clearanceMessage(o.event, o.clearance, o.year, {
    appealUntil: o.appealUntil,
    expiresAt: o.expiresAt,
  });
  const members = await db.select({ id: users.id }).from(users).where(eq(users.enterpriseId, o.ent.id));
  if (members.length > 0) {
    await db.insert(notifications).values(
      members.map((m) => ({
        userId: m.id,
        ...message,
        link: ENTERPRISE_CLEARANCES_LINK,
        dedupeKey: key,
        createdAt: o.when,
      })),
    );
  }
  const sms = clearanceSms(
    o.event,
    o.year,
    o.appealUntil,
    smsLink(o.publicBaseUrl, ENTERPRISE_CLEARANCES_LINK),
  );
  const body = renderSms(sms.template, sms.params);
  const [job] = await db
    .insert(jobs)
    .values({
      kind: JOB_KINDS.smsSend,
      payload: { mobile: o.ent.mobile, ...sms },
      dedupeKey: `sms:${key}`,
      runAt: o.when,
      attempts: 1,
      doneAt: o.when,
      createdAt: o.when,
    })
    .returning({ id: jobs.id });
  const [out] = await db
    .insert(smsOutbox)
    .values({ mobile: o.ent.mobile, template: sms.template, body, createdAt: o.when })
    .returning({ id: smsOutbox.id });
  await db.insert(smsMessages).values({
    provider: 'outbox',
    mobile: o.ent.mobile,
    template: sms.template,
    body,
    purpose: 'notification',
    status: 'sent',
    attempts: 1,
    providerRequestId: `outbox-${out!.id}`,
    providerCode: 'OK',
    jobId: job!.id,
    createdAt: o.when,
    updatedAt: o.when,
    sentAt: o.when,
  });
}

/**
 * The system's 清退 proposal for an enterprise that did not update (after the deadline and the grace period),
 * and, when `confirmedBy` is given, the city's confirmation: the enterprise becomes 已清退. Each step with the
 * enterprise's message and SMS, and the periods of ADR 0021 fixed on the row as the service fixes them.
 */
export async function addClearance(
  db: DbOrTx,
  o: {
    campaign: Campaign;
    ent: DemoEnterprise;
    proposedAt: Date;
    confirmedBy?: Who;
    confirmedAt?: Date;
    publicBaseUrl: string;
  },
): Promise<void> {
  const reason = clearanceReason(o.campaign, DEFAULT_CLEARANCE_GRACE_DAYS);
  const id = crypto.randomUUID();
  const expiresAt = proposalExpiresAt(o.proposedAt, DEFAULT_PROPOSAL_EXPIRY_DAYS);
  const confirmedAt = o.confirmedBy ? (o.confirmedAt ?? o.proposedAt) : null;
  const appealUntil = confirmedAt ? appealDeadline(confirmedAt, DEFAULT_APPEAL_WINDOW_DAYS) : null;
  await db.insert(clearances).values({
    id,
    campaignId: o.campaign.id,
    enterpriseId: o.ent.id,
    cityCode: o.ent.cityCode,
    countyCode: o.ent.countyCode,
    status: o.confirmedBy ? 'confirmed' : 'proposed',
    reason,
    confirmedBy: o.confirmedBy?.userId ?? null,
    confirmedAt,
    expiresAt,
    appealUntil,
    createdAt: o.proposedAt,
  });
  await db.insert(enterpriseEvents).values({
    enterpriseId: o.ent.id,
    at: o.proposedAt,
    event: 'clearance_proposed',
    actorUserId: null,
    actorName: '系统',
    reason,
    details: { campaignId: o.campaign.id, clearanceId: id },
  });
  const notice = {
    clearanceId: id,
    ent: o.ent,
    year: o.campaign.year,
    clearance: { reason, cityCode: o.ent.cityCode, appealDecision: null },
    appealUntil,
    expiresAt,
    publicBaseUrl: o.publicBaseUrl,
  };
  await addClearanceNotice(db, { ...notice, event: 'proposed', when: o.proposedAt });
  if (!o.confirmedBy || !confirmedAt) return;
  await db
    .update(enterprises)
    .set({ dbStatus: 'cleared', updatedAt: confirmedAt })
    .where(eq(enterprises.id, o.ent.id));
  await db.insert(enterpriseEvents).values({
    enterpriseId: o.ent.id,
    at: confirmedAt,
    event: 'cleared',
    actorUserId: o.confirmedBy.userId,
    actorName: o.confirmedBy.name,
    reason,
    details: { campaignId: o.campaign.id, clearanceId: id },
  });
  await addClearanceNotice(db, { ...notice, event: 'cleared', when: confirmedAt });
}

/** Marks the enterprises 在库 (a city approval of their filing). */
export async function setInDb(db: DbOrTx, ents: DemoEnterprise[], when: Date): Promise<void> {
  for (const e of ents) {
    await db.update(enterprises).set({ dbStatus: 'in_db', updatedAt: when }).where(eq(enterprises.id, e.id));
  }
}
