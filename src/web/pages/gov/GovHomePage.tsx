import { Button, Card, Descriptions, Space } from 'antd';
import { useNavigate } from 'react-router';
import { isGovRole } from '../../../shared/permissions';
import { useSession } from '../../session/context';
import { govHref, govPagesFor } from './menu';
import { CurrentDeadlines } from '../../components/Countdown';
import { PageTitle } from '../../components/PageTitle';

/** 工作台: who the user acts as, and where the role's work will be. */
export default function GovHomePage() {
  const { user } = useSession();
  const navigate = useNavigate();
  if (!user || !isGovRole(user.role)) return null;
  const pages = govPagesFor(user.role).filter((p) => p.path !== '');
  return (
    <>
      <PageTitle title="工作台" />
      <Card title="工作台" style={{ maxWidth: 880 }}>
        <Descriptions column={1} bordered size="middle">
          <Descriptions.Item label="用户">{user.displayName}</Descriptions.Item>
          <Descriptions.Item label="角色">
            <span id="role-label">{user.roleLabel}</span>
          </Descriptions.Item>
          <Descriptions.Item label="所属地区">
            <span id="region-name">{user.regionName ?? '—'}</span>
          </Descriptions.Item>
          <Descriptions.Item label="登录用户名">{user.username}</Descriptions.Item>
        </Descriptions>
        <div style={{ marginTop: 16 }}>
          <CurrentDeadlines
            audience={
              user.role === 'county_reviewer' ? 'county' : user.role === 'city_reviewer' ? 'city' : 'all'
            }
          />
        </div>
        <Space wrap>
          {pages.map((p) => (
            <Button key={p.path} onClick={() => navigate(govHref(p))}>
              {p.label}
            </Button>
          ))}
          <Button onClick={() => navigate('/gov/account')}>账号设置</Button>
        </Space>
      </Card>
    </>
  );
}
