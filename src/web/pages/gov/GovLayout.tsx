import {
  AuditOutlined,
  CommentOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  ApartmentOutlined,
  BellOutlined,
  FileSearchOutlined,
  TeamOutlined,
  CalculatorOutlined,
  GlobalOutlined,
  OrderedListOutlined,
  SettingOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { Badge, ConfigProvider, Layout, Menu, Space, Tag } from 'antd';
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import type { CountsResponse } from '../../../shared/schemas/review-api';
import { reviewApi } from '../../api/review';
import { MessageBell } from '../../components/MessageBell';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { isGovRole } from '../../../shared/permissions';
import { LargeTextSwitch } from '../../a11y/LargeTextSwitch';
import { MAIN_CONTENT_ID } from '../../a11y/SkipLink';
import { PLATFORM_NAME } from '../../components/AuthLayout';
import { PageLoading } from '../../components/PageLoading';
import { AccountMenu } from '../../components/PortalHeaderParts';
import { useSession } from '../../session/context';
import { MustChangePassword } from '../account/MustChangePassword';
import { govHref, govPagesFor } from './menu';

const ICONS: Record<string, ReactNode> = {
  '': <DashboardOutlined />,
  reviews: <FileSearchOutlined />,
  batches: <CalendarOutlined />,
  stats: <BarChartOutlined />,
  users: <TeamOutlined />,
  audit: <AuditOutlined />,
  units: <ApartmentOutlined />,
  sms: <CommentOutlined />,
  messages: <BellOutlined />,
  evaluation: <CalculatorOutlined />,
  lists: <OrderedListOutlined />,
  'province/lists': <GlobalOutlined />,
  cycle: <SyncOutlined />,
  settings: <SettingOutlined />,
};

const COUNTS_POLL_MS = 60_000;

/** The 待我审核 badge: GET /api/v1/review/counts on navigation, every minute and after review actions. */
function useReviewCounts(enabled: boolean, pathname: string): CountsResponse | null {
  const [counts, setCounts] = useState<CountsResponse | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const load = () =>
      reviewApi.counts().then(
        (c) => live && setCounts(c),
        () => undefined,
      );
    void load();
    const t = setInterval(() => void load(), COUNTS_POLL_MS);
    const off = reviewApi.onChanged(() => void load());
    return () => {
      live = false;
      clearInterval(t);
      off();
    };
  }, [enabled, pathname]);
  return counts;
}

const HEADER_BG = '#0b2447';

/** The government console (/gov): dark header, role-specific menu. */
export default function GovLayout() {
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  // An expired password is changed first too (the server answers PASSWORD_EXPIRED to everything else).
  const passwordExpired = (user?.passwordExpired ?? false) && !(user?.mustChangePassword ?? false);
  const mustChangePassword = (user?.mustChangePassword ?? false) || passwordExpired;
  const pages = user && isGovRole(user.role) && !mustChangePassword ? govPagesFor(user.role) : [];
  // The menu entry whose path is the longest prefix of the location (/gov/reviews/<id> → 待我审核).
  const path = location.pathname.replace(/\/$/, '');
  const selected =
    pages
      .map(govHref)
      .filter((href) => path === href || path.startsWith(`${href}/`))
      .sort((a, b) => b.length - a.length)[0] ?? path;
  const counts = useReviewCounts(
    pages.some((p) => p.path === 'reviews'),
    location.pathname,
  );

  const label = (path: string, text: string): ReactNode => {
    if (path !== 'reviews' || !counts || counts.minePending === 0) return text;
    return (
      <Space size={6}>
        {text}
        <Badge
          count={counts.minePending}
          overflowCount={999}
          size="small"
          id="review-count"
          title={`待本级审核 ${counts.minePending} 件${counts.mineUnviewed ? `，其中 ${counts.mineUnviewed} 件未查看` : ''}`}
          style={{ boxShadow: 'none' }}
        />
      </Space>
    );
  };

  return (
    <ConfigProvider theme={{ token: { colorPrimary: '#19376d' } }}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header
          className="portal-header portal-header-dark"
          style={{ background: HEADER_BG, color: '#fff' }}
        >
          <Link to="/gov" className="brand" style={{ color: '#fff' }}>
            {PLATFORM_NAME}
          </Link>
          <Tag color="gold" style={{ marginInlineEnd: 0 }}>
            工信部门管理端
          </Tag>
          <span className="spacer" />
          {user && (
            <span className="portal-who" style={{ color: 'rgba(255,255,255,0.85)' }} id="gov-role">
              {user.regionName ? `${user.regionName} · ` : ''}
              {user.roleLabel}
            </span>
          )}
          <LargeTextSwitch color="#fff" />
          {!mustChangePassword && <MessageBell messagesPath="/gov/messages" color="#fff" />}
          <AccountMenu accountPath="/gov/account" color="#fff" />
        </Layout.Header>
        <Layout>
          {!mustChangePassword && (
            <Layout.Sider
              width={208}
              theme="dark"
              breakpoint="lg"
              collapsedWidth={0}
              style={{ background: '#102a54' }}
            >
              <Menu
                mode="inline"
                theme="dark"
                selectedKeys={[selected]}
                style={{ background: 'transparent', borderInlineEnd: 'none', paddingTop: 8 }}
                onClick={({ key }) => navigate(key)}
                items={pages.map((p) => ({
                  key: govHref(p),
                  icon: ICONS[p.path],
                  label: label(p.path, p.label),
                }))}
              />
            </Layout.Sider>
          )}
          <Layout.Content
            className="portal-content"
            id={MAIN_CONTENT_ID}
            tabIndex={-1}
            style={{ background: '#eef1f6' }}
          >
            {mustChangePassword ? (
              <MustChangePassword expired={passwordExpired} />
            ) : (
              <Suspense fallback={<PageLoading />}>
                <Outlet />
              </Suspense>
            )}
          </Layout.Content>
        </Layout>
      </Layout>
    </ConfigProvider>
  );
}
