import { Button } from 'antd';
import { useEffect, useState } from 'react';

/**
 * 获取验证码 with a countdown. `onSend` returns the seconds before another code may be requested (the
 * server's `resendAfterSeconds`), or null when nothing was sent.
 */
export function SmsCodeButton({
  onSend,
  disabled,
  id = 'sendSmsCode',
}: {
  onSend: () => Promise<number | null>;
  disabled?: boolean;
  id?: string;
}) {
  const [until, setUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (until === null) return;
    const timer = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= until) setUntil(null);
    }, 500);
    return () => clearInterval(timer);
  }, [until]);

  const left = until === null ? 0 : Math.max(0, Math.ceil((until - now) / 1000));

  const click = async () => {
    setSending(true);
    try {
      const seconds = await onSend();
      if (seconds && seconds > 0) {
        const t = Date.now();
        setNow(t);
        setUntil(t + seconds * 1000);
      }
    } finally {
      setSending(false);
    }
  };

  return (
    <Button
      id={id}
      size="large"
      onClick={() => void click()}
      loading={sending}
      disabled={disabled || left > 0}
      style={{ minWidth: 132 }}
    >
      {left > 0 ? `${left} 秒后重新获取` : '获取验证码'}
    </Button>
  );
}
