import { Alert, Button, Card, Space, Typography } from 'antd';
import { PageTitle } from '../../components/PageTitle';

export default function QiyeFilingsPage() {
  return (
    <>
      <PageTitle title="入库填报/数据更新" />
      <Card title="入库填报/数据更新" style={{ maxWidth: 880 }}>
        <Alert
          role="alert"
          type="info"
          showIcon
          title="填报功能即将开放"
          style={{ marginBottom: 16 }}
          description="入库填报和数据更新将在后续版本开放，届时可在本页新增入库、更新年度数据并查看审核状态。"
        />
        <Space size="middle">
          <Button type="primary" disabled>
            新增入库
          </Button>
          <Button disabled>数据更新</Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          新申请入库的企业点击“新增入库”；往年已入库的企业点击“数据更新”。
        </Typography.Paragraph>
      </Card>
    </>
  );
}
