import { UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Result,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  OBJECTION_FILE_MAX_BYTES,
  ObjectionRequest,
  type ObjectionReceipt,
  type PublicListDetail,
  type PublicUploadResponse,
} from '../../../shared/schemas/lists-api';
import { ApiError, errorMessage } from '../../api/client';
import { listsApi } from '../../api/lists';
import { CaptchaField, type CaptchaHandle } from '../../components/CaptchaField';
import { Countdown } from '../../components/Countdown';
import { PageLoading } from '../../components/PageLoading';
import { PageTitle } from '../../components/PageTitle';
import { useSubmit } from '../../forms/useSubmit';
import { zodRule } from '../../forms/zodForm';
import { publicityDeadline, ymdText } from './format';

const MAX_MB = OBJECTION_FILE_MAX_BYTES / 1024 / 1024;

/** /public/lists/:id — one list's 公示 or 公告, with the objection form while the publicity is open. */
export default function PublicListDetailPage() {
  const { id = '' } = useParams();
  const [list, setList] = useState<PublicListDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    listsApi.publicDetail(id).then(
      (r) => live && setList(r),
      (err: unknown) =>
        live &&
        setError(
          err instanceof ApiError && err.code === 'NOT_FOUND'
            ? '未找到该名单，可能尚未公示。'
            : errorMessage(err),
        ),
    );
    return () => {
      live = false;
    };
  }, [id]);

  if (error)
    return (
      <Result
        status="404"
        title={error}
        extra={
          <Link to="/public/lists">
            <Button>返回公示名单</Button>
          </Link>
        }
      />
    );
  if (!list) return <PageLoading />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageTitle title={list.title} />
      <Card>
        <Typography.Title level={1} style={{ fontSize: 22, textAlign: 'center' }} id="list-title">
          {list.title}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="发布单位">{list.issuingDepartment}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={list.status === 'publicity' ? 'orange' : 'green'} id="list-status">
              {list.statusLabel}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label="公示期">
            <Space wrap>
              <span>
                {ymdText(list.publicityStart)} 至 {ymdText(list.publicityEnd)}
              </span>
              {list.status === 'publicity' && list.publicityEnd && (
                <Countdown
                  label="公示"
                  deadline={publicityDeadline(list.publicityEnd)}
                  id="publicity-countdown"
                />
              )}
            </Space>
          </Descriptions.Item>
          {list.status === 'announced' && (
            <Descriptions.Item label="公告">
              {list.documentNo}（{ymdText(list.announcedAt)}）
            </Descriptions.Item>
          )}
          <Descriptions.Item label="企业数量">{list.entryCount} 家</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="名单">
        <ResponsiveTable
          id="public-entries"
          rowKey="id"
          size="small"
          dataSource={list.entries}
          pagination={list.entries.length > 50 ? { pageSize: 50 } : false}
          columns={[
            { title: '序号', key: 'n', width: 70, render: (_v, _r, i) => i + 1 },
            { title: '企业名称', dataIndex: 'enterpriseName' },
            { title: '所在县（市、区）', dataIndex: 'countyName' },
            { title: '统一社会信用代码', dataIndex: 'maskedUscc', className: 'uscc' },
          ]}
        />
      </Card>
      <Card title="异议受理">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
          {list.objection.instructions}
        </Typography.Paragraph>
        {list.objection.contact && (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} id="objection-contact">
            <strong>异议受理方式：</strong>
            {list.objection.contact}
          </Typography.Paragraph>
        )}
        {list.objection.open ? (
          <ObjectionForm list={list} />
        ) : (
          <Alert
            type="info"
            showIcon
            title={
              list.status === 'announced'
                ? '名单已公告，异议受理已结束。'
                : '当前不在公示期内，暂不受理异议。'
            }
          />
        )}
      </Card>
    </Space>
  );
}

interface ObjectionFormValues {
  entryId?: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  reason?: string;
  captchaId?: string;
  captchaAnswer?: string;
}

