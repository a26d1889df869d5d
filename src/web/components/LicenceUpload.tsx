import { UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { LICENCE_ACCEPT, licenceLimitText, precheckLicence } from '../forms/licence';

/**
 * The 营业执照 picker for an antd Form.Item (name "licence", value: File). Shows the limit before the
 * upload, checks type, size and content in the browser, and previews the image. Nothing is sent until
 * the form is submitted.
 */
export function LicenceUpload({
  id,
  value,
  onChange,
  maxBytes,
  fieldName = 'licence',
}: {
  id?: string;
  value?: File;
  onChange?: (file: File | undefined) => void;
  maxBytes: number;
  fieldName?: string;
}) {
  const form = Form.useFormInstance();
  const [preview, setPreview] = useState<{ file: File; url: string } | null>(null);
  const urlRef = useRef<string | null>(null);

  useEffect(
    () => () => {
      if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    },
    [],
  );

  const setFile = (file: File | undefined) => {
    if (urlRef.current) URL.revokeObjectURL(urlRef.current);
    urlRef.current = file ? URL.createObjectURL(file) : null;
    setPreview(file && urlRef.current ? { file, url: urlRef.current } : null);
    onChange?.(file);
  };

  const pick = async (file: File) => {
    const problem = await precheckLicence(file, maxBytes);
    if (problem) {
      setFile(undefined);
      form.setFields([{ name: fieldName, value: undefined, errors: [problem] }]);
      return;
    }
    setFile(file);
    form.setFields([{ name: fieldName, errors: [] }]);
  };

  const shown = value && preview && preview.file === value ? preview : null;

  return (
    <div>
      <Typography.Text
        type="secondary"
        id={`${fieldName}-limit`}
        style={{ display: 'block', marginBottom: 8 }}
      >
        {licenceLimitText(maxBytes)}；请上传营业执照正本或副本的清晰照片或扫描图片
      </Typography.Text>
      <Flex gap={16} align="flex-start" wrap>
        <Upload
          id={id}
          accept={LICENCE_ACCEPT}
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void pick(file);
            return Upload.LIST_IGNORE; // kept in the form, sent with the registration
          }}
        >
          <Button icon={<UploadOutlined />} aria-describedby={`${fieldName}-limit`}>
            {shown ? '重新选择' : '选择营业执照图片'}
          </Button>
        </Upload>
        {shown && (
          <div>
            <img className="licence-preview" src={shown.url} alt="营业执照预览" />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {shown.file.name}（{(shown.file.size / 1024 / 1024).toFixed(2)} MB）
            </Typography.Text>
            <div>
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setFile(undefined)}>
                移除
              </Button>
            </div>
          </div>
        )}
      </Flex>
    </div>
  );
}
