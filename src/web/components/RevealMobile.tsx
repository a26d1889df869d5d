import { Button, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { allows, revealAction } from '../../shared/permissions/policy';
import type { PiiRevealRequest } from '../../shared/schemas/pii-api';
import { ApiError } from '../api/client';
import { piiApi } from '../api/pii';
import { useSubmit } from '../forms/useSubmit';
import { useSession } from '../session/context';

/**
 * A masked number (138****5678) with a 显示 button for the reviewers who may see it whole: the click asks the
 * server, which checks the jurisdiction and records the view in the audit log (ADR 0025). The whole number then
 * stays on screen as a tel: link until the page is left.
 */
export function RevealMobile({ masked, target }: { masked: string | null; target: PiiRevealRequest }) {
  const { user } = useSession();
  const [whole, setWhole] = useState<string | null>(null);
  const reveal = useSubmit(
    async () => {
      const res = await piiApi.reveal(target);
      setWhole(res.value ?? '—');
    },
    { onError: (err) => (err instanceof ApiError ? err.message : '查看失败，请稍后重试。') },
  );
  if (!masked) return <>—</>;
  if (whole) {
    return (
      <a href={`tel:${whole}`} data-revealed="true">
        {whole}
      </a>
    );
  }
  // The policy table the server decides by (it also checks the jurisdiction); this only hides a useless button.
  const mayReveal = user !== null && allows(user.role, revealAction(target.targetType));
  return (
    <span className="reveal-mobile">
      <span>{masked}</span>
      {mayReveal && (
        <Tooltip title="显示完整号码（查看将记入审计日志）">
          <Button
            type="link"
            size="small"
            loading={reveal.busy}
            onClick={() => void reveal.submit()}
            aria-label={`显示完整号码 ${masked}`}
          >
            显示
          </Button>
        </Tooltip>
      )}
      {reveal.error && (
        <Typography.Text type="danger" role="alert" style={{ display: 'block', fontSize: 12 }}>
          {reveal.error}
        </Typography.Text>
      )}
    </span>
  );
}
