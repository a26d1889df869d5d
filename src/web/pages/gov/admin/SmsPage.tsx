import { LeftOutlined, RightOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import {
  SMS_PROVIDER_LABELS,
  SMS_PURPOSE_LABELS,
  SMS_STATUS_LABELS,
  SMS_STATUSES,
  SMS_TEMPLATE_LABELS,
  type SmsMessageView,
  type SmsTestResponse,
} from '../../../../shared/schemas/sms-api';
import { adminApi } from '../../../api/admin';
import { errorMessage } from '../../../api/client';
import { formatShanghai } from '../../../components/Countdown';
import { PageTitle } from '../../../components/PageTitle';
import { useSubmit } from '../../../forms/useSubmit';
import { GovPage } from '../GovAccess';

const STATUS_COLORS: Record<SmsMessageView['status'], string> = {
  sending: 'blue',
  retrying: 'orange',
  sent: 'green',
  failed: 'red',
};

export default function SmsPage() {
  return <GovPage path="sms">{() => <Sms />}</GovPage>;
}

/** 系统管理 → 短信服务: the gateway in use, the last messages (numbers masked) and a test message. */
function Sms() {
  const { message } = App.useApp();
  const [status, setStatus] = useState<SmsMessageView['status'] | undefined>(undefined);
  const [stack, setStack] = useState<(string | undefined)[]>([undefined]);
  const [items, setItems] = useState<SmsMessageView[]>([]);
  const [gateway, setGateway] = useState<{ provider: string; signName: string } | null>(null);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [result, setResult] = useState<SmsTestResponse | null>(null);
  const cursor = stack[stack.length - 1];

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const r = await adminApi.smsMessages({
        limit: 50,
        ...(status ? { status } : {}),
        ...(cursor ? { cursor } : {}),
      });
      setItems(r.items);
      setNextCursor(r.nextCursor);
      setGateway({ provider: r.provider, signName: r.signName });
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [status, cursor, message]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loads data from the server
    void load();
  }, [load]);

  const sendTest = useSubmit(
    async (v: { mobile: string }) => {
      setResult(await adminApi.smsTest({ mobile: v.mobile }));
      setStack([undefined]);
      await load();
    },
    { report: 'message' },
  );

  return (
    <Card title="短信服务">
      <PageTitle title="短信服务" />
      {gateway && (
        <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label="短信网关">
            {SMS_PROVIDER_LABELS[gateway.provider] ?? gateway.provider}
          </Descriptions.Item>
          <Descriptions.Item label="短信签名">{gateway.signName || '—'}</Descriptions.Item>
        </Descriptions>
      )}
      {gateway?.provider === 'outbox' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="当前未配置短信网关：短信只写入开发发件箱，不会实际发出。上线前请按部署手册设置 SMS_PROVIDER。"
        />
      )}
      <Form<{ mobile: string }>
        layout="inline"
        onFinish={sendTest.submit}
        style={{ marginBottom: 16, rowGap: 12 }}
      >
        <Form.Item
          name="mobile"
          label="测试手机号"
          rules={[
            { required: true, message: '请输入手机号码' },
            { pattern: /^\s*1[3-9]\d{9}\s*$/, message: '请输入 11 位中国大陆手机号码，例如 13812345678' },
          ]}
        >
          <Input inputMode="numeric" maxLength={13} style={{ width: 180 }} placeholder="13812345678" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={sendTest.busy}>
            发送测试短信
          </Button>
        </Form.Item>
        <Typography.Text type="secondary">测试短信立即发送，并记入审计日志。</Typography.Text>
      </Form>
      {result && (
        <Alert
          id="sms-test-result"
          type={result.sent ? 'success' : 'error'}
          showIcon
          closable
          onClose={() => setResult(null)}
          style={{ marginBottom: 16 }}
          message={result.message}
        />
      )}
      <Space style={{ marginBottom: 12 }}>
        <span>状态</span>
        <Select
          allowClear
          placeholder="全部"
          style={{ width: 140 }}
          value={status}
          onChange={(v?: SmsMessageView['status']) => {
            setStatus(v);
            setStack([undefined]);
          }}
          options={SMS_STATUSES.map((s) => ({ value: s, label: SMS_STATUS_LABELS[s] }))}
          aria-label="按状态筛选"
        />
      </Space>
      <Table<SmsMessageView>
        id="sms-table"
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1100 }}
        expandable={{
          expandedRowRender: (r) => (
            <Space direction="vertical">
              <Typography.Text>{r.body}</Typography.Text>
              {r.lastError && <Typography.Text type="danger">网关返回：{r.lastError}</Typography.Text>}
            </Space>
          ),
        }}
        columns={[
          { title: '时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatShanghai(v) },
          { title: '手机号', dataIndex: 'mobileMasked', width: 130 },
          {
            title: '短信类型',
            dataIndex: 'template',
            render: (t: string, r) => {
              const name = SMS_TEMPLATE_LABELS[t] ?? t;
              const purpose = SMS_PURPOSE_LABELS[r.purpose] ?? r.purpose;
              return name === purpose ? name : `${name}（${purpose}）`;
            },
          },
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            render: (s: SmsMessageView['status']) => (
              <Tag color={STATUS_COLORS[s]}>{SMS_STATUS_LABELS[s]}</Tag>
            ),
          },
          { title: '尝试次数', dataIndex: 'attempts', width: 90 },
          {
            title: '网关流水号',
            dataIndex: 'providerRequestId',
            render: (v: string | null) => v ?? '—',
          },
          { title: '返回码', dataIndex: 'providerCode', render: (v: string | null) => v ?? '—' },
          {
            title: '网关',
            dataIndex: 'provider',
            width: 120,
            render: (p: string) => SMS_PROVIDER_LABELS[p]?.replace(/（.*）$/, '') ?? p,
          },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button
          icon={<LeftOutlined />}
          disabled={stack.length <= 1}
          onClick={() => setStack((s) => s.slice(0, -1))}
        >
          上一页
        </Button>
        <Button disabled={!nextCursor} onClick={() => nextCursor && setStack((s) => [...s, nextCursor])}>
          下一页 <RightOutlined />
        </Button>
      </Space>
    </Card>
  );
}
