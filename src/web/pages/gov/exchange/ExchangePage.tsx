import { FileExcelOutlined, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { GovRole } from '../../../../shared/permissions';
import { IMPORT_COLUMNS, type ImportResponse } from '../../../../shared/schemas/exchange-api';
import { exchangeApi } from '../../../api/exchange';
import { PageTitle } from '../../../components/PageTitle';
import { useSubmit } from '../../../forms/useSubmit';
import { GovPage } from '../GovAccess';
import { useCampaignChoice } from '../lists/campaign';

/**
 * /gov/exchange — 数据交换 with the national platform (province): export the approved filings of a campaign
 * (layout v2, CSV or Excel) and import a recognition list, with every row not imported and why.
 */
export default function ExchangePage() {
  return <GovPage path="exchange">{(role) => <Exchange role={role} />}</GovPage>;
}

function Exchange({ role }: { role: GovRole }) {
  const { campaignId, select } = useCampaignChoice(role);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageTitle title="数据交换" />
      <Card title="导出填报数据（报送国家平台）">
        <Space orientation="vertical" style={{ width: '100%' }}>
          {select}
          <Typography.Text type="secondary">
            导出所选批次中审核通过的全部填报（新增入库、数据更新、复核申请），数据格式版本
            v3（企业规模写中文名称，如“小型”；含“数据核验”列，数据不合理的标注“待人工复核”）；CSV 为 UTF-8
            编码，可直接用 Excel 打开。
          </Typography.Text>
          {campaignId && (
            <Space>
              <Button
                icon={<FileTextOutlined />}
                href={exchangeApi.exportUrl(campaignId, 'csv')}
                id="exchange-export-csv"
              >
                导出CSV
              </Button>
              <Button
                icon={<FileExcelOutlined />}
                href={exchangeApi.exportUrl(campaignId, 'xlsx')}
                id="exchange-export-xlsx"
              >
                导出Excel
              </Button>
            </Space>
          )}
        </Space>
      </Card>
      <ImportCard />
    </Space>
  );
}

function ImportCard() {
  const [result, setResult] = useState<{ name: string; r: ImportResponse } | null>(null);
  const upload = useSubmit(async (file: File) => {
    setResult(null);
    setResult({ name: file.name, r: await exchangeApi.importRecognitions(file) });
  });

  const r = result?.r;
  return (
    <Card title="导入认定名单（国家平台下发）">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">
          支持 .xlsx（第一个工作表）或 .csv（UTF-8）文件，第 1 行为表头，须包含：{IMPORT_COLUMNS.join('、')}
          。科技型中小企业另须“登记编号”列（批次/文号可空）。按统一社会信用代码匹配已注册企业；重复导入同一批次/文号（科技型：同一登记编号）不会重复认定。
        </Typography.Text>
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          maxCount={1}
          beforeUpload={(file) => {
            void upload.submit(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.busy} id="exchange-import">
            选择文件并导入
          </Button>
        </Upload>
        {upload.error && (
          <Alert type="error" showIcon role="alert" title={upload.error} id="exchange-import-error" />
        )}
        {r && (
          <div id="exchange-import-result">
            <Descriptions size="small" column={{ xs: 1, md: 5 }} title={`导入结果：${result.name}`}>
              <Descriptions.Item label="数据行">{r.rows}</Descriptions.Item>
              <Descriptions.Item label="新增认定">
                <span id="import-created">{r.created}</span>
              </Descriptions.Item>
              <Descriptions.Item label="更新">{r.updated}</Descriptions.Item>
              <Descriptions.Item label="无变化">{r.unchanged}</Descriptions.Item>
              <Descriptions.Item label="未导入">
                <span id="import-failed">{r.errors.length}</span>
              </Descriptions.Item>
            </Descriptions>
            {r.errors.length > 0 && (
              <Table
                id="import-errors"
                title={() => '未导入的行'}
                rowKey={(i) => `${i.row}-${i.message}`}
                size="small"
                pagination={r.errors.length > 50 ? { pageSize: 50 } : false}
                dataSource={r.errors}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 80 },
                  { title: '原因', dataIndex: 'message' },
                ]}
              />
            )}
            {r.warnings.length > 0 && (
              <Table
                id="import-warnings"
                title={() => '已导入，请核对'}
                rowKey={(i) => `${i.row}-${i.message}`}
                size="small"
                pagination={r.warnings.length > 50 ? { pageSize: 50 } : false}
                dataSource={r.warnings}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 80 },
                  { title: '提示', dataIndex: 'message' },
                ]}
                style={{ marginTop: 12 }}
              />
            )}
          </div>
        )}
      </Space>
    </Card>
  );
}
