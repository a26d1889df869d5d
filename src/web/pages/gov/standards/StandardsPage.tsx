import { Alert, App, Button, Card, Form, Input, Segmented, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { StandardDetail, StandardSummary } from '../../../../shared/schemas/standards-api';
import { ApiError, errorMessage } from '../../../api/client';
import { useSubmit } from '../../../forms/useSubmit';
import { standardsApi } from '../../../api/standards';
import { formatShanghai } from '../../../components/Countdown';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { Pill } from '../../../components/filing/Pill';
import { GovPage } from '../GovAccess';

/**
 * /gov/standards — 评价标准 (every government role reads; the province corrects thresholds): each standard's
 * conditions and thresholds with the clause and the verification level, 「待核实」 for [S] values, and the
 * version history. Saving creates a new version; results already given keep theirs (ADR 0015).
 */
export default function StandardsPage() {
  return <GovPage path="standards">{() => <Standards />}</GovPage>;
}

const UNIT_LABEL: Record<string, string> = {
  amount: '万元',
  percent: '%',
  count: '项/人',
  years: '年',
  score: '分',
};

function Level({ level }: { level: 'V' | 'S' }) {
  return level === 'S' ? <Pill color="warning">待核实</Pill> : <Pill color="success">已核实</Pill>;
}

function Standards() {
  const [items, setItems] = useState<StandardSummary[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<StandardDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    standardsApi.list().then(
      (r) => {
        if (!live) return;
        setItems(r.items);
        setSelected(r.items[0]?.id ?? null);
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!selected) return;
    let live = true;
    standardsApi.detail(selected).then(
      (d) => live && setDetail(d),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [selected]);

  if (error) return <Alert type="error" showIcon role="alert" title={error} />;
  if (!items) return <PageLoading />;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageTitle title="评价标准" />
      <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>评价标准</h1>}>
        <Typography.Paragraph type="secondary">
          各梯度评价标准的条件与门槛值，注明所依据的条款和核实程度。标为“待核实”的内容仅有一个公开来源，须以官方原文核对后使用。
          修改门槛值会生成新版本，已作出的评价结果保留原版本，不受影响。
        </Typography.Paragraph>
        <Segmented
          className="wrapping-segmented"
          aria-label="选择评价标准"
          value={selected ?? undefined}
          onChange={(v) => setSelected(String(v))}
          options={items.map((s) => ({ value: s.id, label: `${s.tierName}（${s.id.slice(-4)}）` }))}
        />
      </Card>
      {detail && detail.id === selected ? (
        <StandardView key={`${detail.id}-${detail.currentVersion}`} detail={detail} onSaved={setDetail} />
      ) : (
        <PageLoading />
      )}
    </Space>
  );
}

function StandardView({ detail, onSaved }: { detail: StandardDetail; onSaved: (d: StandardDetail) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ values: Record<string, string>; reason: string }>();
  const save = useSubmit(
    async (v: { values: Record<string, string>; reason: string }) => {
      const changed = Object.fromEntries(
        Object.entries(v.values).filter(([k, val]) => detail.params.find((p) => p.key === k)?.value !== val),
      );
      const saved = await standardsApi.newVersion(detail.id, {
        expectedVersion: detail.currentVersion,
        values: changed,
        reason: v.reason,
      });
      onSaved(saved);
      message.success(`已保存为第 ${saved.currentVersion} 版`);
    },
    {
      // A parameter's error goes to ['values', key] with the key as one name segment, not split at dots.
      onError: (err) => {
        const fe = err instanceof ApiError ? err.fieldErrors : {};
        form.setFields(
          Object.entries(fe).map(([path, msg]) => ({
            name: path === 'reason' ? ['reason'] : ['values', path.replace(/^values\./, '')],
            errors: [msg],
          })),
        );
      },
    },
  );

  return (
    <>
      <Card
        title={
          <h2 style={{ fontSize: 16, margin: 0 }} id="standard-title">
            {detail.title}（{detail.documentNumber}）
          </h2>
        }
        extra={<span id="standard-version">当前第 {detail.currentVersion} 版</span>}
      >
        <Typography.Paragraph>边界值约定：{detail.boundaryText}</Typography.Paragraph>
        <ResponsiveTable
          rowKey="key"
          pagination={false}
          size="small"
          dataSource={detail.conditions}
          columns={[
            { title: '条件', dataIndex: 'title' },
            { title: '条款', dataIndex: 'clause', width: 160 },
            {
              title: '核实程度',
              dataIndex: 'level',
              width: 100,
              render: (_: unknown, c) => <Level level={c.level} />,
            },
            {
              title: '复核时',
              dataIndex: 'atReview',
              width: 220,
              render: (_: unknown, c) =>
                c.atReview ? (
                  <span>
                    {c.atReview} {c.atReviewLevel && <Level level={c.atReviewLevel} />}
                  </span>
                ) : (
                  '同首次申请'
                ),
            },
          ]}
        />
        {detail.notes.length > 0 && (
          <ul style={{ marginTop: 12 }}>
            {detail.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>门槛值</h2>}>
        {save.error && (
          <Alert type="error" showIcon role="alert" title={save.error} style={{ marginBottom: 16 }} />
        )}
        <Form
          form={form}
          id="standard-form"
          layout="vertical"
          onFinish={save.submit}
          initialValues={{
            values: Object.fromEntries(detail.params.map((p) => [p.key, p.value])),
            reason: '',
          }}
        >
          <ResponsiveTable
            rowKey="key"
            pagination={false}
            size="small"
            dataSource={detail.params}
            columns={[
              { title: '门槛', dataIndex: 'label' },
              {
                title: '数值',
                dataIndex: 'value',
                width: 200,
                render: (_: unknown, p) =>
                  detail.canEdit ? (
                    <Form.Item
                      name={['values', p.key]}
                      style={{ margin: 0 }}
                      rules={[{ required: true, message: '请填写数值' }]}
                    >
                      <Input
                        id={`param-${p.key.replace(/\W/g, '-')}`}
                        aria-label={p.label}
                        suffix={UNIT_LABEL[p.unit]}
                        style={{ width: 160 }}
                      />
                    </Form.Item>
                  ) : (
                    `${p.value} ${UNIT_LABEL[p.unit]}`
                  ),
              },
              {
                title: '内置值',
                dataIndex: 'builtIn',
                width: 120,
                render: (_: unknown, p) => (p.corrected ? `${p.builtIn}（已修正）` : p.builtIn),
              },
              { title: '条款', dataIndex: 'clause', width: 160 },
              {
                title: '核实程度',
                dataIndex: 'level',
                width: 100,
                render: (_: unknown, p) => <Level level={p.level} />,
              },
            ]}
          />
          {detail.canEdit && (
            <>
              <Form.Item
                name="reason"
                htmlFor="standard-reason"
                label="修改原因（依据的文件和条款）"
                required
                style={{ marginTop: 16, maxWidth: 520 }}
                rules={[{ required: true, min: 4, message: '请填写修改原因（至少 4 个字）' }]}
              >
                <Input.TextArea id="standard-reason" rows={2} maxLength={500} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={save.busy} id="standard-save">
                保存为新版本
              </Button>
            </>
          )}
        </Form>
      </Card>
      <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>修改记录</h2>}>
        <ResponsiveTable
          rowKey="version"
          pagination={false}
          size="small"
          dataSource={detail.versions}
          columns={[
            { title: '版本', dataIndex: 'version', width: 80, render: (v: number) => `第 ${v} 版` },
            {
              title: '修正的门槛',
              dataIndex: 'values',
              render: (values: Record<string, string>) =>
                Object.keys(values).length === 0
                  ? '无（均为内置值）'
                  : Object.entries(values)
                      .map(([k, v]) => `${detail.params.find((p) => p.key === k)?.label ?? k}：${v}`)
                      .join('；'),
            },
            { title: '原因', dataIndex: 'reason' },
            {
              title: '修改人与时间',
              dataIndex: 'createdAt',
              width: 220,
              render: (_: unknown, r) =>
                r.createdAt ? `${r.createdByName ?? ''} ${formatShanghai(r.createdAt)}` : '内置',
            },
          ]}
        />
      </Card>
    </>
  );
}
