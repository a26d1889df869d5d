import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Result,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { CorrectionView, EvaluationDetail } from '../../../../shared/schemas/evaluation-api';
import { standardLabel } from '../../../../shared/rules/standards';
import type { FloorCheck, IndicatorExplanation } from '../../../../shared/rules/innovative-sme-2022';
import { ApiError, errorMessage } from '../../../api/client';
import { useSubmit } from '../../../forms/useSubmit';
import { evaluationApi } from '../../../api/evaluation';
import { formatShanghai } from '../../../components/Countdown';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { GovPage } from '../GovAccess';
import { CATEGORY_LABELS, DIRECT_LABELS, qualifiedTag } from './labels';

interface Explanation {
  indicators?: IndicatorExplanation[];
  floors?: FloorCheck[];
  directConditions?: { key: string; text: string; met: boolean }[];
  boundary?: string;
  summary?: string;
}

/** Reads "a.b.0.c" from the evaluation input. */
export function readPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

export function valueText(v: unknown): string {
  if (v === true) return '是';
  if (v === false) return '否';
  if (v === undefined || v === null || v === '') return '—';
  return String(v);
}

/** /gov/evaluation/:id — the explained breakdown, 修正 and the corrections history. */
export default function EvaluationDetailPage() {
  return <GovPage path="evaluation">{() => <Detail />}</GovPage>;
}

