import { App, Card, Descriptions, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ReviewUnitsResponse, ReviewUnitView } from '../../../../shared/schemas/admin-api';
import { adminApi } from '../../../api/admin';
import { errorMessage } from '../../../api/client';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { GovPage } from '../GovAccess';

type City = ReviewUnitsResponse['cities'][number];

export default function ReviewUnitsPage() {
  return <GovPage path="units">{() => <Units />}</GovPage>;
}

function reviewerTag(active: number, disabled: number) {
  if (active === 0) return <Tag color="red">无审核账号</Tag>;
  return (
    <span>
      {active} 个
      {disabled > 0 ? <Typography.Text type="secondary">（另有 {disabled} 个已停用）</Typography.Text> : null}
    </span>
  );
}

/** 审核单元: every 设区市 and its county-level units; development zones review their own enterprises (ADR 0004). */
function Units() {
  const { message } = App.useApp();
  const [data, setData] = useState<ReviewUnitsResponse | null>(null);
  useEffect(() => {
    adminApi.reviewUnits().then(setData, (err: unknown) => message.error(errorMessage(err)));
  }, [message]);
  if (!data) return <PageLoading />;
  return (
    <Card title="审核单元">
      <PageTitle title="审核单元" />
      <Descriptions size="small" column={4} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="设区市">{data.totals.cities}</Descriptions.Item>
        <Descriptions.Item label="县级审核单元">{data.totals.units}</Descriptions.Item>
        <Descriptions.Item label="其中开发区">{data.totals.devZones}</Descriptions.Item>
        <Descriptions.Item label="尚无审核账号">
          <Typography.Text type={data.totals.unitsWithoutReviewer > 0 ? 'danger' : undefined}>
            {data.totals.unitsWithoutReviewer}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">
        每个县（市、区）和开发区（功能区）都是审核单元：注册在开发区的企业由该开发区工信部门审核，再由所在设区市审核。
      </Typography.Paragraph>
      <Table<City>
        id="units-table"
        rowKey="code"
        pagination={false}
        dataSource={data.cities}
        columns={[
          { title: '设区市', dataIndex: 'name' },
          { title: '代码', dataIndex: 'code', width: 100 },
          { title: '县级单元数', key: 'n', render: (_: unknown, c) => c.units.length },
          {
            title: '市级审核账号',
            key: 'r',
            render: (_: unknown, c) => reviewerTag(c.reviewerCount, c.disabledReviewerCount),
          },
        ]}
        expandable={{
          expandedRowRender: (c) => (
            <Table<ReviewUnitView>
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={c.units}
              columns={[
                {
                  title: '审核单元',
                  dataIndex: 'name',
                  render: (n: string, u) => (
                    <span>
                      {n}
                      {u.devZone && (
                        <Tag color="purple" style={{ marginInlineStart: 6 }}>
                          开发区
                        </Tag>
                      )}
                    </span>
                  ),
                },
                { title: '代码', dataIndex: 'code', width: 100 },
                { title: '类别', dataIndex: 'kindLabel' },
                {
                  title: '县级审核账号',
                  key: 'r',
                  render: (_: unknown, u) => reviewerTag(u.reviewerCount, u.disabledReviewerCount),
                },
              ]}
            />
          ),
        }}
      />
    </Card>
  );
}
