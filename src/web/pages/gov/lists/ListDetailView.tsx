import { Alert, App, Button, Card, Descriptions, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { ListDetail, ListEntryView, ObjectionView } from '../../../../shared/schemas/lists-api';
import { errorMessage } from '../../../api/client';
import { listsApi } from '../../../api/lists';
import { formatShanghai } from '../../../components/Countdown';
import { RevealMobile } from '../../../components/RevealMobile';
import { ymdText } from '../../public/format';
import { AddEntry } from './detail/AddEntry';
import { AnnounceModal } from './detail/AnnounceModal';
import { ExcludeModal } from './detail/ExcludeModal';
import { PublishModal } from './detail/PublishModal';
import { ResolveModal } from './detail/ResolveModal';

const STATUS_COLORS = { draft: 'default', publicity: 'orange', announced: 'green' } as const;
const ENTRY_COLORS = { included: 'green', excluded: 'default', removed: 'red' } as const;
const OBJ_COLORS = { open: 'orange', upheld: 'red', rejected: 'blue' } as const;

/** One city list: entries, 公示, objections, 公告 — buttons by `allowed` from the server. */
export function ListDetailView({ list, onChange }: { list: ListDetail; onChange: (l: ListDetail) => void }) {
  const { message } = App.useApp();
  const [objections, setObjections] = useState<ObjectionView[] | null>(null);
  const [excluding, setExcluding] = useState<ListEntryView | null>(null);
  const [resolving, setResolving] = useState<ObjectionView | null>(null);
  const [publishing, setPublishing] = useState(false);
  const [announcing, setAnnouncing] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const loadObjections = useCallback(() => {
    if (list.status === 'draft') return;
    listsApi.objections(list.id).then(setObjections, (err: unknown) => message.error(errorMessage(err)));
  }, [list.id, list.status, message]);
  useEffect(() => {
    loadObjections();
  }, [loadObjections, list.updatedAt]);

  async function include(entry: ListEntryView) {
    setBusy(entry.id);
    try {
      onChange(await listsApi.entryAction(list.id, entry.id, { action: 'include' }));
      message.success(`已将“${entry.enterpriseName}”列入名单`);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const c = list.counts;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={list.title}
        extra={
          <Space wrap>
            {list.allowed.publishPublicity && (
              <Button type="primary" id="publish-publicity" onClick={() => setPublishing(true)}>
                发布公示
              </Button>
            )}
            {list.status !== 'announced' && list.status !== 'draft' && (
              <Tooltip title={list.announceBlockedReason ?? undefined}>
                <Button
                  type="primary"
                  id="announce"
                  disabled={!list.allowed.announce}
                  onClick={() => setAnnouncing(true)}
                >
                  公告
                </Button>
              </Tooltip>
            )}
            {list.status !== 'draft' && (
              <Link to={`/public/lists/${list.id}`} target="_blank">
                查看公开页面
              </Link>
            )}
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label="发布单位">{list.issuingDepartment}</Descriptions.Item>
          <Descriptions.Item label="状态">
            <Tag color={STATUS_COLORS[list.status]} id="list-status">
              {list.statusLabel}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label="公示期">
            {list.publicityStart
              ? `${ymdText(list.publicityStart)} 至 ${ymdText(list.publicityEnd)}`
              : '未发布'}
          </Descriptions.Item>
          <Descriptions.Item label="名单">
            列入 {c.included} 家 · 未列入 {c.excluded} 家 · 异议移出 {c.removed} 家
          </Descriptions.Item>
          <Descriptions.Item label="异议">
            共 {c.objections} 件 · 待处理 {c.openObjections} 件 · 成立 {c.upheld} · 不成立 {c.rejected}
          </Descriptions.Item>
          {list.documentNo && (
            <Descriptions.Item label="公告">
              {list.documentNo}（{ymdText(list.announcedAt)}）
            </Descriptions.Item>
          )}
          {list.objectionContact && (
            <Descriptions.Item label="异议受理方式" span={3}>
              {list.objectionContact}
            </Descriptions.Item>
          )}
        </Descriptions>
        {list.announceBlockedReason && list.status === 'publicity' && (
          <Alert type="info" showIcon title={list.announceBlockedReason} style={{ marginTop: 12 }} />
        )}
      </Card>

      <Card
        title="名单企业"
        extra={list.allowed.editEntries ? <AddEntry list={list} onChange={onChange} /> : null}
      >
        <Table
          id="list-entries"
          rowKey="id"
          size="small"
          dataSource={list.entries}
          pagination={list.entries.length > 50 ? { pageSize: 50 } : false}
          scroll={{ x: 1000 }}
          columns={[
            { title: '企业名称', dataIndex: 'enterpriseName' },
            { title: '统一社会信用代码', dataIndex: 'uscc' },
            { title: '县（市、区）', dataIndex: 'countyName' },
            {
              title: '评价得分',
              dataIndex: 'scoreTotal',
              render: (v: number | null, r) =>
                r.evaluationId ? (
                  <Link to={`/gov/evaluation/${r.evaluationId}`}>{v ?? '—'}</Link>
                ) : (
                  (v ?? '—')
                ),
            },
            {
              title: '状态',
              key: 'state',
              render: (_v, r) => (
                <Space orientation="vertical" size={0}>
                  <Tag color={ENTRY_COLORS[r.state]}>{r.stateLabel}</Tag>
                  {r.reason && <Typography.Text type="secondary">{r.reason}</Typography.Text>}
                  {r.openObjections > 0 && <Tag color="orange">待处理异议 {r.openObjections}</Tag>}
                </Space>
              ),
            },
            ...(list.allowed.editEntries
              ? [
                  {
                    title: '操作',
                    key: 'op',
                    width: 110,
                    render: (_v: unknown, r: ListEntryView) =>
                      r.state === 'included' ? (
                        <Button size="small" danger onClick={() => setExcluding(r)}>
                          不列入
                        </Button>
                      ) : r.state === 'excluded' ? (
                        <Button size="small" loading={busy === r.id} onClick={() => include(r)}>
                          重新列入
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>

      {list.status !== 'draft' && (
        <Card title="异议处理">
          <Table
            id="objections"
            rowKey="id"
            size="small"
            loading={objections === null}
            dataSource={objections ?? []}
            pagination={false}
            scroll={{ x: 1100 }}
            expandable={{
              expandedRowRender: (o) => (
                <div>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                    异议理由：{o.reason}
                  </Typography.Paragraph>
                  {o.files.length > 0 && <div>附件：{o.files.map((f) => f.name).join('、')}</div>}
                  {o.outcome && <div>处理意见：{o.outcome}</div>}
                </div>
              ),
            }}
            columns={[
              { title: '受理编号', dataIndex: 'trackingNo' },
              { title: '异议企业', dataIndex: 'enterpriseName' },
              {
                title: '异议人',
                key: 'contact',
                render: (_v, o) => (
                  <>
                    {o.contactName}{' '}
                    <RevealMobile
                      masked={o.contactPhone}
                      target={{ targetType: 'objection', targetId: o.id, field: 'contactPhone' }}
                    />
                    {o.contactEmail ? ` ${o.contactEmail}` : ''}
                  </>
                ),
              },
              {
                title: '理由',
                dataIndex: 'reason',
                ellipsis: true,
              },
              { title: '提交时间', dataIndex: 'createdAt', render: (v: string) => formatShanghai(v) },
              {
                title: '状态',
                key: 'status',
                render: (_v, o) => <Tag color={OBJ_COLORS[o.status]}>{o.statusLabel}</Tag>,
              },
              {
                title: '操作',
                key: 'op',
                render: (_v, o) =>
                  o.status === 'open' && list.allowed.resolveObjections ? (
                    <Button size="small" type="primary" onClick={() => setResolving(o)}>
                      处理
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
      )}

      <ExcludeModal
        list={list}
        entry={excluding}
        onClose={() => setExcluding(null)}
        onDone={(l) => {
          setExcluding(null);
          onChange(l);
        }}
      />
      <ResolveModal
        list={list}
        objection={resolving}
        onClose={() => setResolving(null)}
        onDone={async () => {
          setResolving(null);
          onChange(await listsApi.detail(list.id));
        }}
      />
      <PublishModal
        list={list}
        open={publishing}
        onClose={() => setPublishing(false)}
        onDone={(l) => {
          setPublishing(false);
          onChange(l);
        }}
      />
      <AnnounceModal
        list={list}
        open={announcing}
        onClose={() => setAnnouncing(false)}
        onDone={(l) => {
          setAnnouncing(false);
          onChange(l);
        }}
      />
    </Space>
  );
}
