import { Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { GovRole } from '../../../../shared/permissions';
import { campaignsApi } from '../../../api/campaigns';

export interface CampaignOption {
  value: string;
  label: string;
}

/**
 * The campaigns the caller may choose from, and the chosen one (kept in ?campaignId=). The province and admin
 * read every campaign (GET /api/v1/campaigns); reviewers may not list campaigns, so they get the current
 * campaign (GET /api/v1/campaigns/current/deadlines) — the contract has no campaign list for reviewers.
 */
export function useCampaignChoice(role: GovRole) {
  const [params, setParams] = useSearchParams();
  const [options, setOptions] = useState<CampaignOption[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosen = params.get('campaignId');

  useEffect(() => {
    let live = true;
    const load =
      role === 'province' || role === 'admin'
        ? campaignsApi.list().then((r) => ({
            options: r.items.map((c) => ({ value: c.id, label: c.name })),
            current: r.currentId ?? r.items[0]?.id ?? null,
          }))
        : campaignsApi.deadlines('current').then(async (d) => {
            const options = [{ value: d.campaignId, label: d.campaignName }];
            // A link may name another campaign (e.g. last year's 清退): show its name too, not its id.
            if (chosen && chosen !== d.campaignId) {
              const other = await campaignsApi.deadlines(chosen).catch(() => null);
              if (other) options.push({ value: other.campaignId, label: other.campaignName });
            }
            return { options, current: d.campaignId };
          });
    load.then(
      (r) => {
        if (!live) return;
        setOptions(r.options);
        if (!chosen && r.current)
          setParams((p) => ({ ...Object.fromEntries(p), campaignId: r.current! }), { replace: true });
      },
      () => {
        if (!live) return;
        setOptions([]);
        setError('当前没有进行中的批次。');
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [role]);

  const campaignId = chosen ?? null;
  const select = (
    <Space>
      <Typography.Text id="campaign-select-label">批次：</Typography.Text>
      <Select
        id="campaign-select"
        aria-labelledby="campaign-select-label"
        style={{ minWidth: 260 }}
        loading={options === null}
        value={campaignId ?? undefined}
        options={options ?? []}
        placeholder={error ?? '请选择批次'}
        onChange={(v: string) => setParams({ campaignId: v })}
      />
    </Space>
  );
  return { campaignId, select, error };
}
