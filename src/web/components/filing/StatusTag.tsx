import { Pill, type PillColor } from './Pill';
import { FILING_STATUS_LABELS, type FilingStatus } from '../../../shared/schemas/filing-vocab';

const COLORS: Record<FilingStatus, PillColor> = {
  draft: 'default',
  county_review: 'processing',
  city_review: 'processing',
  approved: 'success',
  returned: 'warning',
  refused: 'error',
  withdrawn: 'default',
};

/** 草稿 / 待县区审核 / 待设区市审核 / 已通过 / 已退回 / 未通过 / 已撤回. */
export function StatusTag({ status }: { status: FilingStatus }) {
  return (
    <Pill color={COLORS[status]} data-status={status}>
      {FILING_STATUS_LABELS[status] ?? status}
    </Pill>
  );
}
