import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { NotificationView } from '../../../shared/schemas/notifications-api';
import { errorMessage } from '../../api/client';
import { notificationsApi } from '../../api/notifications';
import { formatShanghai } from '../../components/Countdown';
import { PageTitle } from '../../components/PageTitle';

/** Links in messages point into the portal of the reader; anything else is not followed. */
/** The button of a message's link, named after the page it opens. */
export function linkLabel(link: string): string {
  if (link.startsWith('/qiye/filings') || link.startsWith('/gov/reviews')) return '查看申报';
  if (link.startsWith('/qiye/clearances')) return '查看清退与申诉';
  if (link.startsWith('/gov/cycle')) return '前往年度更新与清退';
  if (link.startsWith('/qiye/record')) return '查看我的认定';
  return '查看详情';
}

function safeLink(link: string | null): string | null {
  if (!link || !link.startsWith('/') || link.startsWith('//')) return null;
  return link;
}

/** 消息中心 for both portals: newest first, unread in bold, marked read when opened, 全部已读. */
export default function MessagesPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [items, setItems] = useState<NotificationView[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [loading, setLoading] = useState(true);
  const [open, setOpen] = useState<number | null>(null);

  const load = useCallback(
    async (cursor?: string) => {
      setLoading(true);
      try {
        const r = await notificationsApi.list({ cursor, limit: 20, unread: onlyUnread });
        setItems((prev) => (cursor ? [...prev, ...r.items] : r.items));
        setNextCursor(r.nextCursor);
        setUnread(r.unreadCount);
        notificationsApi.setUnread(r.unreadCount);
      } catch (err) {
        message.error(errorMessage(err));
      } finally {
        setLoading(false);
      }
    },
    [onlyUnread, message],
  );

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- loads data from the server
    void load();
  }, [load]);

  const markRead = async (item: NotificationView) => {
    if (item.readAt) return;
    try {
      const r = await notificationsApi.markRead(item.id);
      setItems((prev) => prev.map((m) => (m.id === item.id ? r.item : m)));
      setUnread(r.unreadCount);
      notificationsApi.setUnread(r.unreadCount);
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const openItem = (item: NotificationView) => {
    setOpen((o) => (o === item.id ? null : item.id));
    void markRead(item);
  };

  const readAll = async () => {
    try {
      const r = await notificationsApi.readAll();
      setUnread(r.unreadCount);
      notificationsApi.setUnread(r.unreadCount);
      message.success(r.updated > 0 ? `已将 ${r.updated} 条消息标记为已读` : '没有未读消息');
      await load();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  return (
    <Card
      title={
        <Space>
          消息中心
          {unread > 0 && (
            <Tag color="red" id="unread-count">
              {unread} 条未读
            </Tag>
          )}
        </Space>
      }
      extra={
        <Space>
          <Segmented
            value={onlyUnread ? 'unread' : 'all'}
            onChange={(v) => setOnlyUnread(v === 'unread')}
            options={[
              { value: 'all', label: '全部' },
              { value: 'unread', label: '未读' },
            ]}
          />
          <Button
            icon={<CheckOutlined />}
            onClick={() => void readAll()}
            disabled={unread === 0}
            id="read-all"
          >
            全部已读
          </Button>
        </Space>
      }
      style={{ maxWidth: 960 }}
    >
      <PageTitle title="消息中心" />
      <List
        id="message-list"
        loading={loading && items.length === 0}
        dataSource={items}
        locale={{ emptyText: <Empty description={onlyUnread ? '没有未读消息' : '暂无消息'} /> }}
        renderItem={(item) => {
          const link = safeLink(item.link);
          const isOpen = open === item.id;
          return (
            <List.Item
              className="message-item"
              data-read={item.readAt ? 'true' : 'false'}
              style={{ cursor: 'pointer', alignItems: 'flex-start' }}
              onClick={() => openItem(item)}
              actions={
                link
                  ? [
                      <Button
                        key="go"
                        type="link"
                        onClick={(e) => {
                          e.stopPropagation();
                          void markRead(item);
                          navigate(link);
                        }}
                      >
                        {linkLabel(link)}
                      </Button>,
                    ]
                  : undefined
              }
            >
              <List.Item.Meta
                title={
                  <Space>
                    {!item.readAt && <Tag color="red">未读</Tag>}
                    <span style={{ fontWeight: item.readAt ? 400 : 700 }} className="message-title">
                      {item.title}
                    </span>
                  </Space>
                }
                description={
                  <>
                    <Typography.Paragraph
                      style={{ marginBottom: 4, fontWeight: item.readAt ? 400 : 600, whiteSpace: 'pre-wrap' }}
                      ellipsis={isOpen ? false : { rows: 1 }}
                      className="message-body"
                    >
                      {item.body}
                    </Typography.Paragraph>
                    <Typography.Text type="secondary">{formatShanghai(item.createdAt)}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          );
        }}
      />
      {nextCursor && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button loading={loading} onClick={() => void load(nextCursor)}>
            加载更早的消息
          </Button>
        </div>
      )}
    </Card>
  );
}
