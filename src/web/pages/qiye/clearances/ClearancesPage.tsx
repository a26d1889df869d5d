import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { ClearanceView } from '../../../../shared/schemas/cycle-api';
import { errorMessage } from '../../../api/client';
import { useSubmit } from '../../../forms/useSubmit';
import { cycleApi } from '../../../api/cycle';
import { formatShanghai } from '../../../components/Countdown';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { ymdText } from '../../public/format';

const STATUS_COLORS: Record<string, string> = {
  proposed: 'orange',
  confirmed: 'red',
  reinstated: 'green',
};

/**
 * /qiye/clearances — 清退与申诉 (issue 16 item 7; ADR 0021): every 清退 step the enterprise may act on — a 拟清退
 * proposal (update before the city confirms), a confirmed 清退 with its reason, the appeal deadline and how to
 * appeal, and the appeal's outcome. Where the clearance messages and SMS link to. Cards, not a table, so it reads
 * on a phone.
 */
export default function ClearancesPage() {
  const { message } = App.useApp();
  const [items, setItems] = useState<ClearanceView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [appealing, setAppealing] = useState<ClearanceView | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  useEffect(() => {
    let live = true;
    cycleApi.mine().then(
      (r) => live && setItems(r.items),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  const appeal = useSubmit(async (v: { reason: string }) => {
    if (!appealing) return;
    const updated = await cycleApi.appeal(appealing.id, v);
    setItems((prev) => (prev ?? []).map((c) => (c.id === updated.id ? updated : c)));
    setAppealing(null);
    message.success('申诉已提交，设区市工信部门复查后将通知您');
  });

  if (error) return <Alert type="error" showIcon role="alert" title={error} />;
  if (!items) return <PageLoading />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} id="my-clearances">
      <PageTitle title="清退与申诉" />
      <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
        清退与申诉
      </Typography.Title>
      {items.length === 0 ? (
        <Card>
          <Empty description="贵企业没有拟清退或清退记录。" />
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 0 }}>
            在库状态见<Link to="/qiye/record">我的认定</Link>。
          </Typography.Paragraph>
        </Card>
      ) : (
        items.map((c) => (
          <Card
            key={c.id}
            className="clearance-card"
            data-clearance-id={c.id}
            title={
              <Space wrap size={8}>
                <span>{c.campaignYear} 年度</span>
                <Tag color={STATUS_COLORS[c.status]} className="clearance-status">
                  {c.statusLabel}
                </Tag>
                {c.appealStatusLabel && <Tag className="appeal-status">{c.appealStatusLabel}</Tag>}
              </Space>
            }
          >
            <Descriptions column={1} size="small" layout="vertical" className="clearance-facts">
              <Descriptions.Item label={c.status === 'proposed' ? '拟清退原因' : '清退原因'}>
                <span className="clearance-reason">{c.reason}</span>
              </Descriptions.Item>
              {c.confirmedAt && (
                <Descriptions.Item label="清退确认时间">
                  {formatShanghai(c.confirmedAt)}（设区市工信部门确认）
                </Descriptions.Item>
              )}
              {c.status === 'proposed' && c.expiresAt && (
                <Descriptions.Item label="怎么办">
                  请尽快在<Link to="/qiye/filings">入库填报/数据更新</Link>中提交 {c.campaignYear}
                  年度数据更新；设区市工信部门确认清退前提交的，不予清退。该拟清退建议有效期至{' '}
                  {ymdText(c.expiresAt)}。
                </Descriptions.Item>
              )}
              {c.status === 'confirmed' && c.appealUntil && (
                <Descriptions.Item label="申诉期限">
                  <span className="appeal-until">{ymdText(c.appealUntil)}（含当日）前</span>
                  {!c.appealStatus && !c.appealOpen && <Tag style={{ marginLeft: 8 }}>已过</Tag>}
                </Descriptions.Item>
              )}
              {c.appealReason && (
                <Descriptions.Item label="申诉理由">
                  {c.appealReason}
                  {c.appealedAt && (
                    <Typography.Text type="secondary">
                      （{formatShanghai(c.appealedAt)} 提交）
                    </Typography.Text>
                  )}
                </Descriptions.Item>
              )}
              {c.appealDecision && (
                <Descriptions.Item label="复查意见">
                  {c.appealDecision}
                  {c.appealDecidedAt && (
                    <Typography.Text type="secondary">
                      （{formatShanghai(c.appealDecidedAt)}）
                    </Typography.Text>
                  )}
                </Descriptions.Item>
              )}
            </Descriptions>
            {c.appealOpen && (
              <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                <Typography.Paragraph className="how-to-appeal" style={{ marginBottom: 0 }}>
                  如对清退有异议，请在申诉期限内点击“提出申诉”，写明理由（例如已按期提交的证明、逾期的客观原因）。
                  每次清退只能申诉一次；设区市工信部门复查后，结果将通过站内消息和短信通知贵企业，申诉成立的恢复在库。
                </Typography.Paragraph>
                <Button type="primary" onClick={() => setAppealing(c)} block className="appeal-button">
                  提出申诉
                </Button>
              </Space>
            )}
            {c.status === 'confirmed' && !c.appealStatus && !c.appealOpen && (
              <Alert
                type="info"
                showIcon
                className="appeal-closed"
                title="申诉期限已过，不能再提出申诉"
                description="如有疑问，请联系所在设区市工信部门；贵企业也可在以后年度批次通过“新增入库”重新申请入库。"
              />
            )}
            {c.appealStatus === 'rejected' && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                贵企业可在以后年度批次通过<Link to="/qiye/filings">“新增入库”</Link>重新申请入库。
              </Typography.Paragraph>
            )}
          </Card>
        ))
      )}
      <Modal
        title="提出申诉"
        open={!!appealing}
        onCancel={() => setAppealing(null)}
        okText="提交申诉"
        okButtonProps={{ loading: appeal.busy }}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          每次清退只能申诉一次，请完整说明理由。申诉期限：
          {appealing?.appealUntil ? `${ymdText(appealing.appealUntil)}（含当日）前` : '—'}。
        </Typography.Paragraph>
        {appeal.error && (
          <Alert type="error" showIcon role="alert" title={appeal.error} style={{ marginBottom: 12 }} />
        )}
        <Form form={form} layout="vertical" preserve={false} onFinish={appeal.submit}>
          <Form.Item
            name="reason"
            label="申诉理由"
            rules={[{ required: true, min: 5, whitespace: true, message: '请填写理由（至少 5 个字）' }]}
          >
            <Input.TextArea rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
