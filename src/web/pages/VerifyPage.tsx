import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Form, Input, Result, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { VerifyResponse } from '../../shared/schemas/filing-api';
import { errorMessage } from '../api/client';
import { filingsApi } from '../api/filings';
import { AuthLayout } from '../components/AuthLayout';
import { dateTimeText } from './qiye/filing/model';

/** /verify/:code — public check of a printed 申报书 (the QR code on the PDF points here). No login. */
export default function VerifyPage() {
  const { code = '' } = useParams();
  const navigate = useNavigate();
  const [input, setInput] = useState(code);
  const [result, setResult] = useState<{ code: string; data: VerifyResponse } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const c = code.trim();
    if (!c) return;
    let live = true;
    // The lookup runs whenever the code in the address changes.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setLoading(true);
    setError(null);
    filingsApi
      .verify(c.toUpperCase())
      .then(
        (data) => {
          if (live) setResult({ code: c.toUpperCase(), data });
        },
        (err: unknown) => {
          if (live) setError(errorMessage(err));
        },
      )
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [code]);

  const doc = result?.data.document;
  return (
    <AuthLayout title="申报书核验" wide>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        输入申报书上印有的验证码（或扫描申报书上的二维码），核对纸质申报书与平台上的提交记录是否一致。
      </Typography.Paragraph>
      <Form
        layout="inline"
        onFinish={() => {
          const c = input.trim().replace(/\s+/g, '').toUpperCase();
          if (c) navigate(`/verify/${encodeURIComponent(c)}`);
        }}
        style={{ marginBottom: 16 }}
      >
        <Form.Item label="验证码" style={{ flex: 1 }}>
          <Input
            id="verify-code"
            value={input}
            maxLength={64}
            placeholder="例如 ABCD2345EFGH"
            onChange={(e) => setInput(e.target.value)}
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={loading} icon={<SafetyCertificateOutlined />}>
            核验
          </Button>
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      {result && !result.data.found && (
        <Result
          status="warning"
          title="未找到该验证码对应的申报书"
          subTitle="请核对验证码是否输入正确；如申报书上的验证码无法查到，该申报书可能不是由本平台生成的。"
        />
      )}
      {doc && (
        <>
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            title="验证通过：平台上存在与该验证码对应的申报书，请核对以下信息与纸质申报书一致"
          />
          <Descriptions bordered size="small" column={1} id="verify-result">
            <Descriptions.Item label="企业名称">{doc.enterpriseName}</Descriptions.Item>
            <Descriptions.Item label="统一社会信用代码">{doc.usccMasked}</Descriptions.Item>
            <Descriptions.Item label="填报类型">{doc.kindLabel}</Descriptions.Item>
            <Descriptions.Item label="批次">{doc.campaignName}</Descriptions.Item>
            <Descriptions.Item label="提交时间">{dateTimeText(doc.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label="自评得分">
              {doc.scoreTotal === null ? '—' : `${doc.scoreTotal} 分`}
            </Descriptions.Item>
            <Descriptions.Item label="当前状态">{doc.statusLabel}</Descriptions.Item>
            <Descriptions.Item label="数据摘要（SHA-256）">
              <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>
                {doc.digest}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </>
      )}
    </AuthLayout>
  );
}
