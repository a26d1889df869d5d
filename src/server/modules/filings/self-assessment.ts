import { and, eq, isNull } from 'drizzle-orm';
import { AppError } from '../../../shared/errors';
import { ENTERPRISE_EDITABLE } from '../../../shared/permissions/can';
import type { Actor } from '../../../shared/permissions';
import { SECTION_KEYS, SECTION_LABELS, type FilingStatus } from '../../../shared/schemas/filing-api';
import { filings } from '../../db/schema';
import {
  assertFontInstalled,
  renderApplicationPdf,
  type ApplicationDocument,
} from '../../services/application-pdf';
import type { AppContext } from '../../types';
import { shanghaiDateTimeLabel } from '../campaigns/service';
import { commonDocumentParts, publicVerifyUrl } from './document';
import { techSmeParams } from './service';
import { loadAttachments, loadSections, type FilingRow } from './repository';
import { assess, checkSection, regionCodes, type Sections } from './rules';
import { isOwner } from './scope';
import { newVerificationCode, ruleCtx, snapshotOf } from './service';
import { getCampaign } from '../campaigns/repository';

/*
 * The 自评表（签字盖章） printed from the editor BEFORE submission (issue 16 item 2): the enterprise prints it, the
 * legal representative signs, the company stamps, and the scan is uploaded as the selfAssessment attachment. It is
 * rendered by the 申报书's renderer from the same self-assessment (`assess`) the submission freezes, and carries
 * the code the submission will carry (`pending_verification_code`, moved to `verification_code` on submit), so
 * the printed 自评表 and the 申报书 share one verification code and QR, and one 自评摘要 when nothing changed.
 */

const TITLE = '江苏省创新型中小企业自评表';

/** The code the next submission will carry: given out once, kept until that submission uses it. */
async function pendingCode(ctx: AppContext, filing: FilingRow): Promise<string> {
  if (filing.pendingVerificationCode) return filing.pendingVerificationCode;
  const code = newVerificationCode();
  await ctx.db
    .update(filings)
    .set({ pendingVerificationCode: code })
    .where(and(eq(filings.id, filing.id), isNull(filings.pendingVerificationCode)));
  // Two tabs printing at once: whichever code was stored first is the one.
  const [row] = await ctx.db
    .select({ code: filings.pendingVerificationCode })
    .from(filings)
    .where(eq(filings.id, filing.id));
  return row?.code ?? code;
}

interface Source {
  sections: Sections;
  assessment: Record<string, unknown>;
  standardId: string;
  fiscalYear: number;
  countyCode: string;
  code: string;
  timeLabel: string;
  at: Date;
}

/** The live, complete draft of the owner (what a submission now would freeze). */
async function liveSource(ctx: AppContext, filing: FilingRow): Promise<Source> {
  const now = ctx.clock.now();
  const campaign = await getCampaign(ctx.db, filing.campaignId);
  const sectionRows = await loadSections(ctx.db, filing.id);
  const attachmentRows = await loadAttachments(ctx.db, filing.id);
  const rctx = ruleCtx(
    campaign,
    filing.kind,
    now,
    attachmentRows.map((a) => ({ slot: a.attachment.slot })),
  );
  const sections = {} as Sections;
  const incomplete: string[] = [];
  for (const key of SECTION_KEYS) {
    const checked = checkSection(key, sectionRows.find((r) => r.section === key)?.data ?? {}, rctx);
    sections[key] = checked.data;
    if (key !== 'attachments' && (!checked.complete || !checked.valid)) incomplete.push(SECTION_LABELS[key]);
  }
  const region = regionCodes(sections.basic);
  if (incomplete.length > 0 || !region) {
    throw AppError.of('SELF_ASSESSMENT_INCOMPLETE', {
      sections: incomplete.length ? incomplete.join('、') : SECTION_LABELS.basic,
    });
  }
  return {
    sections,
    assessment: assess(sections, rctx, campaign.standardId, await techSmeParams(ctx.db, filing.kind))
      .assessment,
    standardId: campaign.standardId,
    fiscalYear: campaign.year - 1,
    countyCode: region.countyCode,
    code: await pendingCode(ctx, filing),
    timeLabel: '生成时间',
    at: now,
  };
}

/**
 * The 自评表 PDF. The owner of an editable filing gets it from the saved draft; once handed in (and for
 * reviewers) it is the submitted snapshot's, with the 申报书's code.
 */
export async function selfAssessmentPdf(
  ctx: AppContext,
  actor: Actor,
  filing: FilingRow,
  origin?: string,
): Promise<{ data: Buffer; fileName: string }> {
  assertFontInstalled();
  const snapshot = snapshotOf(filing);
  let source: Source;
  if (isOwner(actor, filing) && ENTERPRISE_EDITABLE.has(filing.status as FilingStatus)) {
    source = await liveSource(ctx, filing);
  } else if (snapshot) {
    source = {
      sections: snapshot.sections,
      assessment: snapshot.assessment,
      standardId: snapshot.standardId,
      fiscalYear: snapshot.fiscalYear,
      countyCode: snapshot.countyCode,
      code: snapshot.verificationCode,
      timeLabel: '提交时间',
      at: new Date(snapshot.submittedAt),
    };
  } else {
    throw AppError.of('SELF_ASSESSMENT_NOT_SUBMITTED');
  }
  const campaign = await getCampaign(ctx.db, filing.campaignId);
  const doc: ApplicationDocument = {
    ...commonDocumentParts(source.sections, source.assessment, source.standardId, source.countyCode, filing),
    noun: '自评表',
    title: TITLE,
    campaignName: `${campaign.name}（报告年度 ${source.fiscalYear} 年）`,
    timeLabel: source.timeLabel,
    submittedAtLabel: shanghaiDateTimeLabel(source.at),
    verificationCode: source.code,
    verifyUrl: publicVerifyUrl(ctx, source.code, origin),
    digest: null,
    sections: [],
    attachments: null,
  };
  const data = await renderApplicationPdf(doc);
  return { data, fileName: `${TITLE}-${doc.enterpriseName}-${source.code}.pdf` };
}
