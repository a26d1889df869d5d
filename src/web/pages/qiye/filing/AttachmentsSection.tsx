import {
  DeleteOutlined,
  DownloadOutlined,
  FileImageOutlined,
  EyeOutlined,
  PrinterOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { App, Button, Image, Modal, Popconfirm, Progress, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { slotOf } from '../../../../shared/filing';
import type { AttachmentView, FilingDetail } from '../../../../shared/schemas/filing-api';
import { errorMessage } from '../../../api/client';
import { downloadPdf, filingsApi, fileUrl, selfAssessmentUrl } from '../../../api/filings';
import { uploadForm } from '../../../api/upload';
import { toFormData } from '../../../api/client';
import { useSubmit } from '../../../forms/useSubmit';
import { acceptAttr, formatBytes, formatsText, precheckFile, slotLabel } from './model';

interface UploadState {
  name: string;
  percent: number;
}

function SlotRow({
  filingId,
  slotKey,
  required,
  files,
  editable,
  maxBytes,
  missing,
  comment,
  onUploaded,
  onDeleted,
  onPreview,
  beforePrint,
  registrationLicence,
}: {
  filingId: string;
  slotKey: string;
  required: boolean;
  files: AttachmentView[];
  editable: boolean;
  maxBytes: number;
  missing: string | null;
  comment: string | null;
  onUploaded: (a: AttachmentView) => void;
  onDeleted: (id: string) => void;
  onPreview: (a: AttachmentView) => void;
  beforePrint?: (() => Promise<void>) | undefined;
  /** For the 营业执照 slot: the licence uploaded at registration, offered instead of a new upload. */
  registrationLicence?: FilingDetail['registrationLicence'] | undefined;
}) {
  const { message } = App.useApp();
  const slot = slotOf(slotKey)!;
  const input = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<UploadState[]>([]);
  const [errors, setErrors] = useState<string[]>([]);

  // The licence's error joins the upload errors under the slot.
  const attachLicence = useSubmit(
    async () => {
      onUploaded(await filingsApi.attachRegistrationLicence(filingId));
      setErrors([]);
    },
    { report: (text) => setErrors([text]) },
  );

  const printSelfAssessment = useSubmit(
    async () => {
      await beforePrint?.();
      await downloadPdf(selfAssessmentUrl(filingId, true), '江苏省创新型中小企业自评表.pdf');
    },
    { report: 'message' },
  );

  const pick = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const chosen = [...list];
    if (input.current) input.current.value = '';
    const problems: string[] = [];
    for (const file of chosen) {
      const problem = precheckFile(file, slotKey, maxBytes);
      if (problem) {
        problems.push(problem);
        continue;
      }
      setUploads((u) => [...u, { name: file.name, percent: 0 }]);
      try {
        const att = await uploadForm<AttachmentView>(
          `/api/v1/filings/${encodeURIComponent(filingId)}/attachments`,
          toFormData({ slot: slotKey }, { file }),
          {
            onProgress: (percent) =>
              setUploads((u) => u.map((x) => (x.name === file.name ? { ...x, percent } : x))),
          },
        );
        onUploaded(att);
      } catch (err) {
        problems.push(`“${file.name}”上传失败：${errorMessage(err)}`);
      } finally {
        setUploads((u) => u.filter((x) => x.name !== file.name));
      }
    }
    setErrors(problems);
  };

  const remove = async (a: AttachmentView) => {
    try {
      await filingsApi.deleteAttachment(filingId, a.id);
      onDeleted(a.id);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <div className={`slot-row${comment ? ' field-returned' : ''}`} data-slot={slotKey}>
      <div className="slot-head">
        <div>
          <Typography.Text strong>
            {required && <span className="req-mark">*</span>}
            {slotLabel(slotKey)}
          </Typography.Text>
          {required ? (
            <Tag color="red" style={{ marginLeft: 8 }}>
              必传
            </Tag>
          ) : (
            <Tag style={{ marginLeft: 8 }}>选传</Tag>
          )}
          <div className="muted small">{slot.help}</div>
          <div className="muted small">
            格式：{formatsText(slotKey)}；单个文件不超过 {formatBytes(maxBytes)}；可上传多个文件
          </div>
        </div>
        {slotKey === 'selfAssessment' && (
          <Button
            icon={<PrinterOutlined />}
            loading={printSelfAssessment.busy}
            id="self-assessment-print"
            onClick={() => void printSelfAssessment.submit()}
          >
            打印自评表
          </Button>
        )}
        {editable && registrationLicence && files.length === 0 && (
          <Button
            icon={<FileImageOutlined />}
            loading={attachLicence.busy}
            id="use-registration-licence"
            onClick={() => void attachLicence.submit()}
          >
            使用注册时上传的营业执照
          </Button>
        )}
        {editable && (
          <>
            <input
              ref={input}
              type="file"
              multiple
              accept={acceptAttr(slotKey)}
              data-slot={slotKey}
              aria-label={`上传${slotLabel(slotKey)}`}
              style={{ display: 'none' }}
              onChange={(e) => void pick(e.target.files)}
            />
            <Button icon={<UploadOutlined />} onClick={() => input.current?.click()}>
              上传文件
            </Button>
          </>
        )}
      </div>
      {uploads.map((u) => (
        <div key={u.name} className="small">
          正在上传 {u.name}
          <Progress percent={u.percent} size="small" />
        </div>
      ))}
      {files.length > 0 && (
        <ul className="plain-list slot-files">
          {files.map((a) => (
            <li key={a.id} data-attachment={a.id}>
              {a.mimeType.startsWith('image/') ? (
                <Image
                  width={40}
                  height={40}
                  style={{ objectFit: 'cover' }}
                  src={fileUrl(a.fileId)}
                  alt={a.name}
                />
              ) : (
                <Tag>PDF</Tag>
              )}
              <span className="slot-file-name">{a.name}</span>
              <span className="muted small">{formatBytes(a.sizeBytes)}</span>
              <Space size={0}>
                <Button type="link" size="small" icon={<EyeOutlined />} onClick={() => onPreview(a)}>
                  预览
                </Button>
                <Button type="link" size="small" icon={<DownloadOutlined />} href={fileUrl(a.fileId, true)}>
                  下载
                </Button>
                {editable && (
                  <Popconfirm
                    title={`删除“${a.name}”？`}
                    okText="删除"
                    cancelText="取消"
                    onConfirm={() => remove(a)}
                  >
                    <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                      删除
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            </li>
          ))}
        </ul>
      )}
      {editable &&
        errors.map((e) => (
          <div key={e} className="field-error" role="alert">
            {e}
          </div>
        ))}
      {missing && files.length === 0 && <div className="field-error">{missing}</div>}
      {comment && <div className="field-comment">审核意见：{comment}</div>}
    </div>
  );
}

export default function AttachmentsSection({
  detail,
  slotKeys,
  required,
  editable,
  maxBytes,
  missing,
  commentOf,
  onUploaded,
  onDeleted,
  beforePrint,
}: {
  detail: FilingDetail;
  slotKeys: string[];
  required: ReadonlySet<string>;
  editable: boolean;
  maxBytes: number;
  missing: Record<string, string>;
  commentOf: (slot: string) => string | null;
  onUploaded: (a: AttachmentView) => void;
  onDeleted: (id: string) => void;
  /** Saves what is unsaved before the 自评表 is generated from the saved data. */
  beforePrint?: () => Promise<void>;
}) {
  const [preview, setPreview] = useState<AttachmentView | null>(null);
  return (
    <div>
      <Typography.Paragraph type="secondary">
        按附件类别逐项上传，每类可上传多个文件。系统按文件内容识别格式（修改扩展名无效）；上传失败不影响已填写的内容。
      </Typography.Paragraph>
      {slotKeys.map((k) => (
        <SlotRow
          key={k}
          filingId={detail.id}
          slotKey={k}
          required={required.has(k)}
          files={detail.attachments.filter((a) => a.slot === k)}
          editable={editable}
          maxBytes={maxBytes}
          missing={missing[k] ?? null}
          comment={commentOf(k)}
          onUploaded={onUploaded}
          onDeleted={onDeleted}
          onPreview={setPreview}
          beforePrint={beforePrint}
          registrationLicence={k === 'businessLicense' ? detail.registrationLicence : null}
        />
      ))}
      <Modal
        open={!!preview}
        title={preview?.name}
        footer={null}
        width={900}
        onCancel={() => setPreview(null)}
        destroyOnHidden
      >
        {preview &&
          (preview.mimeType === 'application/pdf' ? (
            <iframe
              title={preview.name}
              src={fileUrl(preview.fileId)}
              style={{ width: '100%', height: '70vh', border: 0 }}
            />
          ) : (
            <Image src={fileUrl(preview.fileId)} alt={preview.name} style={{ maxWidth: '100%' }} />
          ))}
      </Modal>
    </div>
  );
}
