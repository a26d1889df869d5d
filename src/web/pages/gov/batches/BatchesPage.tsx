import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { cities, countiesOf } from '../../../../shared/regions';
import {
  CAMPAIGN_DATE_FIELDS,
  CAMPAIGN_DATE_LABELS,
  campaignDateProblems,
  type CampaignAdminView,
  type CampaignListResponse,
  type CampaignPatch,
  type ExtensionView,
} from '../../../../shared/schemas/campaign-admin-api';
import { FILING_KIND_LABELS, FILING_KINDS, type FilingKind } from '../../../../shared/schemas/filing-api';
import { campaignsApi } from '../../../api/campaigns';
import { errorMessage } from '../../../api/client';
import { formatShanghai } from '../../../components/Countdown';
import { PageTitle } from '../../../components/PageTitle';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useSubmit } from '../../../forms/useSubmit';
import { countyLabel, filterByLabel, GovPage } from '../GovAccess';
import { overridesText } from './overrides';
import { RuleOverrides } from './RuleOverrides';
import type { GovRole } from '../../../../shared/permissions';

type DateField = (typeof CAMPAIGN_DATE_FIELDS)[number];

interface CampaignForm {
  year?: number;
  name?: string;
  kindsOpen?: FilingKind[];
  standardId?: string;
  filingOpensAt?: Dayjs;
  filingClosesAt?: Dayjs;
  countyReviewDeadline?: Dayjs;
  cityReviewDeadline?: Dayjs;
  listDeadline?: Dayjs;
}

const iso = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DDTHH:mm:ssZ') : undefined);

/** The form's values as the API's body (dates as ISO instants with the +08:00 offset). */
function toBody(v: CampaignForm) {
  const body: Record<string, unknown> = {
    year: v.year,
    kindsOpen: v.kindsOpen,
    standardId: v.standardId,
  };
  if (v.name?.trim()) body.name = v.name.trim();
  for (const f of CAMPAIGN_DATE_FIELDS) body[f] = iso(v[f]);
  return body;
}

function fromCampaign(c: CampaignAdminView): CampaignForm {
  const v: CampaignForm = { year: c.year, name: c.name, kindsOpen: c.kindsOpen, standardId: c.standardId };
  for (const f of CAMPAIGN_DATE_FIELDS) v[f] = dayjs(c[f]);
  return v;
}

/** A default new campaign: next year's dates as in the 2023 notice (March filing, April reviews). */
function defaults(year: number, standardId?: string): CampaignForm {
  const at = (md: string, hm = '23:59:59') => dayjs(`${year}-${md}T${hm}+08:00`);
  return {
    year,
    kindsOpen: ['entry', 'update'],
    standardId,
    filingOpensAt: at('03-01', '00:00:00'),
    filingClosesAt: at('03-24'),
    countyReviewDeadline: at('03-28'),
    cityReviewDeadline: at('03-31'),
    listDeadline: at('04-10'),
  };
}

export default function BatchesPage() {
  return <GovPage path="batches">{(role) => <Batches role={role} />}</GovPage>;
}