function ObjectionForm({ list }: { list: PublicListDetail }) {
  const [form] = Form.useForm<ObjectionFormValues>();
  const captcha = useRef<CaptchaHandle>(null);
  const [files, setFiles] = useState<UploadFile<PublicUploadResponse>[]>([]);
  const [receipt, setReceipt] = useState<ObjectionReceipt | null>(null);
  const send = useSubmit(
    async (values: ObjectionFormValues) => {
      const fileIds = files.filter((f) => f.status === 'done' && f.response).map((f) => f.response!.fileId);
      const r = await listsApi.submitObjection(list.id, {
        entryId: values.entryId ?? '',
        contactName: values.contactName ?? '',
        contactPhone: values.contactPhone ?? '',
        contactEmail: values.contactEmail ?? '',
        reason: values.reason ?? '',
        captchaId: values.captchaId ?? '',
        captchaAnswer: values.captchaAnswer ?? '',
        ...(fileIds.length ? { fileIds } : {}),
      });
      setReceipt(r);
    },
    {
      form,
      whenFieldsPlaced: null,
      onError: () => {
        captcha.current?.refresh();
      },
    },
  );

  if (receipt)
    return (
      <Result
        status="success"
        title="异议已提交"
        subTitle={
          <>
            受理编号：
            <Typography.Text strong copyable id="tracking-no">
              {receipt.trackingNo}
            </Typography.Text>
            <br />
            {receipt.message}
            <br />
            请妥善保存受理编号，可凭编号和联系电话后四位在
            <Link
              to={`/public/objection-status?no=${encodeURIComponent(receipt.trackingNo)}`}
              id="status-link"
            >
              异议进度查询
            </Link>
            页面查看处理进度。
          </>
        }
      />
    );

  const uploading = files.some((f) => f.status === 'uploading');

  return (
    <Form<ObjectionFormValues>
      form={form}
      layout="vertical"
      id="objection-form"
      onFinish={send.submit}
      style={{ maxWidth: 640 }}
      scrollToFirstError
    >
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        提出异议
      </Typography.Title>
      {send.error && (
        <Alert type="error" role="alert" showIcon title={send.error} style={{ marginBottom: 16 }} />
      )}
      <Form.Item name="entryId" label="异议企业" rules={[zodRule(ObjectionRequest, 'entryId')]} required>
        <Select
          showSearch
          placeholder="请选择名单中的企业"
          optionFilterProp="label"
          options={list.entries.map((e) => ({ value: e.id, label: e.enterpriseName }))}
          id="objection-entry"
        />
      </Form.Item>
      <Form.Item
        name="contactName"
        label="联系人姓名"
        rules={[zodRule(ObjectionRequest, 'contactName')]}
        required
      >
        <Input maxLength={30} autoComplete="name" />
      </Form.Item>
      <Form.Item
        name="contactPhone"
        label="联系电话"
        rules={[zodRule(ObjectionRequest, 'contactPhone')]}
        required
        extra="仅供受理部门核实情况，不会公开"
      >
        <Input maxLength={20} autoComplete="tel" />
      </Form.Item>
      <Form.Item
        name="contactEmail"
        label="电子邮箱（选填）"
        rules={[zodRule(ObjectionRequest, 'contactEmail')]}
      >
        <Input maxLength={100} autoComplete="email" />
      </Form.Item>
      <Form.Item name="reason" label="异议理由" rules={[zodRule(ObjectionRequest, 'reason')]} required>
        <Input.TextArea
          rows={5}
          maxLength={2000}
          showCount
          placeholder="请具体说明异议的事实和理由（至少 10 个字）"
        />
      </Form.Item>
      <Form.Item label="证明材料（选填）" extra={`PDF、JPG 或 PNG 格式，每个不超过 ${MAX_MB} MB，最多 5 个`}>
        <Upload<PublicUploadResponse>
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
          fileList={files}
          maxCount={5}
          beforeUpload={(file) => {
            if (file.size > OBJECTION_FILE_MAX_BYTES) {
              send.setError(`附件“${file.name}”超过 ${MAX_MB} MB，请压缩后再上传。`);
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          onChange={({ fileList }) => setFiles(fileList)}
          customRequest={({ file, onSuccess, onError }) => {
            listsApi.uploadObjectionFile(file as File).then(
              (r) => onSuccess?.(r),
              (err: unknown) => {
                send.setError(errorMessage(err));
                onError?.(err instanceof Error ? err : new Error(errorMessage(err)));
              },
            );
          }}
        >
          <Button icon={<UploadOutlined />}>上传附件</Button>
        </Upload>
      </Form.Item>
      <CaptchaField ref={captcha} />
      <Button type="primary" htmlType="submit" loading={send.busy} disabled={uploading} id="objection-submit">
        提交异议
      </Button>
    </Form>
  );
}
