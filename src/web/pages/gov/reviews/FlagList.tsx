import { Button } from 'antd';
import { useState } from 'react';
import type { DataQualityFlag } from '../../../../shared/schemas/review-api';
import { flagSummary } from './flags';

/** The data-quality flags: all of them when few, else a count per kind and a button to expand the list. */
export function FlagList({ flags }: { flags: DataQualityFlag[] }) {
  const [open, setOpen] = useState(false);
  const list = (
    <ul style={{ margin: 0, paddingLeft: 20 }} id="quality-flag-list">
      {flags.map((f, i) => (
        <li key={i}>{f.message}</li>
      ))}
    </ul>
  );
  const summary = flagSummary(flags);
  if (!summary) return list;
  return (
    <div>
      <ul style={{ margin: 0, paddingLeft: 20 }} id="quality-flag-summary">
        {summary.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <Button
        type="link"
        size="small"
        style={{ padding: 0 }}
        id="quality-flags-toggle"
        onClick={() => setOpen(!open)}
      >
        {open ? '收起明细' : `展开全部 ${flags.length} 项明细`}
      </Button>
      {open && list}
    </div>
  );
}
