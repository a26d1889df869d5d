/**
 * The shared filing domain (新增入库 / 数据更新 / 复核申请): section validation, the self-assessment, attachments and
 * the enterprise's actions. Pure code used by the server and the browser alike (no Node built-ins, no server/web
 * imports).
 */
export type { FilingContext, SectionValidation } from './types';
export {
  validateSection,
  validateSubmission,
  attachmentFacts,
  emptySections,
  emptyIpRow,
  emptyProductRow,
  prefillFromPrevious,
  regionOf,
  enterpriseActions,
  type EnterpriseAction,
} from './api';
export {
  assessFiling,
  innovativeSmeInputOf,
  type InnovativeIpItem,
  highTechValidOn,
  ipExclusion,
  plusYears,
  type FilingAssessment,
  type DirectConditionView,
  type SmeSizeOk,
} from './assess';
export {
  ATTACHMENT_SLOTS,
  attachmentSlotKeys,
  requiredSlotKeys,
  requiredAuditYears,
  slotOf,
  type AttachmentSlot,
  type AttachmentFormat,
} from './attachments';
export { SECTION_FIELDS, INDICATOR_HELP, fieldDef, type FieldDef, type FieldKind } from './fields';
export {
  fiscalYears,
  OPERATION_AMOUNTS,
  OPERATION_LABELS,
  OPERATION_REQUIRED,
  HIGH_TECH_CERT,
} from './sections';
export * from './options';
export {
  TECH_SME_FIELDS,
  emptyTechSmeSection,
  readTechSme,
  techSmeDirectClaimed,
  type TechSmeParsed,
} from './tech-sme';
export {
  assessTechSmeFiling,
  techSmeOptionsOf,
  techSmeInputOf,
  standardTitleOf,
  TECH_SME_STANDARD_ID,
  type TechSmeAssessment,
} from './tech-sme-assess';
