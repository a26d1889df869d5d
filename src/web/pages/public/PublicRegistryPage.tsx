import { SearchOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Input, Result, Tag, Typography } from 'antd';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { RegistryResponse } from '../../../shared/schemas/registry-api';
import { errorMessage } from '../../api/client';
import { registryApi } from '../../api/registry';
import { PageTitle } from '../../components/PageTitle';
import { ymdText } from './format';

/** /public/registry — anyone checks whether an enterprise holds a valid recognition today. No login. */
export default function PublicRegistryPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [input, setInput] = useState(q);
  const [result, setResult] = useState<{ q: string; data: RegistryResponse } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const query = q.trim();
    if (!query) return;
    let live = true;
    // The lookup runs whenever the query in the address changes.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setLoading(true);
    setError(null);
    registryApi
      .search(query)
      .then(
        (data) => live && setResult({ q: query, data }),
        (err: unknown) => live && setError(errorMessage(err)),
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [q]);

  return (
    <Card title={<h1 style={{ margin: 0, fontSize: 20 }}>优质中小企业认定查询</h1>}>
      <PageTitle title="认定查询" />
      <Typography.Paragraph type="secondary">
        输入企业名称（至少 3 个字）或统一社会信用代码（至少 6
        位），查询该企业当前有效的认定（经设区市公告的创新型中小企业等）。
      </Typography.Paragraph>
      <Input.Search
        id="registry-q"
        size="large"
        enterButton={
          <>
            <SearchOutlined /> 查询
          </>
        }
        placeholder="企业名称或统一社会信用代码"
        value={input}
        maxLength={60}
        loading={loading}
        onChange={(e) => setInput(e.target.value)}
        onSearch={(v) => {
          const t = v.trim();
          // The server's rule (ADR 0027): a name of 3 characters or more, a credit code of 6 or more.
          const compact = t.replace(/\s+/g, '');
          const code = /^[0-9A-Za-z]+$/.test(compact);
          if ((code && compact.length < 6) || (!code && [...compact].length < 3)) {
            setError('请输入企业名称（至少 3 个字）或统一社会信用代码（至少 6 位）');
            return;
          }
          setParams({ q: t });
        }}
        style={{ maxWidth: 640, marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {!result && !error && <Empty description="请输入查询条件" />}
      {result && result.data.items.length === 0 && (
        <div id="registry-none">
          <Result
            status="info"
            title="未查询到有效认定"
            subTitle={`没有找到与“${result.q}”匹配、且在有效期内的认定。企业名称请使用营业执照上的全称或其中的连续文字。`}
          />
        </div>
      )}
      {result && result.data.items.length > 0 && (
        <>
          {result.data.truncated && (
            <Alert
              type="warning"
              showIcon
              title="匹配结果较多，仅显示前 20 条，请输入更完整的名称或信用代码。"
              style={{ marginBottom: 12 }}
            />
          )}
          <ResponsiveTable
            id="registry-results"
            rowKey={(r) => `${r.maskedUscc}-${r.title}-${r.validFrom}`}
            size="small"
            pagination={false}
            dataSource={result.data.items}
            scroll={{ x: 900 }}
            columns={[
              { title: '企业名称', dataIndex: 'enterpriseName' },
              { title: '统一社会信用代码', dataIndex: 'maskedUscc' },
              { title: '认定', dataIndex: 'title', render: (t: string) => <Tag color="blue">{t}</Tag> },
              { title: '认定单位', dataIndex: 'issuer' },
              { title: '文号', dataIndex: 'documentNo', render: (v: string | null) => v ?? '—' },
              {
                title: '有效期',
                key: 'valid',
                render: (_v, r) => `${ymdText(r.validFrom)} 至 ${ymdText(r.validTo)}`,
              },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            查询时间：{ymdText(result.data.asOf)}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
