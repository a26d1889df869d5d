import { Button, Flex, Form, Input, type FormItemProps } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';

export interface SmsCodeFieldProps {
  /** The form field holding the code. */
  name?: string;
  /** The input's id (the label points at it). Defaults to the field name. */
  id?: string;
  label?: ReactNode;
  rules?: FormItemProps['rules'];
  validateTrigger?: FormItemProps['validateTrigger'];
  extra?: ReactNode;
  /**
   * Sends a code: resolves to the seconds before another may be requested (the server's `resendAfterSeconds`), or
   * null when nothing was sent (the caller shows why). Without it the field has no 获取 button (the code was
   * requested on an earlier step).
   */
  onSend?: () => Promise<number | null>;
  sendDisabled?: boolean;
  /** The send button's id and text. */
  sendId?: string;
  sendLabel?: string;
  autoFocus?: boolean;
}

/**
 * The 6-digit SMS code input with its 获取验证码 button and resend countdown — one component for registration,
 * changing the contact mobile, the SMS second factor and password reset. The label is bound to the input; the
 * countdown is announced politely once when it starts and once when a new code may be requested (not every second).
 */
export function SmsCodeField({
  name = 'smsCode',
  id,
  label = '短信验证码',
  rules,
  validateTrigger,
  extra,
  onSend,
  sendDisabled,
  sendId = 'sendSmsCode',
  sendLabel = '获取验证码',
  autoFocus,
}: SmsCodeFieldProps) {
  const inputId = id ?? name;
  const countdown = useResendCountdown();
  const input = (
    <Form.Item name={name} noStyle rules={rules} validateTrigger={validateTrigger}>
      <Input
        id={inputId}
        size="large"
        maxLength={6}
        inputMode="numeric"
        autoComplete="one-time-code"
        placeholder="6 位数字"
        autoFocus={autoFocus}
      />
    </Form.Item>
  );
  if (!onSend) {
    return (
      <Form.Item label={label} htmlFor={inputId} required extra={extra}>
        {input}
      </Form.Item>
    );
  }
  return (
    <Form.Item label={label} htmlFor={inputId} required extra={extra}>
      <Flex gap={8} align="flex-start">
        {input}
        <Button
          id={sendId}
          size="large"
          onClick={() => void countdown.send(onSend)}
          loading={countdown.sending}
          disabled={sendDisabled || countdown.left > 0}
          style={{ minWidth: 132 }}
        >
          {countdown.left > 0 ? `${countdown.left} 秒后重新获取` : sendLabel}
        </Button>
      </Flex>
      <span className="sr-only" role="status" aria-live="polite">
        {countdown.announcement}
      </span>
    </Form.Item>
  );
}

/**
 * The resend countdown, from the wall clock (a throttled background tab catches up instead of counting slowly).
 * `announcement` changes only when the countdown starts and ends, for the live region.
 */
function useResendCountdown() {
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [sending, setSending] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= until) {
        setUntil(null);
        setAnnouncement('现在可以重新获取验证码');
      }
    }, 500);
    return () => clearInterval(timer);
  }, [until]);

  const left = until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));

  const send = async (onSend: () => Promise<number | null>) => {
    setSending(true);
    try {
      const seconds = await onSend();
      if (seconds && seconds > 0) {
        const t = Date.now();
        setNow(t);
        setUntil(t + seconds * 1000);
        setAnnouncement(`验证码已发送，${seconds} 秒后可重新获取`);
      }
    } finally {
      setSending(false);
    }
  };

  return { left, sending, announcement, send };
}
