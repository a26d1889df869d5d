import { Alert, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { PublicListSummary } from '../../../shared/schemas/lists-api';
import { errorMessage } from '../../api/client';
import { listsApi } from '../../api/lists';
import { PageLoading } from '../../components/PageLoading';
import { PageTitle } from '../../components/PageTitle';
import { ymdText } from './format';

/** /public/lists — lists in publicity or announced, newest first. No login. */
export default function PublicListsPage() {
  const [lists, setLists] = useState<PublicListSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    listsApi.publicLists().then(
      (r) => live && setLists(r),
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <Card title={<h1 style={{ margin: 0, fontSize: 20 }}>创新型中小企业名单公示与公告</h1>}>
      <PageTitle title="公示名单" />
      <Typography.Paragraph type="secondary">
        各设区市工业和信息化主管部门对拟认定的创新型中小企业名单进行公示，公示期内任何单位和个人均可对名单中的企业提出异议；公示期满后发布认定公告。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      {!lists && !error && <PageLoading />}
      {lists && lists.length === 0 && <Empty description="目前没有公示中或已公告的名单" />}
      {lists && lists.length > 0 && (
        <List
          id="public-lists"
          dataSource={lists}
          renderItem={(l) => (
            <List.Item
              key={l.id}
              extra={<Tag color={l.status === 'publicity' ? 'orange' : 'green'}>{l.statusLabel}</Tag>}
            >
              <List.Item.Meta
                title={<Link to={`/public/lists/${l.id}`}>{l.title}</Link>}
                description={
                  <Space wrap size={[16, 4]}>
                    <span>发布单位：{l.issuingDepartment}</span>
                    {l.status === 'publicity' ? (
                      <span>
                        公示期：{ymdText(l.publicityStart)} 至 {ymdText(l.publicityEnd)}
                      </span>
                    ) : (
                      <span>
                        公告：{l.documentNo ?? ''}（{ymdText(l.announcedAt)}）
                      </span>
                    )}
                    <span>企业 {l.entryCount} 家</span>
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
