// Route table. Every page is lazy-loaded so each route is its own chunk.
// Admin routes are guarded with the same right as their nav entry.
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { AppShell } from './AppShell';
import { RequireAuth } from './RequireAuth';
import { RequireRight } from './RequireRight';
import { navByKey } from './nav';
import { meKey } from './session';
import { setUnauthorizedHandler } from '../api/client';
import { FullPageSpin } from '../components/FullPageSpin';

const SetupPage = lazy(() => import('../pages/SetupPage'));
const LoginPage = lazy(() => import('../pages/LoginPage'));
const ForgotPasswordPage = lazy(() => import('../pages/ForgotPasswordPage'));
const ResetPasswordPage = lazy(() => import('../pages/ResetPasswordPage'));
const HomePage = lazy(() => import('../pages/HomePage'));
const ProfilePage = lazy(() => import('../pages/ProfilePage'));
const TokensPage = lazy(() => import('../pages/TokensPage'));
const UsersPage = lazy(() => import('../pages/admin/UsersPage'));
const TeamsPage = lazy(() => import('../pages/admin/TeamsPage'));
const RolesPage = lazy(() => import('../pages/admin/RolesPage'));
const AuditPage = lazy(() => import('../pages/admin/AuditPage'));
const DictionaryPage = lazy(() => import('../modules/dictionary/DictionaryPage'));
const CustomFieldsPage = lazy(() => import('../modules/customfield/CustomFieldsPage'));
const AccountsPage = lazy(() => import('../modules/customer/AccountsPage'));
const AccountDetailPage = lazy(() => import('../modules/customer/AccountDetailPage'));
const ContactsPage = lazy(() => import('../modules/customer/ContactsPage'));
const ActivitiesPage = lazy(() => import('../modules/activity/ActivitiesPage'));
const DuplicatesPage = lazy(() => import('../modules/dedup/DuplicatesPage'));
const CalendarPage = lazy(() => import('../modules/activity/CalendarPage'));
const KPIPage = lazy(() => import('../modules/activity/KPIPage'));
const ContactDetailPage = lazy(() => import('../modules/customer/ContactDetailPage'));
const NotificationsPage = lazy(() => import('../modules/collab/NotificationsPage'));
const ImportsPage = lazy(() => import('../modules/importer/ImportsPage'));
const ImportWizardPage = lazy(() => import('../modules/importer/ImportWizardPage'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage'));

function guarded(navKey: string, page: ReactNode) {
  return <RequireRight right={navByKey(navKey)?.right}>{page}</RequireRight>;
}

/** On a 401 mid-session, drop "me": RequireAuth then routes to /login. */
function UnauthorizedBridge() {
  const qc = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      if (qc.getQueryData(meKey)) qc.setQueryData(meKey, null);
    });
  }, [qc]);
  return null;
}

export function AppRoutes() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <UnauthorizedBridge />
      <Routes>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/forgot-password" element={<ForgotPasswordPage />} />
        <Route path="/reset-password" element={<ResetPasswordPage />} />
        <Route
          element={
            <RequireAuth>
              <AppShell />
            </RequireAuth>
          }
        >
          <Route index element={<HomePage />} />
          <Route path="profile" element={<ProfilePage />} />
          <Route path="tokens" element={<TokensPage />} />
          <Route path="admin/users" element={guarded('users', <UsersPage />)} />
          <Route path="admin/teams" element={guarded('teams', <TeamsPage />)} />
          <Route path="admin/roles" element={guarded('roles', <RolesPage />)} />
          <Route path="admin/audit" element={guarded('audit', <AuditPage />)} />
          <Route path="admin/dictionary" element={guarded('dictionary', <DictionaryPage />)} />
          <Route path="admin/custom-fields" element={guarded('customFields', <CustomFieldsPage />)} />
          <Route path="accounts" element={guarded('accounts', <AccountsPage />)} />
          <Route path="accounts/:id" element={guarded('accounts', <AccountDetailPage />)} />
          <Route path="contacts" element={guarded('contacts', <ContactsPage />)} />
          <Route path="activities" element={guarded('activities', <ActivitiesPage />)} />
          <Route path="duplicates" element={guarded('duplicates', <DuplicatesPage />)} />
          <Route path="calendar" element={guarded('calendar', <CalendarPage />)} />
          <Route path="activity-kpis" element={guarded('activityKpis', <KPIPage />)} />
          <Route path="contacts/:id" element={guarded('contacts', <ContactDetailPage />)} />
          <Route path="notifications" element={<NotificationsPage />} />
          <Route path="imports" element={guarded('imports', <ImportsPage />)} />
          <Route path="imports/new" element={guarded('imports', <ImportWizardPage />)} />
          <Route path="imports/:id" element={guarded('imports', <ImportWizardPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </Suspense>
  );
}