function Batches({ role }: { role: GovRole }) {
  const { message } = App.useApp();
  const [data, setData] = useState<CampaignListResponse | null>(null);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState<CampaignAdminView | 'new' | null>(null);
  const [extending, setExtending] = useState<string | null>(null);
  const [overriding, setOverriding] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setData(await campaignsApi.list());
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [message]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loads data from the server
    void load();
  }, [load]);

  const extCampaign = data?.items.find((c) => c.id === extending) ?? null;
  const overCampaign = data?.items.find((c) => c.id === overriding) ?? null;

  return (
    <Card
      title="填报批次"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} id="campaign-new">
          新建批次
        </Button>
      }
    >
      <PageTitle title="填报批次" />
      <Table<CampaignAdminView>
        id="campaign-table"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 1200 }}
        columns={[
          {
            title: '年度',
            dataIndex: 'year',
            width: 90,
            render: (y: number, c) => (
              <Space>
                {y}
                {data?.currentId === c.id && <Tag color="blue">当前</Tag>}
              </Space>
            ),
          },
          { title: '名称', dataIndex: 'name' },
          {
            title: '开放类型',
            dataIndex: 'kindsOpen',
            render: (ks: FilingKind[]) => ks.map((k) => <Tag key={k}>{FILING_KIND_LABELS[k]}</Tag>),
          },
          {
            title: '企业填报',
            key: 'window',
            render: (_: unknown, c) => (
              <span>
                {formatShanghai(c.filingOpensAt)} 至 {formatShanghai(c.filingClosesAt)}
                {c.filingOpen && (
                  <Tag color="green" style={{ marginInlineStart: 6 }}>
                    进行中
                  </Tag>
                )}
              </span>
            ),
          },
          {
            title: '县区审核截止',
            dataIndex: 'countyReviewDeadline',
            render: (v: string) => formatShanghai(v),
          },
          {
            title: '设区市审核截止',
            dataIndex: 'cityReviewDeadline',
            render: (v: string) => formatShanghai(v),
          },
          { title: '名单报送截止', dataIndex: 'listDeadline', render: (v: string) => formatShanghai(v) },
          { title: '评价标准', dataIndex: 'standardId', width: 160 },
          {
            title: '适用标准设置',
            key: 'ruleOverrides',
            width: 220,
            render: (_: unknown, c) => {
              const texts = overridesText(c.ruleOverrides);
              return texts.length === 0 ? (
                <Typography.Text type="secondary">按申请日期自动选择</Typography.Text>
              ) : (
                <Space orientation="vertical" size={2} data-testid={`overrides-${c.year}`}>
                  {texts.map((x) => (
                    <Tag key={x} color="orange">
                      {x}
                    </Tag>
                  ))}
                </Space>
              );
            },
          },
          { title: '填报数', dataIndex: 'filingCount', width: 80 },
          {
            title: '操作',
            key: 'ops',
            fixed: 'right',
            width: role === 'province' ? 260 : 170,
            render: (_: unknown, c) => (
              <Space>
                <Button size="small" onClick={() => setEditing(c)}>
                  编辑
                </Button>
                {role === 'province' && (
                  <Button size="small" id={`overrides-open-${c.year}`} onClick={() => setOverriding(c.id)}>
                    适用标准
                  </Button>
                )}
                <Button size="small" onClick={() => setExtending(c.id)}>
                  延期{c.extensions.length ? `（${c.extensions.length}）` : ''}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && data && (
        <CampaignDialog
          campaign={editing === 'new' ? null : editing}
          standards={data.standards}
          nextYear={Math.max(new Date().getFullYear(), ...data.items.map((c) => c.year + 1))}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void load();
          }}
        />
      )}
      <Drawer
        open={extCampaign !== null}
        width={760}
        title={extCampaign ? `${extCampaign.name}：审核截止时间延期` : ''}
        onClose={() => setExtending(null)}
        destroyOnHidden
      >
        {extCampaign && <Extensions campaign={extCampaign} onChanged={() => void load()} />}
      </Drawer>
      <Drawer
        open={overCampaign !== null && role === 'province'}
        width={760}
        title={overCampaign ? `${overCampaign.name}：适用的评价标准` : ''}
        onClose={() => setOverriding(null)}
        destroyOnHidden
      >
        {overCampaign && (
          <RuleOverrides
            campaign={overCampaign}
            onSaved={() => {
              setOverriding(null);
              void load();
            }}
          />
        )}
      </Drawer>
    </Card>
  );
}

