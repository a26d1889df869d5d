import { BellOutlined, DownOutlined, LogoutOutlined, SettingOutlined, UserOutlined } from '@ant-design/icons';
import { App, Badge, Button, Dropdown, Popover, Space } from 'antd';
import { useNavigate } from 'react-router';
import { useSession } from '../session/context';

/** 消息 placeholder: the in-app message box arrives in a later release. */
export function MessagesButton({ color }: { color?: string }) {
  return (
    <Popover
      trigger="click"
      title="消息"
      content={
        <div style={{ maxWidth: 240 }}>
          消息中心将在后续版本开放，届时审核结果、退回原因和填报提醒会在这里通知您。
        </div>
      }
    >
      <Button
        type="text"
        aria-label="消息"
        icon={
          <Badge dot={false}>
            <BellOutlined style={{ fontSize: 18, color }} />
          </Badge>
        }
      />
    </Popover>
  );
}

/** The account dropdown: 账号设置, 退出登录. */
export function AccountMenu({ accountPath, color }: { accountPath: string; color?: string }) {
  const { user, logout } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  if (!user) return null;
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'account', icon: <SettingOutlined />, label: '账号设置' },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
        ],
        onClick: ({ key }) => {
          if (key === 'account') navigate(accountPath);
          if (key === 'logout') {
            void logout().then(() => {
              message.success('已退出登录');
              navigate('/login', { replace: true });
            });
          }
        },
      }}
    >
      <Button type="text" id="account-menu" style={{ color }}>
        <Space size={6}>
          <UserOutlined />
          <span>{user.enterprise ? user.username : user.displayName}</span>
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </Button>
    </Dropdown>
  );
}
