import { Button, Result } from 'antd';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { LargeTextProvider } from './a11y/LargeTextProvider';
import { SkipLink } from './a11y/SkipLink';
import { useAntdA11yFixes } from './a11y/useAntdA11yFixes';
import { DemoBanner } from './components/DemoBanner';
import { PageLoading } from './components/PageLoading';
import { useSession } from './session/context';
import { SessionProvider } from './session/SessionProvider';

function SessionGate() {
  useAntdA11yFixes();
  const { status, errorMessage, refresh } = useSession();
  if (status === 'loading') return <PageLoading tip="正在连接平台…" />;
  if (status === 'error') {
    return (
      <Result
        status="warning"
        title="暂时无法连接平台"
        subTitle={errorMessage ?? '请检查网络后重试。'}
        extra={
          <Button type="primary" onClick={() => void refresh()}>
            重试
          </Button>
        }
      />
    );
  }
  return (
    <LargeTextProvider>
      <SkipLink />
      <DemoBanner />
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
    </LargeTextProvider>
  );
}

/** The root route: the session, the demo banner, then the page. */
export function Root() {
  return (
    <SessionProvider>
      <SessionGate />
    </SessionProvider>
  );
}
