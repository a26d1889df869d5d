import { Layout } from 'antd';
import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router';
import { LargeTextSwitch } from '../../a11y/LargeTextSwitch';
import { MAIN_CONTENT_ID } from '../../a11y/SkipLink';
import { PLATFORM_NAME } from '../../components/AuthLayout';
import { PageLoading } from '../../components/PageLoading';

const LINKS = [
  { to: '/public/lists', label: '公示名单' },
  { to: '/public/registry', label: '认定查询' },
  { to: '/public/objection-status', label: '异议进度查询' },
  { to: '/verify', label: '申报书核验' },
];

/** The frame of the public information pages (no login): platform name and the public services. */
export default function PublicLayout() {
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        className="portal-header"
        style={{ background: '#fff', borderBottom: '3px solid #1560bd', flexWrap: 'wrap' }}
      >
        <Link to="/public/lists" className="brand" style={{ color: '#1560bd' }}>
          {PLATFORM_NAME}
        </Link>
        <nav aria-label="公开信息" className="public-nav">
          {LINKS.map((l) => (
            <NavLink
              key={l.to}
              to={l.to}
              style={({ isActive }) => ({
                color: isActive ? '#1560bd' : 'rgba(0,0,0,0.75)',
                fontWeight: isActive ? 600 : 400,
              })}
            >
              {l.label}
            </NavLink>
          ))}
        </nav>
        <span className="spacer" />
        <LargeTextSwitch />
        <Link to="/login">登录</Link>
      </Layout.Header>
      <Layout.Content
        id={MAIN_CONTENT_ID}
        tabIndex={-1}
        style={{ padding: '24px 16px', maxWidth: 1100, width: '100%', margin: '0 auto' }}
      >
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', color: '#666666' }}>
        {PLATFORM_NAME} · 公示、公告信息由各设区市工业和信息化主管部门发布
      </Layout.Footer>
    </Layout>
  );
}
