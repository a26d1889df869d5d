import {
  CheckCircleTwoTone,
  CloseCircleTwoTone,
  MinusCircleTwoTone,
  QuestionCircleTwoTone,
} from '@ant-design/icons';
import { Typography } from 'antd';
import type { ConditionOutcome, ConditionStatus } from '../../../shared/rules/engine';
import { Pill } from './Pill';

export const CONDITION_STATUS_ZH: Record<ConditionStatus, string> = {
  met: '达到',
  unmet: '未达到',
  pending: '暂无法判断',
  notAssessed: '不适用',
};

export function StatusMark({ status }: { status: ConditionStatus }) {
  const label = CONDITION_STATUS_ZH[status];
  if (status === 'met') return <CheckCircleTwoTone twoToneColor="#52c41a" aria-label={label} />;
  if (status === 'unmet') return <CloseCircleTwoTone twoToneColor="#ff4d4f" aria-label={label} />;
  if (status === 'notAssessed') return <MinusCircleTwoTone twoToneColor="#bfbfbf" aria-label={label} />;
  return <QuestionCircleTwoTone twoToneColor="#faad14" aria-label={label} />;
}

/**
 * The conditions of a standard as the rules engine judged them: each with its clause, its outcome, and for what is
 * not met the figure against the threshold (「待核实」 where the clause or value is not yet verified).
 */
export function EngineConditions({
  conditions,
  only,
}: {
  conditions: ConditionOutcome[];
  only?: ConditionStatus[];
}) {
  const shown = only ? conditions.filter((c) => only.includes(c.status)) : conditions;
  return (
    <ul className="plain-list engine-conditions">
      {shown.map((c) => (
        <li key={c.key} data-condition={c.key} data-status={c.status} style={{ marginBottom: 8 }}>
          <StatusMark status={c.status} /> {c.title}{' '}
          <Typography.Text type="secondary">（{c.clause}）</Typography.Text>
          {c.toBeConfirmed && (
            <Pill color="warning" className="tbc">
              待核实
            </Pill>
          )}
          {c.status !== 'met' && c.status !== 'notAssessed' && (
            <ul className="plain-list" style={{ paddingLeft: 20 }}>
              {c.leaves
                .filter((l) => l.status !== 'met')
                .map((l, i) => (
                  <li key={i} className="condition-leaf">
                    <Typography.Text type="secondary">
                      {l.label}：{l.figure}，要求 {l.requirement}
                    </Typography.Text>
                  </li>
                ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
