import { Alert, Checkbox, Modal, Typography } from 'antd';
import { useState } from 'react';

export const TRUTHFULNESS_TEXT =
  '本企业郑重声明：本次填报的企业基本情况、产品信息、经营数据、创新研发情况、已认定事项及上传的全部附件均真实、准确、完整，' +
  '财务数据与经审计的财务报表一致，不存在虚报、瞒报、伪造或篡改。如有不实，本企业愿承担由此产生的一切法律责任，' +
  '并接受取消入库资格、撤销相关称号、三年内不得申报等处理。';

export const COMPLIANCE_TEXT =
  '本企业承诺：近三年未发生重大安全（含网络安全、数据安全）、质量、环境污染等事故，未被列入经营异常名录或严重失信主体名单，' +
  '无偷漏税和其他违法违规行为；遵守国家产业政策，不属于限制类、淘汰类产业；提交后如审核部门需要核实，将积极配合提供相关材料。';

/** 提交: the two declarations, then the submit (which carries every unsaved edit along). */
export default function SubmitDialog({
  open,
  pending,
  onCancel,
  onSubmit,
  reviewSentence,
  regionConfirmed,
  onRegionConfirm,
  error,
}: {
  open: boolean;
  pending: boolean;
  onCancel: () => void;
  onSubmit: (d: { truthfulness: true; compliance: true }) => void;
  reviewSentence: string | null;
  regionConfirmed: boolean;
  onRegionConfirm: (v: boolean) => void;
  error: string | null;
}) {
  const [truth, setTruth] = useState(false);
  const [comply, setComply] = useState(false);
  const ready = truth && comply && (regionConfirmed || !reviewSentence);
  return (
    <Modal
      open={open}
      title="提交填报"
      okText="确认提交"
      cancelText="返回修改"
      width={680}
      onCancel={pending ? undefined : onCancel}
      okButtonProps={{ disabled: !ready, loading: pending, id: 'submit-confirm' }}
      cancelButtonProps={{ disabled: pending }}
      onOk={() => {
        if (ready && !pending) onSubmit({ truthfulness: true, compliance: true });
      }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        提交后进入工信部门审核流程，审核期间不能修改。本页未保存的修改将随提交一并保存，无需另行点击“保存”。
      </Typography.Paragraph>
      {reviewSentence && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={reviewSentence}
          description={
            <Checkbox
              checked={regionConfirmed}
              onChange={(e) => onRegionConfirm(e.target.checked)}
              id="submit-region-confirm"
            >
              我已核对注册地：注册地决定审核部门，选错将导致审核部门看不到本企业的填报
            </Checkbox>
          }
        />
      )}
      <div className="declaration">
        <Typography.Title level={5}>真实性声明</Typography.Title>
        <Typography.Paragraph className="declaration-text">{TRUTHFULNESS_TEXT}</Typography.Paragraph>
        <Checkbox id="decl-truthfulness" checked={truth} onChange={(e) => setTruth(e.target.checked)}>
          我已阅读并同意真实性声明
        </Checkbox>
      </div>
      <div className="declaration">
        <Typography.Title level={5}>合规经营承诺</Typography.Title>
        <Typography.Paragraph className="declaration-text">{COMPLIANCE_TEXT}</Typography.Paragraph>
        <Checkbox id="decl-compliance" checked={comply} onChange={(e) => setComply(e.target.checked)}>
          我已阅读并同意合规经营承诺
        </Checkbox>
      </div>
      {error && <Alert type="error" showIcon role="alert" style={{ marginTop: 12 }} title={error} />}
    </Modal>
  );
}
