import { Card, Typography } from 'antd';
import type { TechSmeAssessment } from '../../../shared/filing';
import { EngineConditions } from './EngineConditions';
import { Pill } from './Pill';

/**
 * The live self-assessment of a 科技型中小企业 filing: the rules engine's 国科发政〔2017〕115号 result on what is
 * typed (the server freezes the same computation at submission), with the standard's Chinese name.
 */
export default function TechSmeAssessmentPanel({
  assessment,
  title = '自评（实时）',
}: {
  assessment: TechSmeAssessment;
  title?: string;
}) {
  const r = assessment.result;
  const verdict =
    r.qualified === true ? (
      <Pill color="success">符合科技型中小企业评价条件</Pill>
    ) : r.qualified === false ? (
      <Pill color="error">暂不符合</Pill>
    ) : (
      <Pill color="warning">待补全数据</Pill>
    );
  return (
    <Card title={title} size="small" className="assessment-card" extra={verdict} id="assessment-panel">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} id="assessment-standard">
        适用标准：{assessment.standardTitle}
      </Typography.Paragraph>
      <div className="assessment-total">
        <Typography.Text type="secondary">综合评价得分</Typography.Text>
        <div>
          <span className="assessment-score" id="assessment-total" data-total={r.total ?? ''}>
            {r.total ?? '—'}
          </span>
          <Typography.Text type="secondary">
            {' '}
            / 100 分（不低于 60 分，科技人员指标不得为 0 分）
          </Typography.Text>
        </div>
      </div>
      <ul className="plain-list">
        {r.indicatorDetails.map((i) => (
          <li key={i.key} data-indicator={i.key}>
            {i.name}：{i.points ?? '—'} / {i.max} 分
            {i.figure && <Typography.Text type="secondary">（{i.figure}）</Typography.Text>}
          </li>
        ))}
      </ul>
      {r.directConditions.length > 0 && (
        <Typography.Paragraph id="assessment-direct">满足直接确认条件（第八条）。</Typography.Paragraph>
      )}
      <EngineConditions conditions={r.conditions} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
        {r.summary}
      </Typography.Paragraph>
    </Card>
  );
}