function CampaignDialog({
  campaign,
  standards,
  nextYear,
  onClose,
  onSaved,
}: {
  campaign: CampaignAdminView | null;
  standards: { id: string; title: string }[];
  nextYear: number;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<CampaignForm>();
  const initial = useMemo(
    () => (campaign ? fromCampaign(campaign) : defaults(nextYear, standards[0]?.id)),
    [campaign, nextYear, standards],
  );

  const save = useSubmit(
    async () => {
      const v = await form.validateFields().catch(() => null);
      if (!v) return;
      const body = toBody(v);
      const dates = Object.fromEntries(CAMPAIGN_DATE_FIELDS.map((f) => [f, body[f] as string])) as Record<
        DateField,
        string
      >;
      const problems = campaignDateProblems(dates);
      if (Object.keys(problems).length > 0) {
        applyFieldErrors(form, problems);
        return;
      }
      if (campaign) {
        const before = toBody(fromCampaign(campaign));
        const patch = Object.fromEntries(
          Object.entries(body).filter(([k, val]) => JSON.stringify(val) !== JSON.stringify(before[k])),
        ) as CampaignPatch;
        if (Object.keys(patch).length === 0) {
          onClose();
          return;
        }
        await campaignsApi.update(campaign.id, patch);
        message.success('批次已保存');
      } else {
        await campaignsApi.create(body as Parameters<typeof campaignsApi.create>[0]);
        message.success('批次已创建');
      }
      onSaved();
    },
    { form, showUnplaced: true },
  );

  const locked = campaign !== null && campaign.filingCount > 0;

  return (
    <Modal
      open
      width={720}
      title={campaign ? `编辑批次：${campaign.name}` : '新建填报批次'}
      okText="保存"
      cancelText="取消"
      confirmLoading={save.busy}
      onCancel={onClose}
      onOk={() => void save.submit()}
      okButtonProps={{ id: 'campaign-save' }}
    >
      {save.error && (
        <Alert type="error" showIcon role="alert" title={save.error} style={{ marginBottom: 12 }} />
      )}
      {locked && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`本批次已有 ${campaign.filingCount} 份企业填报，年度和评价标准不能修改。`}
        />
      )}
      <Form<CampaignForm> form={form} layout="vertical" initialValues={initial} id="campaign-form">
        <Space align="start" wrap>
          <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
            <InputNumber min={2020} max={2100} precision={0} disabled={locked} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="name" label="名称（不填则按年度自动生成）" style={{ minWidth: 420 }}>
            <Input maxLength={100} />
          </Form.Item>
        </Space>
        <Form.Item
          name="kindsOpen"
          label="开放的填报类型"
          rules={[{ required: true, message: '请至少开放一类填报' }]}
        >
          <Checkbox.Group options={FILING_KINDS.map((k) => ({ value: k, label: FILING_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="standardId" label="评价标准" rules={[{ required: true, message: '请选择评价标准' }]}>
          <Select
            disabled={locked}
            options={standards.map((s) => ({ value: s.id, label: `${s.title}（${s.id}）` }))}
          />
        </Form.Item>
        <Space wrap align="start">
          {CAMPAIGN_DATE_FIELDS.map((f) => (
            <Form.Item
              key={f}
              name={f}
              label={CAMPAIGN_DATE_LABELS[f]}
              rules={[{ required: true, message: `请填写${CAMPAIGN_DATE_LABELS[f]}` }]}
            >
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: 200 }} />
            </Form.Item>
          ))}
        </Space>
        <Typography.Text type="secondary">
          时间顺序：填报开始 &lt; 填报截止 ≤ 县区审核截止 ≤ 设区市审核截止 ≤ 名单报送截止（北京时间）。
        </Typography.Text>
      </Form>
    </Modal>
  );
}

/** Regions an extension may be set for: the 13 cities (city review) and every county-level unit (county review). */
function extensionRegionOptions() {
  return cities().map((city) => ({
    label: city.name,
    options: [
      { value: city.code, label: `${city.name}（设区市审核）` },
      ...countiesOf(city.code).map((c) => ({
        value: c.code,
        label: `${city.name}${countyLabel(c)}（县区审核）`,
      })),
    ],
  }));
}

function Extensions({ campaign, onChanged }: { campaign: CampaignAdminView; onChanged: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ regionCode?: string; deadline?: Dayjs; reason?: string }>();
  const options = useMemo(() => extensionRegionOptions(), []);

  const add = useSubmit(
    async () => {
      const v = await form.validateFields().catch(() => null);
      if (!v) return;
      await campaignsApi.setExtension(campaign.id, {
        regionCode: v.regionCode ?? '',
        deadline: iso(v.deadline) ?? '',
        reason: v.reason ?? '',
      });
      message.success('延期已设置');
      form.resetFields();
      onChanged();
    },
    { form, report: 'message' },
  );

  const remove = async (e: ExtensionView) => {
    try {
      await campaignsApi.deleteExtension(campaign.id, e.id);
      message.success(`已撤销${e.regionName}的延期`);
      onChanged();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <>
      <Table<ExtensionView>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={campaign.extensions}
        locale={{ emptyText: '没有延期的地区' }}
        columns={[
          { title: '地区', dataIndex: 'regionName' },
          { title: '环节', dataIndex: 'levelLabel', width: 100 },
          { title: '原截止', dataIndex: 'baseDeadline', render: (v: string) => formatShanghai(v) },
          { title: '延期至', dataIndex: 'deadline', render: (v: string) => formatShanghai(v) },
          { title: '原因', dataIndex: 'reason' },
          {
            title: '',
            key: 'ops',
            width: 70,
            render: (_: unknown, e) => (
              <Popconfirm
                title={`撤销${e.regionName}的延期？`}
                onConfirm={() => void remove(e)}
                okText="撤销"
                cancelText="取消"
              >
                <Button size="small" danger>
                  撤销
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        设置延期（同一地区再次设置即替换）
      </Typography.Title>
      <Form form={form} layout="vertical">
        <Form.Item name="regionCode" label="地区" rules={[{ required: true, message: '请选择延期的地区' }]}>
          <Select
            showSearch={{ filterOption: filterByLabel }}
            options={options}
            placeholder="选择设区市或县（市、区）"
          />
        </Form.Item>
        <Form.Item
          name="deadline"
          label="延期后的审核截止时间"
          rules={[{ required: true, message: '请选择延期后的截止时间' }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="延期原因"
          rules={[{ required: true, whitespace: true, message: '请填写延期原因' }]}
        >
          <Input.TextArea rows={2} maxLength={200} showCount />
        </Form.Item>
        <Button type="primary" loading={add.busy} onClick={() => void add.submit()}>
          保存延期
        </Button>
      </Form>
    </>
  );
}
