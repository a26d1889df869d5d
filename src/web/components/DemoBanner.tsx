import { Alert } from 'antd';
import { Link } from 'react-router';
import { useSession } from '../session/context';

/** Shown at the top of every page when the server says this is a demo environment. */
export function DemoBanner() {
  const { demo, mode } = useSession();
  if (!demo) return null;
  return (
    <Alert
      banner
      type="warning"
      role="alert"
      data-testid="demo-banner"
      title={
        <span>
          演示环境：数据为虚构，请勿录入真实信息
          {mode !== 'production' && (
            <>
              {'　'}
              <Link to="/dev/sms">查看短信发件箱（开发用）</Link>
            </>
          )}
        </span>
      }
    />
  );
}
