import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileSearchOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { ConfigProvider, Layout, Menu, Tag } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { isGovRole } from '../../../shared/permissions';
import { PLATFORM_NAME } from '../../components/AuthLayout';
import { PageLoading } from '../../components/PageLoading';
import { AccountMenu, MessagesButton } from '../../components/PortalHeaderParts';
import { useSession } from '../../session/context';
import { govHref, govPagesFor } from './menu';

const ICONS: Record<string, ReactNode> = {
  '': <DashboardOutlined />,
  reviews: <FileSearchOutlined />,
  batches: <CalendarOutlined />,
  stats: <BarChartOutlined />,
  users: <TeamOutlined />,
  audit: <AuditOutlined />,
};

const HEADER_BG = '#0b2447';

/** The government console (/gov): dark header, role-specific menu. */
export default function GovLayout() {
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const pages = user && isGovRole(user.role) ? govPagesFor(user.role) : [];
  const selected = location.pathname.replace(/\/$/, '');

  return (
    <ConfigProvider theme={{ token: { colorPrimary: '#19376d' } }}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header className="portal-header" style={{ background: HEADER_BG, color: '#fff' }}>
          <Link to="/gov" className="brand" style={{ color: '#fff' }}>
            {PLATFORM_NAME}
          </Link>
          <Tag color="gold" style={{ marginInlineEnd: 0 }}>
            工信部门管理端
          </Tag>
          <span className="spacer" />
          {user && (
            <span style={{ color: 'rgba(255,255,255,0.85)', whiteSpace: 'nowrap' }} id="gov-role">
              {user.regionName ? `${user.regionName} · ` : ''}
              {user.roleLabel}
            </span>
          )}
          <MessagesButton color="#fff" />
          <AccountMenu accountPath="/gov/account" color="#fff" />
        </Layout.Header>
        <Layout>
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
              items={pages.map((p) => ({ key: govHref(p), icon: ICONS[p.path], label: p.label }))}
            />
          </Layout.Sider>
          <Layout.Content className="portal-content" style={{ background: '#eef1f6' }}>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </Layout.Content>
        </Layout>
      </Layout>
    </ConfigProvider>
  );
}
