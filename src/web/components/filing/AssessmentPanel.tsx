import { CheckCircleTwoTone, CloseCircleTwoTone, QuestionCircleTwoTone } from '@ant-design/icons';
import { Alert, Card, Collapse, Typography } from 'antd';
import { INDICATOR_HELP, type FilingAssessment } from '../../../shared/filing';
import { Pill } from './Pill';
import { INDICATOR_NAMES_ZH, SIZE_NAMES_ZH } from '../../../shared/rules/sme-size-2011';

function Mark({ met }: { met: boolean | null }) {
  if (met === true) return <CheckCircleTwoTone twoToneColor="#52c41a" aria-label="达到" />;
  if (met === false) return <CloseCircleTwoTone twoToneColor="#ff4d4f" aria-label="未达到" />;
  return <QuestionCircleTwoTone twoToneColor="#faad14" aria-label="待定" />;
}

/**
 * The live self-assessment (创新型中小企业评价, 63号文 附件1) computed in the browser from what is typed, with the
 * same shared code the server freezes at submission.
 */
export default function AssessmentPanel({
  assessment,
  title = '自评（实时）',
  standardName,
}: {
  assessment: FilingAssessment;
  title?: string;
  /** The standard that judges this application, in Chinese (e.g. 创新型中小企业评价标准（工信部企业〔2022〕63号 附件1）). */
  standardName?: string;
}) {
  const inn = assessment.innovative;
  const ex = inn.explanation;
  const total = inn.total;
  const notSme = assessment.isSme === false;
  const verdict =
    inn.qualified === true ? (
      <Pill color="success">符合创新型中小企业标准</Pill>
    ) : inn.qualified === false ? (
      <Pill color="error">暂不符合</Pill>
    ) : (
      <Pill color="warning">{inn.status === 'needsManualReview' ? '需人工审核' : '待补全数据'}</Pill>
    );
  return (
    <Card title={title} size="small" className="assessment-card" extra={verdict} id="assessment-panel">
      {standardName && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} id="assessment-standard">
          适用标准：{standardName}
        </Typography.Paragraph>
      )}
      {notSme && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 12 }}
          title="不属于中小企业，不能申报"
          description={assessment.size?.explanation}
        />
      )}
      <div className="assessment-total">
        <div>
          <Typography.Text type="secondary">评价总分</Typography.Text>
          <div>
            <span className="assessment-score" id="assessment-total" data-total={total ?? ''}>
              {total ?? '—'}
            </span>
            <Typography.Text type="secondary"> / 100 分（不低于 60 分）</Typography.Text>
          </div>
          {total === null && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              已计算部分 {inn.partialTotal} 分
            </Typography.Text>
          )}
        </div>
      </div>
      {inn.status === 'needsManualReview' && (
        <Alert
          type="warning"
          showIcon
          style={{ margin: '8px 0' }}
          title="部分指标无法计算，提交后需审核人员人工认定"
          description={
            <ul className="plain-list">
              {inn.reviewReasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          }
        />
      )}
      <ul className="plain-list floors">
        {ex.floors.map((f) => (
          <li key={f.key}>
            <Mark met={f.met} /> {f.message}
          </li>
        ))}
      </ul>
      <Collapse
        size="small"
        style={{ marginTop: 8 }}
        items={[
          {
            key: 'indicators',
            label: '各项指标（输入、计算结果、档次、得分、规则）',
            children: (
              <div>
                {ex.indicators.map((ind) => (
                  <div key={ind.key} className="indicator">
                    <div className="indicator-head">
                      <Typography.Text strong>{INDICATOR_HELP[ind.key]?.label ?? ind.name}</Typography.Text>
                      <span>
                        {ind.points === null ? '—' : ind.points} / {ind.maxPoints} 分
                        {ind.band && <Pill className="ml6">{ind.band} 档</Pill>}
                      </span>
                    </div>
                    <ul className="plain-list small">
                      {ind.inputs.map((i) => (
                        <li key={i.label}>
                          {i.label}：{i.value}
                        </li>
                      ))}
                      {ind.ratio && <li>计算结果：{ind.ratio.display}</li>}
                    </ul>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {ind.note}
                    </Typography.Text>
                    <details>
                      <summary>规则</summary>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {ind.rule}
                      </Typography.Text>
                    </details>
                  </div>
                ))}
              </div>
            ),
          },
          {
            key: 'direct',
            label: `直通条件（${assessment.directConditions.filter((d) => d.met).length} 项满足）`,
            children: (
              <ul className="plain-list">
                {assessment.directConditions.map((d) => (
                  <li key={d.key}>
                    <Mark met={d.met} /> {d.label}
                    <div className="muted small">{d.evidence}</div>
                  </li>
                ))}
              </ul>
            ),
          },
          {
            key: 'size',
            label: `中小企业划型：${assessment.size ? `${SIZE_NAMES_ZH[assessment.size.size]}企业` : '待补全数据'}`,
            children: assessment.size ? (
              <ul className="plain-list">
                <li>划型结果：{SIZE_NAMES_ZH[assessment.size.size]}企业</li>
                <li>决定指标：{assessment.size.decidedBy.map((k) => INDICATOR_NAMES_ZH[k]).join('、')}</li>
                <li className="small muted">{assessment.size.explanation}</li>
              </ul>
            ) : (
              <Typography.Text type="secondary">
                填写所属行业、上年度从业人员、营业收入和资产总额后自动划型。
              </Typography.Text>
            ),
          },
        ]}
      />
      {assessment.warnings.length > 0 && (
        <Alert
          type="warning"
          style={{ marginTop: 8 }}
          title={`需要注意（${assessment.warnings.length}）`}
          description={
            <ul className="plain-list small">
              {assessment.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          }
        />
      )}
      <div style={{ marginTop: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          按《优质中小企业梯度培育管理暂行办法》（工信部企业〔2022〕63号）附件1
          计算，仅供参考，以审核结果为准。
        </Typography.Text>
      </div>
    </Card>
  );
}
