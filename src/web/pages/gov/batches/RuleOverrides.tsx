/**
 * 批次适用的评价标准 (province only, ADR 0015): for each 层级 × 申请类型 that has more than one standard, the
 * standard chosen by the application date (default) or one fixed for this campaign — e.g. the 2026 复核 of the
 * 小巨人 cohort judged by the 2022 rules (工信厅企业函〔2026〕117号). Saved through
 * PUT /api/v1/campaigns/:id/rule-overrides (audited); results already given keep their standard.
 */
import { Alert, App, Button, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { CampaignAdminView } from '../../../../shared/schemas/campaign-admin-api';
import { campaignsApi } from '../../../api/campaigns';
import { useSubmit } from '../../../forms/useSubmit';
import { AUTO, overrideRows, overridesOf, type OverrideRow } from './overrides';

export function RuleOverrides({ campaign, onSaved }: { campaign: CampaignAdminView; onSaved: () => void }) {
  const { message } = App.useApp();
  const rows = overrideRows();
  const [choices, setChoices] = useState<Record<string, string>>(() =>
    Object.fromEntries(rows.map((r) => [r.key, campaign.ruleOverrides[r.key] ?? AUTO])),
  );
  const save = useSubmit(async () => {
    await campaignsApi.setRuleOverrides(campaign.id, overridesOf(choices));
    message.success('已保存本批次适用的评价标准');
    onSaved();
  });

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">
        默认按申请日期选择评价标准：2026年4月1日前适用2022年标准，此后专精特新、小巨人适用2026年标准。
        如本批次需按其他标准评价（例如2026年度小巨人复核按2022年标准把握，工信厅企业函〔2026〕117号），
        请在下方指定。修改会记入审计日志；已作出的评价结果不会改变。
      </Typography.Paragraph>
      {save.error && <Alert type="error" showIcon role="alert" title={save.error} />}
      <Table<OverrideRow>
        rowKey="key"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '层级 · 申请类型', dataIndex: 'label', width: 260 },
          {
            title: '适用标准',
            key: 'standard',
            render: (_: unknown, r) => (
              <Select
                id={`override-${r.key.replace(':', '-')}`}
                aria-label={`${r.label}适用标准`}
                style={{ width: '100%' }}
                value={choices[r.key] ?? AUTO}
                options={r.options}
                onChange={(v: string) => setChoices((c) => ({ ...c, [r.key]: v }))}
              />
            ),
          },
        ]}
      />
      <Button type="primary" id="overrides-save" loading={save.busy} onClick={() => void save.submit()}>
        保存
      </Button>
    </Space>
  );
}
