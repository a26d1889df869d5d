import { QuestionCircleOutlined } from '@ant-design/icons';
import { Popover, Typography } from 'antd';
import type { FieldDef } from '../../../shared/filing';

/** The small icon behind a field label: what to enter, the unit, which indicator it feeds (the seed's 小图标). */
export function FieldHelp({
  def,
  label,
}: {
  def: Pick<FieldDef, 'help' | 'unit' | 'feeds' | 'requiredWhen'>;
  label: string;
}) {
  const content = (
    <div style={{ maxWidth: 340 }}>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{def.help}</Typography.Paragraph>
      {def.unit && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          单位：{def.unit}
        </Typography.Paragraph>
      )}
      {def.requiredWhen && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {def.requiredWhen}
        </Typography.Paragraph>
      )}
      {def.feeds && def.feeds.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          用于：{def.feeds.join('；')}
        </Typography.Paragraph>
      )}
    </div>
  );
  return (
    <Popover content={content} title={`${label} · 填写说明`} trigger={['hover', 'click']}>
      <button
        type="button"
        className="field-help"
        aria-label={`${label}填写说明`}
        onClick={(e) => e.preventDefault()}
      >
        <QuestionCircleOutlined />
      </button>
    </Popover>
  );
}
