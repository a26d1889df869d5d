import { UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Table, Typography, Upload } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import {
  QUALITY_IMPORT_COLUMNS,
  type QualityImportResponse,
  type QualityScoreView,
} from '../../../../shared/schemas/quality-api';
import { errorMessage } from '../../../api/client';
import { qualityApi } from '../../../api/quality';
import { PageTitle } from '../../../components/PageTitle';
import { useSubmit } from '../../../forms/useSubmit';
import { GovPage } from '../GovAccess';

/**
 * /gov/quality — 专精特新发展质量评价得分 (city, province, admin): the score is computed by the national platform;
 * here it is recorded per enterprise and year with its source, one by one or by import. A city records its own
 * enterprises only. The 2026 专精特新 (≥ 50) and 小巨人 (≥ 60) checks on 我的梯度 read it.
 */
export default function QualityScoresPage() {
  return <GovPage path="quality">{() => <QualityScores />}</GovPage>;
}

interface Values {
  uscc: string;
  year: number | null;
  score: string;
  source: string;
}

function QualityScores() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [items, setItems] = useState<QualityScoreView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [imported, setImported] = useState<QualityImportResponse | null>(null);

  const load = useCallback(async () => {
    try {
      setItems((await qualityApi.list()).items);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);
  useEffect(() => {
    // Loading the list on mount.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  // The list's, the form's and the import's errors share the one Alert above the form.
  const save = useSubmit(
    async (v: Values) => {
      setError(null);
      const saved = await qualityApi.save({
        uscc: v.uscc.trim(),
        year: v.year ?? 0,
        score: v.score,
        source: v.source,
      });
      message.success(`已记录 ${saved.enterpriseName} ${saved.year} 年度得分 ${saved.score} 分`);
      form.resetFields(['uscc', 'score']);
      await load();
    },
    { form, whenFieldsPlaced: null, report: setError },
  );

  const upload = useSubmit(
    async (file: File) => {
      setError(null);
      setImported(await qualityApi.importFile(file));
      await load();
    },
    { report: setError },
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageTitle title="质量评价得分" />
      <Card title={<h1 style={{ fontSize: 18, margin: 0 }}>专精特新发展质量评价得分</h1>}>
        <Typography.Paragraph type="secondary">
          得分由优质中小企业梯度培育平台按《中小企业专精特新发展评价指标体系》计算，本平台不计算，只记录国家平台的结果及来源。
          2026 年起，专精特新中小企业须本年度得分不低于 50 分，“小巨人”企业不低于 60
          分。设区市只能录入本市企业。
        </Typography.Paragraph>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
        <Form<Values>
          form={form}
          layout="inline"
          id="quality-form"
          initialValues={{ year: new Date().getFullYear(), source: '' }}
          onFinish={save.submit}
        >
          <Form.Item
            name="uscc"
            htmlFor="quality-uscc"
            label="统一社会信用代码"
            rules={[{ required: true, message: '请填写统一社会信用代码' }]}
          >
            <Input id="quality-uscc" style={{ width: 210 }} maxLength={18} />
          </Form.Item>
          <Form.Item
            name="year"
            htmlFor="quality-year"
            label="年度"
            rules={[{ required: true, message: '请填写年度' }]}
          >
            <InputNumber id="quality-year" precision={0} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item
            name="score"
            htmlFor="quality-score"
            label="得分"
            rules={[{ required: true, message: '请填写得分' }]}
          >
            <Input id="quality-score" style={{ width: 100 }} suffix="分" />
          </Form.Item>
          <Form.Item
            name="source"
            htmlFor="quality-source"
            label="来源"
            rules={[{ required: true, message: '请填写得分来源' }]}
          >
            <Input
              id="quality-source"
              style={{ width: 260 }}
              maxLength={200}
              placeholder="例如：国家平台 2026-05-20 查询"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.busy} id="quality-save">
            保存
          </Button>
        </Form>
      </Card>
      <Card title="导入（数据交换）" size="small">
        <Typography.Paragraph type="secondary">
          .xlsx 或 .csv 文件，第 1 行为表头：{QUALITY_IMPORT_COLUMNS.join('、')}
          。同一企业同一年度重复导入以最新为准，完全相同的行不会重复记录。
        </Typography.Paragraph>
        <Upload
          accept=".xlsx,.csv"
          showUploadList={false}
          maxCount={1}
          beforeUpload={(file) => {
            void upload.submit(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.busy} id="quality-import">
            选择文件并导入
          </Button>
        </Upload>
        {imported && (
          <div id="quality-import-result" style={{ marginTop: 12 }}>
            <Typography.Paragraph>
              数据行 {imported.rows}，新增 {imported.created}，更新 {imported.updated}，无变化{' '}
              {imported.unchanged}，未导入 {imported.errors.length}
            </Typography.Paragraph>
            {imported.errors.length > 0 && (
              <ul className="plain-list">
                {[...imported.errors, ...imported.warnings].map((e, i) => (
                  <li key={i}>
                    第 {e.row} 行：{e.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </Card>
      <Card title="已记录的得分" size="small">
        <Table<QualityScoreView>
          id="quality-table"
          size="small"
          rowKey="id"
          loading={items === null}
          dataSource={items ?? []}
          pagination={{ pageSize: 50 }}
          columns={[
            { title: '企业名称', dataIndex: 'enterpriseName' },
            { title: '统一社会信用代码', dataIndex: 'uscc', width: 200 },
            { title: '年度', dataIndex: 'year', width: 80 },
            { title: '得分', dataIndex: 'score', width: 90 },
            { title: '方式', dataIndex: 'sourceTypeLabel', width: 120 },
            { title: '来源', dataIndex: 'source' },
            { title: '记录人', dataIndex: 'enteredByName', width: 160 },
          ]}
        />
      </Card>
    </Space>
  );
}