function Detail() {
  const { id = '' } = useParams();
  const [ev, setEv] = useState<EvaluationDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [correcting, setCorrecting] = useState(false);
  const [justSaved, setJustSaved] = useState(false);

  const load = useCallback(async () => {
    try {
      setEv(await evaluationApi.detail(id));
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'NOT_FOUND'
          ? '未找到该评价，或不在您的辖区内。'
          : errorMessage(err),
      );
    }
  }, [id]);
  useEffect(() => {
    // Loads from the server; state is set when the answer arrives.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  if (error)
    return <Result status="404" title={error} extra={<Link to="/gov/evaluation">返回评价列表</Link>} />;
  if (!ev) return <PageLoading />;

  const explanation = (ev.result.explanation ?? {}) as Explanation;
  const latest = ev.corrections.at(-1);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageTitle title={`评价：${ev.enterpriseName}`} />
      <Card
        title={
          <Space>
            <Link to={`/gov/evaluation?campaignId=${ev.campaignId}`}>创新型评价</Link>
            <span>/</span>
            <span>{ev.enterpriseName}</span>
          </Space>
        }
        extra={
          ev.canCorrect && (
            <Button type="primary" onClick={() => setCorrecting(true)} id="correct">
              修正
            </Button>
          )
        }
      >
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="统一社会信用代码">{ev.uscc}</Descriptions.Item>
          <Descriptions.Item label="县（市、区）">{ev.countyName}</Descriptions.Item>
          <Descriptions.Item label="评价标准">{standardLabel(ev.standardId)}</Descriptions.Item>
          <Descriptions.Item label="总分">
            <Typography.Text strong id="score-total">
              {ev.scoreTotal ?? '—'}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="结果">{qualifiedTag(ev.qualified, ev.qualifiedLabel)}</Descriptions.Item>
          <Descriptions.Item label="版本">
            第 {ev.version} 版{ev.corrected ? '（已修正）' : ''}
          </Descriptions.Item>
          <Descriptions.Item label="分类得分" span={2}>
            {Object.entries(ev.categories)
              .map(([k, v]) => `${CATEGORY_LABELS[k] ?? k} ${v ?? '—'}`)
              .join('；')}
          </Descriptions.Item>
          <Descriptions.Item label="直通条件">
            {ev.directConditions.length
              ? ev.directConditions.map((k) => <Tag key={k}>{DIRECT_LABELS[k] ?? k}</Tag>)
              : '无'}
          </Descriptions.Item>
        </Descriptions>
        {explanation.summary && (
          <Alert type="info" showIcon title={explanation.summary} style={{ marginTop: 12 }} />
        )}
      </Card>

      {justSaved && latest && <Compare c={latest} />}

      <Card title="得分明细">
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          dataSource={explanation.indicators ?? []}
          scroll={{ x: 1000 }}
          columns={[
            { title: '指标', dataIndex: 'name', width: 160 },
            {
              title: '类别',
              dataIndex: 'category',
              width: 90,
              render: (v: string) => CATEGORY_LABELS[v] ?? v,
            },
            {
              title: '数据',
              dataIndex: 'inputs',
              render: (v: IndicatorExplanation['inputs']) => (
                <>
                  {v.map((i) => (
                    <div key={i.label}>
                      {i.label}：{i.value}
                    </div>
                  ))}
                </>
              ),
            },
            { title: '档位', dataIndex: 'band', width: 64, render: (v: string | null) => v ?? '—' },
            {
              title: '得分',
              key: 'pts',
              width: 90,
              render: (_v, r) => `${r.points ?? '—'} / ${r.maxPoints}`,
            },
            { title: '说明', dataIndex: 'note' },
          ]}
        />
        {(explanation.floors?.length ?? 0) > 0 && (
          <Descriptions title="分项最低分要求" column={1} size="small" style={{ marginTop: 16 }}>
            {explanation.floors!.map((f) => (
              <Descriptions.Item key={f.key} label={f.name}>
                <Tag color={f.met === true ? 'green' : f.met === false ? 'red' : 'orange'}>
                  {f.met === true ? '达到' : f.met === false ? '未达到' : '待定'}
                </Tag>
                {f.message}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
        {(explanation.directConditions?.length ?? 0) > 0 && (
          <Descriptions title="直通条件" column={1} size="small" style={{ marginTop: 16 }}>
            {explanation.directConditions!.map((d) => (
              <Descriptions.Item key={d.key} label={DIRECT_LABELS[d.key] ?? d.key}>
                <Tag color={d.met ? 'green' : 'default'}>{d.met ? '满足' : '不满足'}</Tag>
                {d.text}
              </Descriptions.Item>
            ))}
          </Descriptions>
        )}
        {explanation.boundary && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            {explanation.boundary}
          </Typography.Paragraph>
        )}
      </Card>

      <Card title="修正记录">
        {ev.corrections.length === 0 ? (
          <Empty description="未修正过" />
        ) : (
          <Table
            id="corrections"
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={[...ev.corrections].reverse()}
            columns={[
              { title: '时间', dataIndex: 'at', render: (v: string) => formatShanghai(v), width: 170 },
              { title: '修正人', dataIndex: 'actorName', render: (v: string | null) => v ?? '—', width: 100 },
              { title: '原因', dataIndex: 'reason' },
              {
                title: '修改内容',
                dataIndex: 'changes',
                render: (v: CorrectionView['changes']) => (
                  <>
                    {Object.entries(v).map(([p, ch]) => (
                      <div key={p}>
                        {ch.label}：{valueText(ch.before)} → {valueText(ch.after)}
                      </div>
                    ))}
                  </>
                ),
              },
              {
                title: '得分',
                key: 'score',
                render: (_v, c) => `${c.scoreBefore ?? '—'} → ${c.scoreAfter ?? '—'}`,
                width: 100,
              },
            ]}
          />
        )}
      </Card>

      <CorrectModal
        ev={ev}
        open={correcting}
        onClose={() => setCorrecting(false)}
        onSaved={(next) => {
          setCorrecting(false);
          setEv(next);
          setJustSaved(true);
        }}
        onStale={load}
      />
    </Space>
  );
}

/** The two versions after a correction: before and after, side by side. */
function Compare({ c }: { c: CorrectionView }) {
  const q = (v: boolean | null) => (v === true ? '符合' : v === false ? '不符合' : '待人工复核');
  return (
    <Card title="本次修正：修正前后对比" id="correction-compare">
      <Table
        rowKey="item"
        size="small"
        pagination={false}
        dataSource={[
          ...Object.values(c.changes).map((ch) => ({
            item: ch.label,
            before: valueText(ch.before),
            after: valueText(ch.after),
          })),
          { item: '总分', before: valueText(c.scoreBefore), after: valueText(c.scoreAfter) },
          { item: '评价结果', before: q(c.qualifiedBefore), after: q(c.qualifiedAfter) },
        ]}
        columns={[
          { title: '项目', dataIndex: 'item' },
          { title: '修正前', dataIndex: 'before' },
          {
            title: '修正后',
            dataIndex: 'after',
            render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        修正原因：{c.reason}
      </Typography.Paragraph>
    </Card>
  );
}

function CorrectModal({
  ev,
  open,
  onClose,
  onSaved,
  onStale,
}: {
  ev: EvaluationDetail;
  open: boolean;
  onClose: () => void;
  onSaved: (ev: EvaluationDetail) => void;
  onStale: () => Promise<void>;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, unknown>>();
  const correct = useSubmit(
    async (changes: Record<string, string | number | boolean>, reason: string) => {
      try {
        const next = await evaluationApi.correct(ev.id, { changes, reason, expectedVersion: ev.version });
        message.success('已修正并重新计分');
        onSaved(next);
      } catch (err) {
        // Someone else corrected it first: the latest version is loaded while the button still spins.
        if (err instanceof ApiError && err.code === 'CONFLICT') await onStale();
        throw err;
      }
    },
    {
      onError: (err) => {
        if (!(err instanceof ApiError)) return;
        if (err.code === 'CONFLICT') return '其他人已修正了这条评价，已重新加载最新数据，请核对后再修正。';
        form.setFields(
          Object.entries(err.fieldErrors).map(([k, m]) => ({
            name: k === 'reason' ? ['__reason'] : [k.replace(/^changes\./, '')],
            errors: [m],
          })),
        );
      },
    },
  );
  const initial = Object.fromEntries(ev.correctablePaths.map((p) => [p.path, readPath(ev.input, p.path)]));
  // antd treats dots in a name as plain characters when the name is an array of one element.
  const fieldName = (path: string) => [path];

  async function save(values: Record<string, unknown>) {
    const changes: Record<string, string | number | boolean> = {};
    for (const p of ev.correctablePaths) {
      const v = values[p.path];
      const before = initial[p.path];
      if (v === undefined) continue;
      if (p.kind === 'amount') {
        const s = String(v).trim();
        if (s !== valueText(before) && s !== String(before ?? '')) changes[p.path] = s;
      } else if (v !== before && !(v === false && before === undefined)) {
        changes[p.path] = v as boolean | string;
      }
    }
    if (Object.keys(changes).length === 0) {
      correct.setError('请至少修改一项数据');
      return;
    }
    await correct.submit(changes, String(values.__reason ?? ''));
  }

  return (
    <Modal
      title="修正评价数据"
      open={open}
      width={720}
      onCancel={onClose}
      okText="保存修正"
      okButtonProps={{ loading: correct.busy, id: 'correct-ok' }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        只修改需要更正的数据并填写原因；保存后重新计分，修正前的版本保留在修正记录中。
      </Typography.Paragraph>
      {correct.error && (
        <Alert type="error" showIcon role="alert" title={correct.error} style={{ marginBottom: 12 }} />
      )}
      <Form
        form={form}
        layout="horizontal"
        labelCol={{ span: 10 }}
        preserve={false}
        onFinish={save}
        id="correct-form"
      >
        {ev.correctablePaths.map((p) => {
          const init = initial[p.path];
          return (
            <Form.Item
              key={p.path}
              name={fieldName(p.path)}
              label={p.label}
              initialValue={
                p.kind === 'boolean'
                  ? init === true
                  : p.kind === 'amount'
                    ? init === undefined || init === null
                      ? ''
                      : String(init)
                    : init
              }
              valuePropName={p.kind === 'boolean' ? 'checked' : 'value'}
            >
              {p.kind === 'boolean' ? (
                <Switch checkedChildren="是" unCheckedChildren="否" />
              ) : p.kind === 'ipClass' ? (
                <Select
                  style={{ width: 120 }}
                  options={[
                    { value: 'I', label: 'Ⅰ类' },
                    { value: 'II', label: 'Ⅱ类' },
                  ]}
                />
              ) : (
                <Input style={{ width: 200 }} suffix="万元" inputMode="decimal" />
              )}
            </Form.Item>
          );
        })}
        <Form.Item
          name="__reason"
          label="修正原因"
          labelCol={{ span: 24 }}
          rules={[{ required: true, min: 2, whitespace: true, message: '请填写修正原因（至少 2 个字）' }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
