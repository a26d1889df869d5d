import { Button, Card, Result } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { isGovRole } from '../../../shared/permissions';
import { useSession } from '../../session/context';
import { GOV_PAGES } from './menu';
import { PageTitle } from '../../components/PageTitle';

/** A government feature of a later release: says so plainly, shows no data. */
export default function GovPlaceholderPage() {
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const segment = location.pathname.replace(/^\/gov\/?/, '').split('/')[0] ?? '';
  const page = GOV_PAGES.find((p) => p.path === segment);
  if (!user || !isGovRole(user.role) || !page) return null;

  if (!page.roles.includes(user.role)) {
    return (
      <Result
        status="403"
        title="无权访问"
        subTitle={`“${page.label}”不属于${user.roleLabel}的职能范围。`}
        extra={
          <Button type="primary" onClick={() => navigate('/gov')}>
            返回工作台
          </Button>
        }
      />
    );
  }

  return (
    <Card title={page.label} style={{ maxWidth: 880 }}>
      <PageTitle title={page.label} />
      <Result
        status="info"
        title={`“${page.label}”功能将在后续版本开放`}
        subTitle={`本页目前没有可用的功能和数据。开放后将提供：${page.upcoming ?? ''}。`}
        extra={<Button onClick={() => navigate('/gov')}>返回工作台</Button>}
      />
    </Card>
  );
}
