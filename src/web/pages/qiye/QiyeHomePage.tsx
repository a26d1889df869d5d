import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useSession } from '../../session/context';
import { CurrentDeadlines } from '../../components/Countdown';
import { PageTitle } from '../../components/PageTitle';

export default function QiyeHomePage() {
  const { user } = useSession();
  const navigate = useNavigate();
  const e = user?.enterprise;
  return (
    <>
      <PageTitle title="企业用户中心" />
      <Card
        title={<span id="welcome-title">欢迎，{e?.name ?? user?.displayName}</span>}
        style={{ maxWidth: 880 }}
      >
        {e ? (
          <Descriptions column={{ xs: 1, md: 2 }} bordered size="middle">
            <Descriptions.Item label="企业名称">{e.name}</Descriptions.Item>
            <Descriptions.Item label="统一社会信用代码">{e.uscc}</Descriptions.Item>
            <Descriptions.Item label="联系人">{e.contactName}</Descriptions.Item>
            <Descriptions.Item label="联系手机">{e.contactMobileMasked}</Descriptions.Item>
            <Descriptions.Item label="登录用户名">{user?.username}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Paragraph>未找到本账号关联的企业信息，请联系所在地工信部门。</Typography.Paragraph>
        )}
        <div style={{ marginTop: 16 }}>
          <CurrentDeadlines audience="enterprise" />
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          新申请入库的企业请在“千企升级 →
          入库填报/数据更新”中点击“新增入库”；已在库企业请点击“数据更新”更新年度数据。联系人或联系手机有变化，请在“账号设置”中修改。
        </Typography.Paragraph>
        <Space>
          <Button type="primary" onClick={() => navigate('/qiye/filings')}>
            入库填报/数据更新
          </Button>
          <Button onClick={() => navigate('/qiye/account')}>账号设置</Button>
        </Space>
      </Card>
    </>
  );
}
