import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { useSession } from '../session/context';
import { homeFor } from '../session/paths';
import { PageTitle } from '../components/PageTitle';

export default function NotFoundPage() {
  const { user } = useSession();
  const navigate = useNavigate();
  return (
    <>
      <PageTitle title="页面不存在" />
      <Result
        status="404"
        title="页面不存在"
        subTitle="您访问的页面不存在或已被移除，请检查地址是否正确。"
        extra={
          <Button type="primary" onClick={() => navigate(user ? homeFor(user.role) : '/login')}>
            {user ? '返回首页' : '前往登录'}
          </Button>
        }
      />
    </>
  );
}
