import { useMemo } from 'react';
import {
  assessTechSmeFiling,
  standardTitleOf,
  techSmeOptionsOf,
  type FilingAssessment,
  type FilingContext,
  type TechSmeAssessment,
} from '../../../shared/filing';
import AssessmentPanel from './AssessmentPanel';
import TechSmeAssessmentPanel from './TechSmeAssessmentPanel';

/**
 * The editor's self-assessment panel, loaded on demand: the standards registry and the rules engine's other tables
 * (科技型中小企业 115号, 专精特新 …) stay out of the filing page's first load. For a 科技型 filing the engine runs
 * here on the (deferred) values; for the others the page passes the 创新型 assessment it computes anyway.
 */
export default function LiveAssessment({
  title,
  standardId,
  assessment,
  techSme,
}: {
  title: string;
  standardId: string;
  assessment: FilingAssessment | null;
  /** A 科技型 filing: the frozen result (after submission) or the values to assess live. */
  techSme: {
    frozen: TechSmeAssessment | null;
    values: Parameters<typeof assessTechSmeFiling>[0];
    ctx: FilingContext;
    ruleParams: Parameters<typeof techSmeOptionsOf>[0];
  } | null;
}) {
  const live = useMemo(
    () =>
      techSme && !techSme.frozen
        ? assessTechSmeFiling(techSme.values, techSme.ctx, techSmeOptionsOf(techSme.ruleParams))
        : null,
    [techSme],
  );
  if (techSme) return <TechSmeAssessmentPanel assessment={techSme.frozen ?? live!} title={title} />;
  return (
    <AssessmentPanel assessment={assessment!} title={title} standardName={standardTitleOf(standardId)} />
  );
}
