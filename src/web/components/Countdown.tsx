import { ClockCircleOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { EffectiveDeadlinesResponse } from '../../shared/schemas/campaign-admin-api';
import { campaignsApi } from '../api/campaigns';

/** "2024年3月24日 23:59" in Asia/Shanghai. */
export function formatShanghai(iso: string, withTime = true): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const date = `${get('year')}年${get('month')}月${get('day')}日`;
  return withTime ? `${date} ${get('hour')}:${get('minute')}` : date;
}

/** The remaining time in Chinese: "3 天 4 小时", "5 小时 12 分", "12 分钟"; null when passed. Pure. */
export function remainingText(ms: number): string | null {
  if (ms <= 0) return null;
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return `${days} 天 ${hours} 小时`;
  if (hours > 0) return `${hours} 小时 ${mins} 分`;
  return `${Math.max(mins, 1)} 分钟`;
}

export interface CountdownProps {
  /** What ends, e.g. "企业填报" or "县区审核". */
  label: string;
  /** The deadline (ISO). */
  deadline: string;
  /** The server's clock when the deadline was read, so the countdown does not depend on the browser's clock. */
  serverTime?: string;
  /** Extended for the caller's region. */
  extended?: boolean;
  id?: string;
}

/** A deadline and the time left: blue while more than 3 days remain, orange within 3 days, red once passed. */
export function Countdown({ label, deadline, serverTime, extended, id }: CountdownProps) {
  const [skew] = useState(() => (serverTime ? new Date(serverTime).getTime() - Date.now() : 0));
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  const left = new Date(deadline).getTime() - (now + skew);
  const text = remainingText(left);
  const color = text === null ? 'red' : left < 3 * 86_400_000 ? 'orange' : 'blue';
  return (
    <Tooltip title={`${label}截止时间：${formatShanghai(deadline)}${extended ? '（已为本地区延期）' : ''}`}>
      <Tag color={color} icon={<ClockCircleOutlined />} id={id} data-deadline={deadline}>
        {label}
        {text === null ? '已截止' : `截止还剩 ${text}`}
        {extended ? '（已延期）' : ''}
      </Tag>
    </Tooltip>
  );
}

export type DeadlineAudience = 'enterprise' | 'county' | 'city' | 'all';

/**
 * The current campaign's deadlines that matter to the reader, as countdowns: the enterprise its filing
 * deadline, a county or city reviewer its (possibly extended) review deadline, the province all of them.
 * Renders nothing when there is no current campaign.
 */
export function CurrentDeadlines({ audience }: { audience: DeadlineAudience }) {
  const [d, setD] = useState<EffectiveDeadlinesResponse | null>(null);
  useEffect(() => {
    let live = true;
    campaignsApi.deadlines('current').then(
      (r) => live && setD(r),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  if (!d) return null;
  const filing = (
    <Countdown
      key="filing"
      id="deadline-filing"
      label="企业填报"
      deadline={d.filingClosesAt}
      serverTime={d.serverTime}
    />
  );
  const county = (
    <Countdown
      key="county"
      id="deadline-county"
      label="县区审核"
      deadline={d.countyReview.deadline}
      serverTime={d.serverTime}
      extended={d.countyReview.extended}
    />
  );
  const city = (
    <Countdown
      key="city"
      id="deadline-city"
      label="设区市审核"
      deadline={d.cityReview.deadline}
      serverTime={d.serverTime}
      extended={d.cityReview.extended}
    />
  );
  const tags =
    audience === 'enterprise'
      ? [filing]
      : audience === 'county'
        ? [county]
        : audience === 'city'
          ? [city]
          : [filing, county, city];
  return (
    <Space wrap id="current-deadlines">
      <Typography.Text type="secondary">{d.campaignName}：</Typography.Text>
      {tags}
    </Space>
  );
}
