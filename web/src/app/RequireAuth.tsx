// Gate for the logged-in part of the app: loads "me", sends anonymous users
// to /setup (first run) or /login, and applies the user's saved language.
import { useEffect, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MeContext, useMeQuery, useSetupStatus } from './session';
import { FullPageSpin } from '../components/FullPageSpin';
import { QueryErrorView } from '../components/QueryErrorView';
import { rememberLanguage } from '../i18n/language';

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMeQuery();
  const { i18n } = useTranslation();
  const locale = me.data?.locale;

  useEffect(() => {
    if (locale && i18n.language !== locale) {
      void i18n.changeLanguage(locale);
      rememberLanguage(locale);
    }
  }, [locale, i18n]);

  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <QueryErrorView error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Anonymous />;
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}

function Anonymous() {
  const setup = useSetupStatus();
  const location = useLocation();
  if (setup.isPending) return <FullPageSpin />;
  if (setup.data?.needed) return <Navigate to="/setup" replace />;
  const next = location.pathname + location.search;
  const to = next && next !== '/' ? `/login?next=${encodeURIComponent(next)}` : '/login';
  return <Navigate to={to} replace />;
}
