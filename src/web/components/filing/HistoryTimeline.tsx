import { Empty, Timeline, Typography } from 'antd';
import {
  FILING_STATUS_LABELS,
  type FilingStatus,
  type HistoryItem,
} from '../../../shared/schemas/filing-api';
import { dateTimeText } from '../../pages/qiye/filing/model';

const COLORS: Record<string, string> = {
  submit: 'blue',
  resubmit: 'blue',
  return: 'orange',
  refuse: 'red',
  approve: 'green',
  forward: 'green',
  withdraw: 'gray',
};

/** 办理记录: what happened, at which level, when, by whom, why. */
export default function HistoryTimeline({ items }: { items: HistoryItem[] }) {
  if (items.length === 0) return <Empty description="暂无办理记录" />;
  return (
    <Timeline
      items={items.map((h) => ({
        color: COLORS[h.action] ?? 'gray',
        content: (
          <div className="history-item" data-action={h.action}>
            <Typography.Text strong>{h.actionLabel}</Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {dateTimeText(h.at)}
            </Typography.Text>
            <div className="small">
              {h.levelLabel}
              {h.actorName ? ` · ${h.actorName}` : ''}
              {h.toStatus && FILING_STATUS_LABELS[h.toStatus as FilingStatus]
                ? ` · 状态：${FILING_STATUS_LABELS[h.toStatus as FilingStatus]}`
                : ''}
            </div>
            {h.reason && <div className="small">原因：{h.reason}</div>}
          </div>
        ),
      }))}
    />
  );
}
