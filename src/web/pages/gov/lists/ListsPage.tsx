import { Alert, App, Button, Card, Empty, Form, Input, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { GovRole } from '../../../../shared/permissions';
import type { ListDetail } from '../../../../shared/schemas/lists-api';
import { errorMessage } from '../../../api/client';
import { listsApi } from '../../../api/lists';
import { PageLoading } from '../../../components/PageLoading';
import { PageTitle } from '../../../components/PageTitle';
import { useSubmit } from '../../../forms/useSubmit';
import { GovPage } from '../GovAccess';
import { useCampaignChoice } from './campaign';
import { ListDetailView } from './ListDetailView';

/** /gov/lists — 推荐名单: the city's list for the chosen campaign (create, adjust, 公示, 异议, 公告). */
export default function ListsPage() {
  return <GovPage path="lists">{(role) => <CityLists role={role} />}</GovPage>;
}

function CityLists({ role }: { role: GovRole }) {
  const { campaignId, select } = useCampaignChoice(role);
  const [list, setList] = useState<ListDetail | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (cid: string) => {
    setError(null);
    try {
      const summaries = await listsApi.list(cid);
      const own = summaries.find((s) => s.campaignId === cid) ?? summaries[0];
      setList(own ? await listsApi.detail(own.id) : null);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    if (!campaignId) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setList(undefined);
    void load(campaignId);
  }, [campaignId, load]);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <PageTitle title="推荐名单" />
      <Card>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Title level={1} style={{ fontSize: 20, margin: 0 }}>
            创新型中小企业推荐名单
          </Typography.Title>
          {select}
        </Space>
      </Card>
      {error && <Alert type="error" showIcon role="alert" title={error} />}
      {campaignId && list === undefined && !error && <PageLoading />}
      {campaignId &&
        list === null &&
        (role === 'city_reviewer' ? (
          <CreateList campaignId={campaignId} onCreated={setList} />
        ) : (
          <Card>
            <Empty description="本批次尚未生成名单" />
          </Card>
        ))}
      {list && <ListDetailView list={list} onChange={setList} />}
    </Space>
  );
}

function CreateList({ campaignId, onCreated }: { campaignId: string; onCreated: (l: ListDetail) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ title?: string; issuingDepartment?: string }>();
  const create = useSubmit(
    async (v: { title?: string; issuingDepartment?: string }) => {
      onCreated(
        await listsApi.create({
          campaignId,
          ...(v.title?.trim() ? { title: v.title.trim() } : {}),
          ...(v.issuingDepartment?.trim() ? { issuingDepartment: v.issuingDepartment.trim() } : {}),
        }),
      );
      message.success('名单已创建');
    },
    { form, report: 'message' },
  );
  return (
    <Card title="创建名单">
      <Typography.Paragraph type="secondary">
        名单将预先列入本市所有评价符合条件的企业，可在发布公示前调整。标题和发布单位可留空，使用默认值。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 560 }}
        id="create-list-form"
        onFinish={create.submit}
      >
        <Form.Item name="title" label="名单标题（选填）">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="issuingDepartment" label="发布单位（选填）">
          <Input maxLength={60} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={create.busy} id="create-list">
          创建名单
        </Button>
      </Form>
    </Card>
  );
}
