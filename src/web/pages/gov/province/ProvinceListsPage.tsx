import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { GovRole } from '../../../../shared/permissions';
import type { ProvinceOverview } from '../../../../shared/schemas/lists-api';
import { errorMessage } from '../../../api/client';
import { listsApi } from '../../../api/lists';
import { formatShanghai } from '../../../components/Countdown';
import { PageTitle } from '../../../components/PageTitle';
import { ymdText } from '../../public/format';
import { GovPage } from '../GovAccess';
import { useCampaignChoice } from '../lists/campaign';

/** /gov/province/lists — 各市名单: every city's list with counts, Excel and PDF export. Read-only. */
export default function ProvinceListsPage() {
  return <GovPage path="province/lists">{(role) => <Overview role={role} />}</GovPage>;
}

function Overview({ role }: { role: GovRole }) {
  const { campaignId, select } = useCampaignChoice(role);
  const [data, setData] = useState<ProvinceOverview | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!campaignId) return;
    let live = true;
    listsApi.province(campaignId).then(
      (r) => live && (setData(r), setError(null)),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [campaignId]);

  const t = data?.totals;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageTitle title="各市名单" />
      <Card
        title="各设区市创新型中小企业名单"
        extra={
          campaignId && (
            <Space>
              <Button
                icon={<FileExcelOutlined />}
                href={listsApi.provinceExportUrl(campaignId, 'xlsx')}
                id="export-xlsx"
              >
                导出Excel
              </Button>
              <Button
                icon={<FilePdfOutlined />}
                href={listsApi.provinceExportUrl(campaignId, 'pdf')}
                id="export-pdf"
              >
                导出PDF
              </Button>
            </Space>
          )
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          {select}
          {data && (
            <Typography.Text type="secondary">
              名单报送截止：{formatShanghai(data.listDeadline)}；全省列入 {t?.included} 家，异议{' '}
              {t?.objections} 件（待处理 {t?.openObjections}）
            </Typography.Text>
          )}
        </Space>
      </Card>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      <Table
        id="province-lists"
        rowKey="cityCode"
        size="small"
        loading={!data && !error && !!campaignId}
        dataSource={data?.cities ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        columns={[
          { title: '设区市', dataIndex: 'cityName' },
          {
            title: '名单',
            key: 'title',
            render: (_v, r) =>
              r.list ? r.list.title : <Typography.Text type="secondary">未创建</Typography.Text>,
          },
          {
            title: '状态',
            key: 'status',
            render: (_v, r) =>
              r.list ? (
                <Tag
                  color={
                    r.list.status === 'announced'
                      ? 'green'
                      : r.list.status === 'publicity'
                        ? 'orange'
                        : 'default'
                  }
                >
                  {r.list.statusLabel}
                </Tag>
              ) : (
                '—'
              ),
          },
          {
            title: '公示期',
            key: 'pub',
            render: (_v, r) =>
              r.list?.publicityStart
                ? `${ymdText(r.list.publicityStart)} 至 ${ymdText(r.list.publicityEnd)}`
                : '—',
          },
          {
            title: '公告',
            key: 'ann',
            render: (_v, r) =>
              r.list?.documentNo ? `${r.list.documentNo}（${ymdText(r.list.announcedAt)}）` : '—',
          },
          { title: '列入', key: 'inc', align: 'right', render: (_v, r) => r.list?.counts.included ?? 0 },
          { title: '未列入', key: 'exc', align: 'right', render: (_v, r) => r.list?.counts.excluded ?? 0 },
          { title: '异议移出', key: 'rem', align: 'right', render: (_v, r) => r.list?.counts.removed ?? 0 },
          {
            title: '异议（待处理）',
            key: 'obj',
            align: 'right',
            render: (_v, r) =>
              r.list ? `${r.list.counts.objections}（${r.list.counts.openObjections}）` : 0,
          },
        ]}
        summary={() =>
          t ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={5}>
                合计
              </Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">
                {t.included}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">
                {t.excluded}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">
                {t.removed}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={8} align="right">
                {t.objections}（{t.openObjections}）
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Space>
  );
}
