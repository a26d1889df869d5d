import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { OutboxResponse } from '../../shared/schemas/auth';
import { mobile as mobileSchema } from '../../shared/schemas/fields';
import { authApi } from '../api/auth';
import { errorMessage } from '../api/client';
import { PageTitle } from '../components/PageTitle';

type OutboxMessage = OutboxResponse['messages'][number];

/** The 6-digit verification code in an SMS body, if any. */
export function codeIn(body: string): string | null {
  return /验证码\s*(\d{6})/.exec(body)?.[1] ?? null;
}

/** Developer page (development and test mode): the SMS outbox, to read verification codes. */
export default function DevSmsPage() {
  const [mobile, setMobile] = useState('');
  const [auto, setAuto] = useState(true);
  const [messages, setMessages] = useState<OutboxMessage[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadedAt, setLoadedAt] = useState<string | null>(null);
  const seq = useRef(0);

  // The server filters by a complete mobile number only; anything shorter lists every message.
  const parsedMobile = mobileSchema.safeParse(mobile);
  const filter = mobile.trim() && parsedMobile.success ? parsedMobile.data : undefined;
  const filterPending = mobile.trim() !== '' && !filter;

  const load = useCallback(() => {
    const n = ++seq.current;
    setLoading(true);
    authApi.smsOutbox(filter).then(
      (r) => {
        if (n !== seq.current) return;
        setMessages([...r.messages].sort((a, b) => b.id - a.id));
        setError(null);
        setLoadedAt(dayjs().format('HH:mm:ss'));
        setLoading(false);
      },
      (err: unknown) => {
        if (n !== seq.current) return;
        setError(errorMessage(err));
        setLoading(false);
      },
    );
  }, [filter]);

  useEffect(() => {
    const first = setTimeout(load, 0);
    if (!auto) return () => clearTimeout(first);
    const timer = setInterval(load, 3000);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [load, auto]);

  return (
    <div style={{ maxWidth: 1100, margin: '0 auto', padding: 24 }}>
      <PageTitle title="短信发件箱（开发用）" />
      <Card title="短信发件箱（开发用）" extra={<Link to="/">返回平台</Link>}>
        <Typography.Paragraph type="secondary">
          开发和测试环境不真正发送短信，平台“发出”的短信都记录在这里，便于读取验证码。生产环境没有此页面。
        </Typography.Paragraph>
        <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
          <Input.Search
            id="outboxMobile"
            allowClear
            placeholder="按手机号码筛选"
            style={{ width: 240 }}
            value={mobile}
            onChange={(e) => setMobile(e.target.value)}
            onSearch={load}
          />
          <Space>
            <Switch id="outboxAuto" checked={auto} onChange={setAuto} />
            <label htmlFor="outboxAuto">每 3 秒自动刷新</label>
          </Space>
          <Button icon={<ReloadOutlined />} onClick={load} loading={loading}>
            刷新
          </Button>
          {filterPending && (
            <Typography.Text type="warning">输入完整的 11 位手机号码后按号码筛选</Typography.Text>
          )}
          {loadedAt && <Typography.Text type="secondary">最近刷新：{loadedAt}</Typography.Text>}
        </Flex>
        {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Table<OutboxMessage>
          rowKey="id"
          size="middle"
          dataSource={messages}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '暂无短信' }}
          columns={[
            {
              title: '时间',
              dataIndex: 'createdAt',
              width: 180,
              render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss'),
            },
            { title: '手机号码', dataIndex: 'mobile', width: 140 },
            {
              title: '验证码',
              key: 'code',
              width: 120,
              render: (_: unknown, m) => {
                const code = codeIn(m.body);
                return code ? (
                  <Typography.Text
                    className="sms-code"
                    copyable={{ text: code, tooltips: ['复制', '已复制'] }}
                  >
                    {code}
                  </Typography.Text>
                ) : (
                  <Tag>无</Tag>
                );
              },
            },
            { title: '短信内容', dataIndex: 'body' },
          ]}
        />
      </Card>
    </div>
  );
}
