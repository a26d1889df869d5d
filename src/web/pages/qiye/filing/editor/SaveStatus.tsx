import { Spin, Typography } from 'antd';
import { timeText } from '../model';
import type { SaveIndicator } from '../useFilingEditor';

/** 保存中… / 未保存 / the save error / 已保存 hh:mm, announced politely. */
export function SaveStatus({ indicator }: { indicator: SaveIndicator }) {
  let text: string;
  let type: 'secondary' | 'warning' | 'danger' | 'success' = 'secondary';
  switch (indicator.state) {
    case 'saving':
      text = '保存中…';
      break;
    case 'unsaved':
      text = '未保存';
      type = 'warning';
      break;
    case 'error':
      text = indicator.message;
      type = 'danger';
      break;
    default:
      text = indicator.at ? `已保存 ${timeText(indicator.at)}` : '已保存';
      type = 'success';
  }
  return (
    <Typography.Text type={type} id="save-indicator" data-state={indicator.state} aria-live="polite">
      {indicator.state === 'saving' && <Spin size="small" style={{ marginRight: 6 }} />}
      {text}
    </Typography.Text>
  );
}
