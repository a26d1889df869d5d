import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { RevealMobile } from '../../../components/RevealMobile';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { EvaluationSummary } from '../../../../shared/schemas/evaluation-api';
import type { ListDetail, ListEntryView, ObjectionView } from '../../../../shared/schemas/lists-api';
import { errorMessage } from '../../../api/client';
import { evaluationApi } from '../../../api/evaluation';
import { listsApi } from '../../../api/lists';
import { formatShanghai } from '../../../components/Countdown';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { ymdText } from '../../public/format';
import { workingDaysBetween } from '../../../../shared/calendar/working-days';

const STATUS_COLORS = { draft: 'default', publicity: 'orange', announced: 'green' } as const;
const ENTRY_COLORS = { included: 'green', excluded: 'default', removed: 'red' } as const;
const OBJ_COLORS = { open: 'orange', upheld: 'red', rejected: 'blue' } as const;

/** One city list: entries, 公示, objections, 公告 — buttons by `allowed` from the server. */
export function ListDetailView({ list, onChange }: { list: ListDetail; onChange: (l: ListDetail) => void }) {
  const { message } = App.useApp();
  const [objections, setObjections] = useState<ObjectionView[] | null>(null);
  const [excluding, setExcluding] = useState<ListEntryView | null>(null);
  const [resolving, setResolving] = useState<ObjectionView | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [announcing, setAnnouncing] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const loadObjections = useCallback(() => {
    if (list.status === 'draft') return;
    listsApi.objections(list.id).then(setObjections, (err: unknown) => message.error(errorMessage(err)));
  }, [list.id, list.status, message]);
  useEffect(() => {
    loadObjections();
  }, [loadObjections, list.updatedAt]);

  async function include(entry: ListEntryView) {
    setBusy(entry.id);
    try {
      onChange(await listsApi.entryAction(list.id, entry.id, { action: 'include' }));
      message.success(`已将“${entry.enterpriseName}”列入名单`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const c = list.counts;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={list.title}
        extra={
          <Space wrap>
            {list.allowed.publishPublicity && (
              <Button type="primary" id="publish-publicity" onClick={() => setPublishing(true)}>
                发布公示
              </Button>
            )}
            {list.status !== 'announced' && list.status !== 'draft' && (
              <Tooltip title={list.announceBlockedReason ?? undefined}>
                <Button
                  type="primary"
                  id="announce"
                  disabled={!list.allowed.announce}
                  onClick={() => setAnnouncing(true)}
                >
                  公告
                </Button>
              </Tooltip>
            )}
            {list.status !== 'draft' && (
              <Link to={`/public/lists/${list.id}`} target="_blank">
                查看公开页面
              </Link>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="发布单位">{list.issuingDepartment}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={STATUS_COLORS[list.status]} id="list-status">
              {list.statusLabel}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label="公示期">
            {list.publicityStart
              ? `${ymdText(list.publicityStart)} 至 ${ymdText(list.publicityEnd)}`
              : '未发布'}
          </Descriptions.Item>
          <Descriptions.Item label="名单">
            列入 {c.included} 家 · 未列入 {c.excluded} 家 · 异议移出 {c.removed} 家
          </Descriptions.Item>
          <Descriptions.Item label="异议">
            共 {c.objections} 件 · 待处理 {c.openObjections} 件 · 成立 {c.upheld} · 不成立 {c.rejected}
          </Descriptions.Item>
          {list.documentNo && (
            <Descriptions.Item label="公告">
              {list.documentNo}（{ymdText(list.announcedAt)}）
            </Descriptions.Item>
          )}
          {list.objectionContact && (
            <Descriptions.Item label="异议受理方式" span={3}>
              {list.objectionContact}
            </Descriptions.Item>
          )}
        </Descriptions>
        {list.announceBlockedReason && list.status === 'publicity' && (
          <Alert type="info" showIcon title={list.announceBlockedReason} style={{ marginTop: 12 }} />
        )}
      </Card>

      <Card
        title="名单企业"
        extra={list.allowed.editEntries ? <AddEntry list={list} onChange={onChange} /> : null}
      >
        <Table
          id="list-entries"
          rowKey="id"
          size="small"
          dataSource={list.entries}
          pagination={list.entries.length > 50 ? { pageSize: 50 } : false}
          scroll={{ x: 1000 }}
          columns={[
            { title: '企业名称', dataIndex: 'enterpriseName' },
            { title: '统一社会信用代码', dataIndex: 'uscc' },
            { title: '县（市、区）', dataIndex: 'countyName' },
            {
              title: '评价得分',
              dataIndex: 'scoreTotal',
              render: (v: number | null, r) =>
                r.evaluationId ? (
                  <Link to={`/gov/evaluation/${r.evaluationId}`}>{v ?? '—'}</Link>
                ) : (
                  (v ?? '—')
                ),
            },
            {
              title: '状态',
              key: 'state',
              render: (_v, r) => (
                <Space orientation="vertical" size={0}>
                  <Tag color={ENTRY_COLORS[r.state]}>{r.stateLabel}</Tag>
                  {r.reason && <Typography.Text type="secondary">{r.reason}</Typography.Text>}
                  {r.openObjections > 0 && <Tag color="orange">待处理异议 {r.openObjections}</Tag>}
                </Space>
              ),
            },
            ...(list.allowed.editEntries
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    width: 110,
                    render: (_v: unknown, r: ListEntryView) =>
                      r.state === 'included' ? (
                        <Button size="small" danger onClick={() => setExcluding(r)}>
                          不列入
                        </Button>
                      ) : r.state === 'excluded' ? (
                        <Button size="small" loading={busy === r.id} onClick={() => include(r)}>
                          重新列入
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>

      {list.status !== 'draft' && (
        <Card title="异议处理">
          <Table
            id="objections"
            rowKey="id"
            size="small"
            loading={objections === null}
            dataSource={objections ?? []}
            pagination={false}
            scroll={{ x: 1100 }}
            expandable={{
              expandedRowRender: (o) => (
                <div>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                    异议理由：{o.reason}
                  </Typography.Paragraph>
                  {o.files.length > 0 && <div>附件：{o.files.map((f) => f.name).join('、')}</div>}
                  {o.outcome && <div>处理意见：{o.outcome}</div>}
                </div>
              ),
            }}
            columns={[
              { title: '受理编号', dataIndex: 'trackingNo' },
              { title: '异议企业', dataIndex: 'enterpriseName' },
              {
                title: '异议人',
                key: 'contact',
                render: (_v, o) => (
                  <>
                    {o.contactName}{' '}
                    <RevealMobile
                      masked={o.contactPhone}
                      target={{ targetType: 'objection', targetId: o.id, field: 'contactPhone' }}
                    />
                    {o.contactEmail ? ` ${o.contactEmail}` : ''}
                  </>
                ),
              },
              {
                title: '理由',
                dataIndex: 'reason',
                ellipsis: true,
              },
              { title: '提交时间', dataIndex: 'createdAt', render: (v: string) => formatShanghai(v) },
              {
                title: '状态',
                key: 'status',
                render: (_v, o) => <Tag color={OBJ_COLORS[o.status]}>{o.statusLabel}</Tag>,
              },
              {
                title: '操作',
                key: 'op',
                render: (_v, o) =>
                  o.status === 'open' && list.allowed.resolveObjections ? (
                    <Button size="small" type="primary" onClick={() => setResolving(o)}>
                      处理
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
      )}

      <ExcludeModal
        list={list}
        entry={excluding}
        onClose={() => setExcluding(null)}
        onDone={(l) => {
          setExcluding(null);
          onChange(l);
        }}
      />
      <ResolveModal
        list={list}
        objection={resolving}
        onClose={() => setResolving(null)}
        onDone={async () => {
          setResolving(null);
          onChange(await listsApi.detail(list.id));
        }}
      />
      <PublishModal
        list={list}
        open={publishing}
        onClose={() => setPublishing(false)}
        onDone={(l) => {
          setPublishing(false);
          onChange(l);
        }}
      />
      <AnnounceModal
        list={list}
        open={announcing}
        onClose={() => setAnnouncing(false)}
        onDone={(l) => {
          setAnnouncing(false);
          onChange(l);
        }}
      />
    </Space>
  );
}

/** Adds a qualified evaluation that is not on the list yet (draft only). */
function AddEntry({ list, onChange }: { list: ListDetail; onChange: (l: ListDetail) => void }) {
  const { message } = App.useApp();
  const [options, setOptions] = useState<EvaluationSummary[] | null>(null);
  const [value, setValue] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    evaluationApi.list(list.campaignId, { qualified: 'true' }).then(
      (r) => live && setOptions(r.items),
      () => live && setOptions([]),
    );
    return () => {
      live = false;
    };
  }, [list.campaignId]);
  const onList = new Set(list.entries.map((e) => e.evaluationId));
  const candidates = (options ?? []).filter((o) => !onList.has(o.id));
  return (
    <Space>
      <Select
        style={{ width: 280 }}
        placeholder={candidates.length ? '添加符合条件的企业' : '没有可添加的企业'}
        value={value}
        onChange={setValue}
        showSearch
        optionFilterProp="label"
        loading={options === null}
        options={candidates.map((o) => ({
          value: o.id,
          label: `${o.enterpriseName}（${o.scoreTotal ?? '—'} 分）`,
        }))}
      />
      <Button
        disabled={!value}
        loading={busy}
        onClick={async () => {
          if (!value) return;
          setBusy(true);
          try {
            onChange(await listsApi.addEntry(list.id, value));
            setValue(undefined);
          } catch (err) {
            message.error(errorMessage(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        添加
      </Button>
    </Space>
  );
}

function useSubmit<T>(form: ReturnType<typeof Form.useForm<T>>[0]) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(fn: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      applyFieldErrors(form, err);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, setError };
}

function ExcludeModal({
  list,
  entry,
  onClose,
  onDone,
}: {
  list: ListDetail;
  entry: ListEntryView | null;
  onClose: () => void;
  onDone: (l: ListDetail) => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const s = useSubmit(form);
  return (
    <Modal
      title={`不列入名单：${entry?.enterpriseName ?? ''}`}
      open={!!entry}
      onCancel={onClose}
      okText="确定不列入"
      okButtonProps={{ danger: true, loading: s.busy, id: 'exclude-ok' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {s.error && <Alert type="error" showIcon title={s.error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          s.run(async () => {
            if (!entry) return;
            onDone(await listsApi.entryAction(list.id, entry.id, { action: 'exclude', reason: v.reason }));
          })
        }
      >
        <Form.Item
          name="reason"
          label="不列入名单的原因"
          rules={[
            { required: true, min: 2, whitespace: true, message: '请填写不列入名单的原因（至少 2 个字）' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ResolveModal({
  list,
  objection,
  onClose,
  onDone,
}: {
  list: ListDetail;
  objection: ObjectionView | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<{ outcome: 'upheld' | 'rejected'; text: string }>();
  const s = useSubmit(form);
  return (
    <Modal
      title={`处理异议 ${objection?.trackingNo ?? ''}`}
      open={!!objection}
      onCancel={onClose}
      okText="提交处理结果"
      okButtonProps={{ loading: s.busy, id: 'resolve-ok' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {objection && (
        <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
          <Descriptions.Item label="异议企业">{objection.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label="异议理由">{objection.reason}</Descriptions.Item>
        </Descriptions>
      )}
      {s.error && <Alert type="error" showIcon title={s.error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        id="resolve-form"
        onFinish={(v) =>
          s.run(async () => {
            if (!objection) return;
            await listsApi.resolve(list.id, objection.id, v);
            onDone();
          })
        }
      >
        <Form.Item name="outcome" label="处理结果" rules={[{ required: true, message: '请选择处理结果' }]}>
          <Radio.Group>
            <Radio value="upheld">异议成立（将该企业移出名单）</Radio>
            <Radio value="rejected">异议不成立（保留在名单中）</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="text"
          label="处理意见"
          rules={[{ required: true, min: 2, whitespace: true, message: '请填写处理意见（至少 2 个字）' }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PublishModal({
  list,
  open,
  onClose,
  onDone,
}: {
  list: ListDetail;
  open: boolean;
  onClose: () => void;
  onDone: (l: ListDetail) => void;
}) {
  const [form] = Form.useForm<{ range: [Dayjs, Dayjs]; objectionContact: string }>();
  const s = useSubmit(form);
  const today = dayjs();
  return (
    <Modal
      title="发布公示"
      open={open}
      onCancel={onClose}
      okText="发布公示"
      okButtonProps={{ loading: s.busy, id: 'publish-ok' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        公示发布后名单即冻结，只有成立的异议才能将企业移出名单。
      </Typography.Paragraph>
      <Typography.Paragraph id="publicity-default">
        按省级参数设置，默认公示 {list.defaultPublicityDays} 天（含首尾）：自今日起，默认结束日期为{' '}
        <strong>{today.add(list.defaultPublicityDays - 1, 'day').format('YYYY年M月D日')}</strong>。
      </Typography.Paragraph>
      {s.error && <Alert type="error" showIcon title={s.error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        id="publish-form"
        initialValues={{ range: [today, today.add(list.defaultPublicityDays - 1, 'day')] }}
        onFinish={(v) =>
          s.run(async () => {
            onDone(
              await listsApi.publish(list.id, {
                start: v.range[0].format('YYYY-MM-DD'),
                end: v.range[1].format('YYYY-MM-DD'),
                objectionContact: v.objectionContact,
              }),
            );
          })
        }
      >
        <Form.Item
          name="range"
          label="公示期"
          rules={[{ required: true, message: '请选择公示期' }]}
          extra={<PublicityDaysNote form={form} />}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="objectionContact"
          label="异议受理方式（联系部门、电话、地址，将公开显示）"
          rules={[
            {
              required: true,
              min: 5,
              whitespace: true,
              message: '请填写异议受理方式（联系部门、电话、地址）',
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AnnounceModal({
  list,
  open,
  onClose,
  onDone,
}: {
  list: ListDetail;
  open: boolean;
  onClose: () => void;
  onDone: (l: ListDetail) => void;
}) {
  const [form] = Form.useForm<{ documentNo: string; date: Dayjs }>();
  const s = useSubmit(form);
  return (
    <Modal
      title="发布公告"
      open={open}
      onCancel={onClose}
      okText="确认公告"
      okButtonProps={{ loading: s.busy, id: 'announce-ok' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        公告后，名单中列入的 {list.counts.included} 家企业获得创新型中小企业认定，有效期三年。
      </Typography.Paragraph>
      {s.error && <Alert type="error" showIcon title={s.error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        id="announce-form"
        initialValues={{ date: dayjs() }}
        onFinish={(v) =>
          s.run(async () => {
            onDone(
              await listsApi.announce(list.id, {
                documentNo: v.documentNo,
                date: v.date.format('YYYY-MM-DD'),
              }),
            );
          })
        }
      >
        <Form.Item
          name="documentNo"
          label="公告文号"
          rules={[{ required: true, min: 2, whitespace: true, message: '请填写公告文号' }]}
        >
          <Input maxLength={60} placeholder="例如 苏工信中小〔2024〕12号" />
        </Form.Item>
        <Form.Item name="date" label="公告日期" rules={[{ required: true, message: '请选择公告日期' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** How many calendar and working days the chosen publicity dates cover (issue 16 minor). */
type PublishValues = { range: [Dayjs, Dayjs]; objectionContact: string };

function PublicityDaysNote({ form }: { form: ReturnType<typeof Form.useForm<PublishValues>>[0] }) {
  const range = Form.useWatch('range', form) as [Dayjs | null, Dayjs | null] | undefined;
  if (!range?.[0] || !range[1]) return null;
  const d = workingDaysBetween(range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD'));
  if (d.calendarDays === 0) return null;
  return (
    <span id="publicity-working-days">
      所选公示期共 {d.calendarDays} 个自然日，其中 {d.workingDays} 个工作日
      {d.complete ? '（已扣除法定节假日，计入调休上班日）' : '（该年法定节假日安排未录入，按周一至周五计）'}。
    </span>
  );
}
