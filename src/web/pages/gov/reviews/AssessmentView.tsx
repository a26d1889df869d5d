import { Alert, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { standardLabel } from '../../../../shared/rules/standards';
import type { ReviewDetail } from '../../../../shared/schemas/review-api';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const str = (v: unknown): string => (v === null || v === undefined ? '—' : String(v));

interface IndicatorRow {
  key: string;
  name: string;
  maxPoints: number | null;
  inputs: string;
  ratio: string;
  band: string;
  points: number | null;
  note: string;
  rule: string;
}

function ratioText(r: unknown): string {
  if (!isObj(r)) return '—';
  if (typeof r['display'] === 'string') return r['display'];
  if (typeof r['percent'] === 'string') return `${r['percent']}%`;
  return '—';
}

/** The self-assessment frozen at submission: indicators with inputs and points, floors, 直通条件, size. */
export function AssessmentView({
  assessment,
  detail,
}: {
  assessment: ReviewDetail['assessment'];
  detail: ReviewDetail;
}) {
  const result = assessment.result;
  const innovative = isObj(result['innovative']) ? result['innovative'] : {};
  const explanation = isObj(innovative['explanation']) ? innovative['explanation'] : {};
  const indicators: IndicatorRow[] = arr(explanation['indicators']).map((i) => ({
    key: str(i['key']),
    name: str(i['name']),
    maxPoints: typeof i['maxPoints'] === 'number' ? i['maxPoints'] : null,
    inputs: arr(i['inputs'])
      .map((x) => `${str(x['label'])}：${str(x['value'])}`)
      .join('；'),
    ratio: ratioText(i['ratio']),
    band: str(i['band']),
    points: typeof i['points'] === 'number' ? i['points'] : null,
    note: str(i['note']),
    rule: str(i['rule']),
  }));
  const floors = arr(explanation['floors']);
  const direct =
    arr(result['directConditions']).length > 0
      ? arr(result['directConditions'])
      : arr(explanation['directConditions']);
  const size = isObj(result['size']) ? result['size'] : null;
  const warnings = Array.isArray(result['warnings']) ? (result['warnings'] as unknown[]).map(String) : [];
  const reviewReasons = Array.isArray(innovative['reviewReasons'])
    ? (innovative['reviewReasons'] as unknown[]).map(String)
    : [];
  const total = typeof innovative['total'] === 'number' ? innovative['total'] : detail.scoreTotal;

  return (
    <div id="assessment">
      <Descriptions bordered size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="评价标准">{standardLabel(assessment.standardId)}</Descriptions.Item>
        <Descriptions.Item label="数据年度">
          {assessment.fiscalYear ? `${assessment.fiscalYear} 年度` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="自评总分">
          <Typography.Text strong id="score-total">
            {total ?? '—'}
          </Typography.Text>
          {typeof innovative['partialTotal'] === 'number' && total === null
            ? `（部分指标 ${innovative['partialTotal']} 分）`
            : ''}
        </Descriptions.Item>
        <Descriptions.Item label="评分条件">
          {innovative['qualifiedByScore'] === true ? (
            <Tag color="green">达到</Tag>
          ) : innovative['qualifiedByScore'] === false ? (
            <Tag>未达到</Tag>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="直通条件">
          {detail.directMet === true ? (
            <Tag color="green">满足</Tag>
          ) : detail.directMet === false ? (
            <Tag>不满足</Tag>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="评价结论">
          {detail.qualified === true ? (
            <Tag color="green">符合创新型中小企业评价标准</Tag>
          ) : detail.qualified === false ? (
            <Tag color="red">不符合</Tag>
          ) : (
            <Tag color="orange">待人工核定</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="企业规模" span={3}>
          {detail.smeSizeLabel ?? '—'}
          {size && typeof size['explanation'] === 'string' ? (
            <Typography.Text type="secondary">（{size['explanation']}）</Typography.Text>
          ) : null}
        </Descriptions.Item>
      </Descriptions>
      {typeof explanation['summary'] === 'string' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={explanation['summary']} />
      )}
      {reviewReasons.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="须人工核定"
          description={reviewReasons.join('；')}
        />
      )}
      <Table<IndicatorRow>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={indicators}
        columns={[
          { title: '指标', dataIndex: 'name', width: 220 },
          { title: '填报数据', dataIndex: 'inputs' },
          { title: '计算值', dataIndex: 'ratio', width: 100 },
          { title: '档次', dataIndex: 'band', width: 70 },
          {
            title: '得分',
            dataIndex: 'points',
            width: 90,
            render: (p: number | null, r) => `${p ?? '—'} / ${r.maxPoints ?? '—'}`,
          },
          { title: '说明', dataIndex: 'note' },
        ]}
      />
      {floors.length > 0 && (
        <Space direction="vertical" style={{ marginTop: 12 }}>
          {floors.map((f) => (
            <Typography.Text key={str(f['key'])} type={f['met'] === false ? 'danger' : undefined}>
              {f['met'] === true ? '✔' : f['met'] === false ? '✘' : '？'} {str(f['name'])}：
              {str(f['message'])}
            </Typography.Text>
          ))}
        </Space>
      )}
      {direct.length > 0 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>直通条件</Typography.Text>
          <ul style={{ marginTop: 4 }}>
            {direct.map((d, i) => (
              <li key={i}>
                {d['met'] ? <Tag color="green">满足</Tag> : <Tag>不满足</Tag>}
                {str(d['label'] ?? d['text'])}
                {typeof d['evidence'] === 'string' && d['evidence'] ? (
                  <Typography.Text type="secondary">（{d['evidence']}）</Typography.Text>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      )}
      {warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title="自评提示"
          description={warnings.join('；')}
        />
      )}
    </div>
  );
}
