import { lazy, Suspense } from 'react';
import { PageLoading } from '../../components/PageLoading';
import { PageTitle } from '../../components/PageTitle';

// Loaded only when an account must change its password, so the password form (and Zod) stays out of every
// console page's first load.
const ChangePasswordCard = lazy(() =>
  import('./ChangePasswordCard').then((m) => ({ default: m.ChangePasswordCard })),
);

/**
 * An account an administrator created or reset, or whose password expired, must choose a new password before
 * anything else (the server refuses every other request with PASSWORD_CHANGE_REQUIRED or PASSWORD_EXPIRED).
 * Once changed, the session no longer carries the flag and the layout shows the page that was asked for.
 */
export function MustChangePassword({ expired = false }: { expired?: boolean }) {
  return (
    <div style={{ maxWidth: 880 }}>
      <PageTitle title="请先修改密码" />
      <Suspense fallback={<PageLoading />}>
        <ChangePasswordCard required expired={expired} />
      </Suspense>
    </div>
  );
}
