import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { notificationsApi } from '../api/notifications';

const POLL_MS = 60_000;

/** The header bell: the unread count (refreshed on navigation, every minute, and when messages are read). */
export function MessageBell({ messagesPath, color }: { messagesPath: string; color?: string }) {
  const navigate = useNavigate();
  const location = useLocation();
  const [count, setCount] = useState(0);

  useEffect(() => notificationsApi.onUnread(setCount), []);

  useEffect(() => {
    let live = true;
    const load = () =>
      notificationsApi.unreadCount().then(
        (r) => live && setCount(r.count),
        () => undefined,
      );
    void load();
    const t = setInterval(() => void load(), POLL_MS);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [location.pathname]);

  const label = count > 0 ? `消息中心（${count} 条未读）` : '消息中心';
  return (
    <Tooltip title={label}>
      <Button
        type="text"
        id="message-bell"
        data-unread={count}
        onClick={() => navigate(messagesPath)}
        icon={
          // The badge's digits are decoration: the name says the count in words (WCAG 2.5.3, label in name).
          <span aria-hidden="true">
            <Badge count={count} size="small" overflowCount={99}>
              <BellOutlined style={{ fontSize: 18, color }} />
            </Badge>
          </span>
        }
      >
        <span className="sr-only">{label}</span>
      </Button>
    </Tooltip>
  );
}
