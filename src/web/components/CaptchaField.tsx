import { ReloadOutlined } from '@ant-design/icons';
import { Flex, Form, Input, type FormRule } from 'antd';
import { useCallback, useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { CaptchaResponse } from '../../shared/schemas/auth';
import { captchaAnswer } from '../../shared/schemas/fields';
import { authApi } from '../api/auth';
import { errorMessage } from '../api/client';
import { zodValueRule } from '../forms/zodForm';

const DEFAULT_RULES: FormRule[] = [zodValueRule(captchaAnswer)];

export interface CaptchaHandle {
  /** Loads a new image and clears the typed answer (keeps any error shown beside the field). */
  refresh: () => void;
}

/** data: URL of the captcha SVG (rendered through <img>, never injected as HTML). */
export function captchaSrc(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * The 图形验证码 row: a hidden `captchaId` field, the `captchaAnswer` input and the image (click for a new
 * one). Must be placed inside an antd Form.
 */
export function CaptchaField({
  ref,
  rules,
  autoFocus,
}: {
  ref?: Ref<CaptchaHandle>;
  rules?: FormRule[];
  autoFocus?: boolean;
}) {
  const form = Form.useFormInstance();
  const [captcha, setCaptcha] = useState<CaptchaResponse | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const seq = useRef(0);

  const load = useCallback(() => {
    const n = ++seq.current;
    authApi.captcha().then(
      (c) => {
        if (n !== seq.current) return;
        setCaptcha(c);
        setLoadError(null);
        form.setFieldValue('captchaId', c.captchaId);
      },
      (err: unknown) => {
        if (n !== seq.current) return;
        setLoadError(errorMessage(err));
      },
    );
  }, [form]);

  useEffect(() => {
    load();
  }, [load]);

  const refresh = useCallback(() => {
    form.setFieldValue('captchaAnswer', '');
    load();
  }, [form, load]);

  useImperativeHandle(ref, () => ({ refresh }), [refresh]);

  return (
    <>
      <Form.Item name="captchaId" hidden>
        <Input />
      </Form.Item>
      <Form.Item label="图形验证码" required>
        <Flex gap={8} align="flex-start">
          <Form.Item name="captchaAnswer" noStyle rules={rules ?? DEFAULT_RULES} validateTrigger="onBlur">
            <Input
              placeholder="请输入右侧图中的字符"
              autoComplete="off"
              maxLength={10}
              size="large"
              autoFocus={autoFocus}
            />
          </Form.Item>
          <button
            type="button"
            className="captcha-button"
            onClick={refresh}
            title="看不清？点击换一张"
            aria-label="看不清？点击换一张图形验证码"
          >
            {captcha ? (
              <img alt="图形验证码" data-captcha-id={captcha.captchaId} src={captchaSrc(captcha.svg)} />
            ) : (
              <span style={{ fontSize: 12, color: loadError ? '#cf1322' : '#666666', padding: 4 }}>
                {loadError ? (
                  <>
                    <ReloadOutlined /> 加载失败，点击重试
                  </>
                ) : (
                  '正在加载…'
                )}
              </span>
            )}
          </button>
        </Flex>
      </Form.Item>
    </>
  );
}
