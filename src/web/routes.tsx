import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { PageLoading } from './components/PageLoading';
import { GOV_PAGES } from './pages/gov/menu';
import { Root } from './Root';
import { useSession } from './session/context';
import { isEnterprise, isGovernment, RequireRole } from './session/guards';
import { homeFor } from './session/paths';

// Route-level code splitting: every page is its own chunk, so /login loads only what it needs.
const LoginPage = lazy(() => import('./pages/LoginPage'));
const RegisterPage = lazy(() => import('./pages/RegisterPage'));
const ForgotUsernamePage = lazy(() => import('./pages/ForgotUsernamePage'));
const ResetPasswordPage = lazy(() => import('./pages/ResetPasswordPage'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
const DevSmsPage = lazy(() => import('./pages/DevSmsPage'));
const QiyeLayout = lazy(() => import('./pages/qiye/QiyeLayout'));
const QiyeHomePage = lazy(() => import('./pages/qiye/QiyeHomePage'));
const QiyeFilingsPage = lazy(() => import('./pages/qiye/QiyeFilingsPage'));
const QiyeAccountPage = lazy(() => import('./pages/qiye/QiyeAccountPage'));
const GovLayout = lazy(() => import('./pages/gov/GovLayout'));
const GovHomePage = lazy(() => import('./pages/gov/GovHomePage'));
const GovPlaceholderPage = lazy(() => import('./pages/gov/GovPlaceholderPage'));
const GovAccountPage = lazy(() => import('./pages/gov/GovAccountPage'));

function page(Component: LazyExoticComponent<ComponentType>) {
  return (
    <Suspense fallback={<PageLoading />}>
      <Component />
    </Suspense>
  );
}

/** "/": the signed-in user's home, else the login page. */
function HomeRedirect() {
  const { user } = useSession();
  return <Navigate to={user ? homeFor(user.role) : '/login'} replace />;
}

/** The SMS outbox page exists in development and test mode only (the server has no outbox in production). */
function DevOnly() {
  const { mode } = useSession();
  return mode === 'production' ? page(NotFoundPage) : page(DevSmsPage);
}

// Each page checks the role itself (GovPlaceholderPage shows 403 to other government roles).
const govChildren: RouteObject[] = GOV_PAGES.filter((p) => p.path !== '').map((p) => ({
  path: p.path,
  element: page(GovPlaceholderPage),
}));

export const routes: RouteObject[] = [
  {
    element: <Root />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'login', element: page(LoginPage) },
      { path: 'register', element: page(RegisterPage) },
      { path: 'forgot-username', element: page(ForgotUsernamePage) },
      { path: 'reset-password', element: page(ResetPasswordPage) },
      { path: 'dev/sms', element: <DevOnly /> },
      {
        path: 'qiye',
        element: <RequireRole allow={isEnterprise}>{page(QiyeLayout)}</RequireRole>,
        children: [
          { index: true, element: page(QiyeHomePage) },
          { path: 'filings', element: page(QiyeFilingsPage) },
          { path: 'account', element: page(QiyeAccountPage) },
          { path: '*', element: page(NotFoundPage) },
        ],
      },
      {
        path: 'gov',
        element: <RequireRole allow={isGovernment}>{page(GovLayout)}</RequireRole>,
        children: [
          { index: true, element: page(GovHomePage) },
          ...govChildren,
          { path: 'account', element: page(GovAccountPage) },
          { path: '*', element: page(NotFoundPage) },
        ],
      },
      { path: '*', element: page(NotFoundPage) },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
