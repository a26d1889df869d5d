import {
  AppstoreOutlined,
  BellOutlined,
  ExceptionOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { Layout, Menu, Typography } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { LargeTextSwitch } from '../../a11y/LargeTextSwitch';
import { MAIN_CONTENT_ID } from '../../a11y/SkipLink';
import { PLATFORM_NAME } from '../../components/AuthLayout';
import { PageLoading } from '../../components/PageLoading';
import { MessageBell } from '../../components/MessageBell';
import { AccountMenu } from '../../components/PortalHeaderParts';
import { useSession } from '../../session/context';
import { MustChangePassword } from '../account/MustChangePassword';

/** The enterprise user centre (/qiye): header, the 千企升级 menu, the page. */
export default function QiyeLayout() {
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const selected = location.pathname.replace(/\/$/, '');

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        className="portal-header"
        style={{ background: '#fff', borderBottom: '3px solid #1560bd' }}
      >
        <Link to="/qiye" className="brand" style={{ color: '#1560bd' }}>
          {PLATFORM_NAME}
        </Link>
        <Typography.Text type="secondary" className="portal-subtitle">
          企业用户中心
        </Typography.Text>
        <span className="spacer" />
        {user?.enterprise && (
          <Typography.Text strong ellipsis className="portal-who" id="enterprise-name">
            {user.enterprise.name}
          </Typography.Text>
        )}
        <LargeTextSwitch />
        <MessageBell messagesPath="/qiye/messages" />
        <AccountMenu accountPath="/qiye/account" />
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={220}
          theme="light"
          breakpoint="lg"
          collapsedWidth={0}
          style={{ borderRight: '1px solid #f0f0f0' }}
        >
          <Menu
            mode="inline"
            selectedKeys={[selected]}
            defaultOpenKeys={['qqsj']}
            style={{ borderInlineEnd: 'none', paddingTop: 8 }}
            onClick={({ key }) => navigate(key)}
            items={[
              {
                key: 'qqsj',
                icon: <AppstoreOutlined />,
                label: '千企升级',
                children: [{ key: '/qiye/filings', label: '入库填报/数据更新' }],
              },
              { key: '/qiye/ladder', icon: <RiseOutlined />, label: '我的梯度' },
              { key: '/qiye/record', icon: <SafetyCertificateOutlined />, label: '我的认定' },
              { key: '/qiye/clearances', icon: <ExceptionOutlined />, label: '清退与申诉' },
              { key: '/qiye/messages', icon: <BellOutlined />, label: '消息中心' },
              { key: '/qiye/account', icon: <SettingOutlined />, label: '账号设置' },
            ]}
          />
        </Layout.Sider>
        <Layout.Content className="portal-content" id={MAIN_CONTENT_ID} tabIndex={-1}>
          {user?.passwordExpired || user?.mustChangePassword ? (
            // An expired password is changed before anything else (the server refuses the rest).
            <MustChangePassword expired={user.passwordExpired && !user.mustChangePassword} />
          ) : (
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          )}
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
