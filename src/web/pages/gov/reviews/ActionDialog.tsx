import { Alert, Checkbox, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { SectionKey } from '../../../../shared/schemas/filing-api';
import { SECTION_NAMES as SECTION_LABELS, sectionsOfKind } from './labels';
import type { ActionRequest, ReviewDetail } from '../../../../shared/schemas/review-api';
import type { ReviewAction } from '../../../../shared/workflow';
import { filterByLabel, type RegionGroup } from '../GovAccess';
import { concreteFields } from './sectionView';

/** Short button labels of the review actions. */
export const ACTION_BUTTON_LABELS: Record<ReviewAction, string> = {
  county_approve: '通过',
  city_approve: '通过',
  county_return: '退回企业',
  city_return: '退回企业',
  city_return_to_county: '退回县区',
  refuse: '不通过',
  transfer: '转交',
};

/** Returns mark sections and fields with comments: to the enterprise, and the city's return to the county. */
const RETURNS: readonly ReviewAction[] = ['county_return', 'city_return', 'city_return_to_county'];

export type ActionBody = Omit<ActionRequest, 'expectedStatusVersion'>;

interface Props {
  action: ReviewAction | null;
  detail: ReviewDetail;
  transferOptions: RegionGroup[];
  submitting: boolean;
  /** Problems from the server (fieldErrors), shown beside the fields. */
  serverErrors: Record<string, string>;
  onCancel: () => void;
  onSubmit: (body: ActionBody) => void;
}

/**
 * The dialog of a review action that needs more than a confirmation: a reason (return, refuse, transfer), the
 * sections and fields to correct with a comment per field (returns to the enterprise), the county (transfer).
 */
export function ActionDialog(props: Props) {
  if (!props.action) return null;
  return <ActionDialogBody key={props.action} {...props} action={props.action} />;
}

function ActionDialogBody({
  action,
  detail,
  transferOptions,
  submitting,
  serverErrors,
  onCancel,
  onSubmit,
}: Props & { action: ReviewAction }) {
  const [reason, setReason] = useState('');
  const [toCounty, setToCounty] = useState<string | undefined>();
  const [sections, setSections] = useState<SectionKey[]>([]);
  const [fields, setFields] = useState<Partial<Record<SectionKey, string[]>>>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [registrationNo, setRegistrationNo] = useState('');
  const isReturn = RETURNS.includes(action);
  const isTransfer = action === 'transfer';
  /** The city's 退回县区: the marks are for the county, not the enterprise. */
  const backToCounty = action === 'city_return_to_county';
  // 科技型中小企业评价 approved by the city: the 入库登记编号 is recorded (no reason needed).
  const isRegistration = action === 'city_approve';

  const SECTION_KEYS = useMemo(() => sectionsOfKind(detail.kind), [detail.kind]);
  const fieldOptions = useMemo(() => {
    const out: Partial<Record<SectionKey, { path: string; label: string }[]>> = {};
    for (const s of SECTION_KEYS) out[s] = concreteFields(s, detail.sections[s] ?? {});
    return out;
  }, [detail.sections, SECTION_KEYS]);

  const shown = { ...serverErrors, ...errors };

  const submit = () => {
    const e: Record<string, string> = {};
    if (isRegistration) {
      if (!registrationNo.trim()) e.registrationNo = '请填写科技型中小企业入库登记编号';
      setErrors(e);
      if (Object.keys(e).length === 0) onSubmit({ action, registrationNo: registrationNo.trim() });
      return;
    }
    if (reason.trim().length < 2)
      e.reason = isTransfer ? '请填写转交原因（至少 2 个字）' : '请填写原因（至少 2 个字）';
    if (isTransfer && !toCounty) e.toCountyCode = '请选择转交到的县（市、区）';
    setErrors(e);
    if (Object.keys(e).length > 0) return;
    const body: ActionBody = { action, reason: reason.trim() };
    if (isTransfer) body.toCountyCode = toCounty;
    if (isReturn && sections.length > 0) {
      body.returnSections = sections.map((s) => ({
        section: s,
        fields: Object.fromEntries((fields[s] ?? []).map((p) => [p, (comments[`${s}:${p}`] ?? '').trim()])),
      }));
    }
    onSubmit(body);
  };

  const title = isRegistration
    ? '科技型中小企业评价通过并登记'
    : action === 'refuse'
      ? '审核不通过'
      : isTransfer
        ? '转交其他县（市、区）'
        : action === 'city_return_to_county'
          ? '退回县区重新审核'
          : '退回企业修改';

  return (
    <Modal
      open
      title={title}
      width={isReturn ? 820 : 560}
      okText={`确认${ACTION_BUTTON_LABELS[action]}`}
      okButtonProps={{ danger: action === 'refuse', loading: submitting, id: 'action-confirm' }}
      cancelText="取消"
      onCancel={onCancel}
      onOk={submit}
      destroyOnHidden
    >
      <div id="action-dialog">
        {action === 'refuse' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="“不通过”是本批次的最终结论，企业不能再修改重新提交。需要企业修改的，请选择“退回企业”。"
          />
        )}
        <Form layout="vertical">
          {isRegistration && (
            <Form.Item
              label="入库登记编号"
              required
              validateStatus={shown.registrationNo ? 'error' : undefined}
              help={shown.registrationNo ?? '通过后登记为科技型中小企业，有效期一年（自通过之日起）。'}
            >
              <Input
                id="registration-no"
                maxLength={30}
                value={registrationNo}
                placeholder="8–30 位数字或字母"
                onChange={(e) => {
                  setRegistrationNo(e.target.value);
                  if (errors.registrationNo) setErrors(({ registrationNo: _n, ...rest }) => rest);
                }}
              />
            </Form.Item>
          )}
          {isTransfer && (
            <Form.Item
              label="转交到"
              required
              validateStatus={shown.toCountyCode ? 'error' : undefined}
              help={shown.toCountyCode}
            >
              <Select
                id="transfer-county"
                showSearch={{ filterOption: filterByLabel }}
                placeholder="选择县（市、区）或开发区"
                value={toCounty}
                onChange={(v: string) => {
                  setToCounty(v);
                  if (errors.toCountyCode) setErrors(({ toCountyCode: _t, ...rest }) => rest);
                }}
                options={transferOptions.map((g) => ({
                  ...g,
                  options: g.options.filter((o) => o.value !== detail.countyCode),
                }))}
              />
            </Form.Item>
          )}
          {!isRegistration && (
            <Form.Item
              label={
                isReturn ? '退回原因（企业可见）' : action === 'refuse' ? '不通过原因（企业可见）' : '原因'
              }
              required
              validateStatus={shown.reason ? 'error' : undefined}
              help={shown.reason}
            >
              <Input.TextArea
                id="action-reason"
                rows={3}
                maxLength={500}
                showCount
                value={reason}
                onChange={(e) => {
                  setReason(e.target.value);
                  if (errors.reason) setErrors(({ reason: _r, ...rest }) => rest);
                }}
                placeholder={isReturn ? '例如：联系人手机号码有误，请核实后修改' : '请写明原因'}
              />
            </Form.Item>
          )}
          {isReturn && (
            <Form.Item
              label={
                backToCounty
                  ? '需要县区核实的部分（可逐项勾选字段并填写意见，县区审核时可见）'
                  : '需要修改的部分（不选则退回全部内容；可逐项勾选字段并填写修改意见）'
              }
              validateStatus={shown.returnSections ? 'error' : undefined}
              help={shown.returnSections}
            >
              <Checkbox.Group
                value={sections}
                onChange={(v) => setSections(SECTION_KEYS.filter((k) => v.includes(k)))}
                options={SECTION_KEYS.map((k) => ({ value: k, label: SECTION_LABELS[k] }))}
              />
            </Form.Item>
          )}
          {isReturn &&
            sections.map((s) => {
              const opts = fieldOptions[s] ?? [];
              const picked = fields[s] ?? [];
              return (
                <div
                  key={s}
                  data-return-section={s}
                  style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 12, marginBottom: 12 }}
                >
                  <Typography.Text strong>{SECTION_LABELS[s]}：勾选需修改的字段</Typography.Text>
                  {opts.length === 0 ? (
                    <Typography.Paragraph type="secondary">
                      {backToCounty ? '本部分为附件，请县区核对。' : '本部分为附件，退回后企业可重新上传。'}
                    </Typography.Paragraph>
                  ) : (
                    <div style={{ maxHeight: 180, overflow: 'auto', margin: '8px 0' }}>
                      <Checkbox.Group
                        value={picked}
                        onChange={(v) => setFields((f) => ({ ...f, [s]: v.map(String) }))}
                        options={opts.map((o) => ({ value: o.path, label: o.label }))}
                      />
                    </div>
                  )}
                  <Space direction="vertical" style={{ width: '100%' }}>
                    {picked.map((p) => {
                      const label = opts.find((o) => o.path === p)?.label ?? p;
                      return (
                        <div key={p} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                          <Typography.Text style={{ minWidth: 160 }}>{label}</Typography.Text>
                          <Input
                            aria-label={`${label} 修改意见`}
                            data-comment-for={`${s}:${p}`}
                            maxLength={500}
                            placeholder="修改意见，例如：号码有误，请核实"
                            value={comments[`${s}:${p}`] ?? ''}
                            onChange={(e) => setComments((c) => ({ ...c, [`${s}:${p}`]: e.target.value }))}
                          />
                        </div>
                      );
                    })}
                  </Space>
                </div>
              );
            })}
        </Form>
      </div>
    </Modal>
  );
}
