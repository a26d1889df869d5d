import { Alert, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import {
  ObjectionLookupParams,
  ObjectionLookupQuery,
  type ObjectionLookup,
} from '../../../shared/schemas/lists-api';
import { ApiError } from '../../api/client';
import { listsApi } from '../../api/lists';
import { formatShanghai } from '../../components/Countdown';
import { PageTitle } from '../../components/PageTitle';
import { useSubmit } from '../../forms/useSubmit';
import { zodRule } from '../../forms/zodForm';

const OBJECTION_NOT_FOUND = '未找到该受理编号，请核对编号和联系电话后四位';

const STATUS_COLORS: Record<ObjectionLookup['status'], string> = {
  open: 'orange',
  upheld: 'green',
  rejected: 'default',
};

interface Values {
  trackingNo?: string;
  phone?: string;
}

/** /public/objection-status — 异议进度查询: tracking number + the last 4 digits of the contact phone. */
export default function ObjectionStatusPage() {
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<ObjectionLookup | null>(null);
  const lookup = useSubmit(
    async (v: Values) => {
      setResult(null);
      setResult(await listsApi.objectionStatus((v.trackingNo ?? '').trim(), (v.phone ?? '').trim()));
    },
    {
      form,
      aliases: { trackingNo: 'trackingNo', phone: 'phone' },
      whenFieldsPlaced: null,
      onError: (err) => (err instanceof ApiError && err.status === 404 ? OBJECTION_NOT_FOUND : undefined),
    },
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageTitle title="异议进度查询" />
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22 }}>
          异议进度查询
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          请输入提交异议后获得的受理编号，以及提交异议时所留联系电话的后四位。
        </Typography.Paragraph>
        <Form<Values>
          form={form}
          layout="inline"
          id="objection-status-form"
          initialValues={{ trackingNo: params.get('no') ?? '' }}
          onFinish={lookup.submit}
          style={{ rowGap: 12 }}
        >
          <Form.Item
            name="trackingNo"
            label="受理编号"
            required
            rules={[zodRule(ObjectionLookupParams, 'trackingNo')]}
          >
            <Input id="trackingNo" maxLength={40} style={{ width: 240 }} autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="phone"
            label="联系电话后四位"
            required
            rules={[zodRule(ObjectionLookupQuery, 'phone')]}
          >
            <Input id="phone" maxLength={4} inputMode="numeric" style={{ width: 120 }} autoComplete="off" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={lookup.busy} id="objection-status-submit">
              查询
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {lookup.error && (
        <Alert type="warning" showIcon role="alert" title={lookup.error} id="objection-status-error" />
      )}
      {result && (
        <Card title="处理进度" id="objection-status-result">
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="受理编号">{result.trackingNo}</Descriptions.Item>
            <Descriptions.Item label="名单">{result.listTitle}</Descriptions.Item>
            <Descriptions.Item label="发布单位">{result.issuingDepartment}</Descriptions.Item>
            <Descriptions.Item label="异议企业">{result.enterpriseName}</Descriptions.Item>
            <Descriptions.Item label="提交时间">{formatShanghai(result.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label="处理状态">
              <Tag color={STATUS_COLORS[result.status]} id="objection-status">
                {result.statusLabel}
              </Tag>
            </Descriptions.Item>
            {result.resolvedAt && (
              <Descriptions.Item label="办结时间">{formatShanghai(result.resolvedAt)}</Descriptions.Item>
            )}
            {result.outcome && (
              <Descriptions.Item label="处理意见">
                <span style={{ whiteSpace: 'pre-wrap' }} id="objection-outcome">
                  {result.outcome}
                </span>
              </Descriptions.Item>
            )}
          </Descriptions>
          {result.message && (
            <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
              {result.message}
            </Typography.Paragraph>
          )}
        </Card>
      )}
    </Space>
  );
}
