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
const LadderPage = lazy(() => import('./pages/qiye/LadderPage'));
const FilingEditorPage = lazy(() => import('./pages/qiye/filing/FilingEditorPage'));
const VerifyPage = lazy(() => import('./pages/VerifyPage'));
const GovLayout = lazy(() => import('./pages/gov/GovLayout'));
const GovHomePage = lazy(() => import('./pages/gov/GovHomePage'));
const GovPlaceholderPage = lazy(() => import('./pages/gov/GovPlaceholderPage'));
const GovAccountPage = lazy(() => import('./pages/gov/GovAccountPage'));
const ReviewQueuePage = lazy(() => import('./pages/gov/reviews/ReviewQueuePage'));
const ReviewDetailPage = lazy(() => import('./pages/gov/reviews/ReviewDetailPage'));
const TransferredOutPage = lazy(() => import('./pages/gov/reviews/TransferredOutPage'));
const BatchesPage = lazy(() => import('./pages/gov/batches/BatchesPage'));
const UsersPage = lazy(() => import('./pages/gov/admin/UsersPage'));
const AuditPage = lazy(() => import('./pages/gov/admin/AuditPage'));
const ReviewUnitsPage = lazy(() => import('./pages/gov/admin/ReviewUnitsPage'));
const SmsPage = lazy(() => import('./pages/gov/admin/SmsPage'));
const MessagesPage = lazy(() => import('./pages/messages/MessagesPage'));
const PublicLayout = lazy(() => import('./pages/public/PublicLayout'));
const PublicListsPage = lazy(() => import('./pages/public/PublicListsPage'));
const PublicListDetailPage = lazy(() => import('./pages/public/PublicListDetailPage'));
const PublicRegistryPage = lazy(() => import('./pages/public/PublicRegistryPage'));
const EvaluationListPage = lazy(() => import('./pages/gov/evaluation/EvaluationListPage'));
const EvaluationDetailPage = lazy(() => import('./pages/gov/evaluation/EvaluationDetailPage'));
const ListsPage = lazy(() => import('./pages/gov/lists/ListsPage'));
const ProvinceListsPage = lazy(() => import('./pages/gov/province/ProvinceListsPage'));
const ExchangePage = lazy(() => import('./pages/gov/exchange/ExchangePage'));
const QualityScoresPage = lazy(() => import('./pages/gov/quality/QualityScoresPage'));
const RecordPage = lazy(() => import('./pages/qiye/record/RecordPage'));
const ClearancesPage = lazy(() => import('./pages/qiye/clearances/ClearancesPage'));
const CyclePage = lazy(() => import('./pages/gov/cycle/CyclePage'));
const StatsPage = lazy(() => import('./pages/gov/stats/StatsPage'));
const ProvinceSettingsPage = lazy(() => import('./pages/gov/settings/ProvinceSettingsPage'));
const StandardsPage = lazy(() => import('./pages/gov/standards/StandardsPage'));
const ObjectionStatusPage = lazy(() => import('./pages/public/ObjectionStatusPage'));

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

// Each page checks the role itself (403 for other government roles); menu entries without a page of their own
// yet show GovPlaceholderPage.
const GOV_PAGE_COMPONENTS: Record<string, LazyExoticComponent<ComponentType>> = {
  reviews: ReviewQueuePage,
  batches: BatchesPage,
  users: UsersPage,
  audit: AuditPage,
  units: ReviewUnitsPage,
  sms: SmsPage,
  messages: MessagesPage,
  evaluation: EvaluationListPage,
  lists: ListsPage,
  'province/lists': ProvinceListsPage,
  exchange: ExchangePage,
  quality: QualityScoresPage,
  cycle: CyclePage,
  stats: StatsPage,
  settings: ProvinceSettingsPage,
  standards: StandardsPage,
};
const govChildren: RouteObject[] = [
  ...GOV_PAGES.filter((p) => p.path !== '').map((p) => ({
    path: p.path,
    element: page(GOV_PAGE_COMPONENTS[p.path] ?? GovPlaceholderPage),
  })),
  { path: 'reviews/transferred', element: page(TransferredOutPage) },
  { path: 'reviews/transferred/:id', element: page(TransferredOutPage) },
  { path: 'reviews/:id', element: page(ReviewDetailPage) },
  { path: 'evaluation/:id', element: page(EvaluationDetailPage) },
];

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
        path: 'public',
        element: page(PublicLayout),
        children: [
          { index: true, element: <Navigate to="/public/lists" replace /> },
          { path: 'lists', element: page(PublicListsPage) },
          { path: 'lists/:id', element: page(PublicListDetailPage) },
          { path: 'registry', element: page(PublicRegistryPage) },
          { path: 'objection-status', element: page(ObjectionStatusPage) },
        ],
      },
      { path: 'verify', element: page(VerifyPage) },
      { path: 'verify/:code', element: page(VerifyPage) },
      {
        path: 'qiye',
        element: <RequireRole allow={isEnterprise}>{page(QiyeLayout)}</RequireRole>,
        children: [
          { index: true, element: page(QiyeHomePage) },
          { path: 'filings', element: page(QiyeFilingsPage) },
          { path: 'filings/:id', element: page(FilingEditorPage) },
          { path: 'account', element: page(QiyeAccountPage) },
          { path: 'record', element: page(RecordPage) },
          { path: 'clearances', element: page(ClearancesPage) },
          { path: 'ladder', element: page(LadderPage) },
          { path: 'messages', element: page(MessagesPage) },
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
