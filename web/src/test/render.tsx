// Renders a component inside the app's providers and a memory router.
import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { Providers } from '../app/Providers';
import { MeContext } from '../app/session';
import type { Me } from '../api/types';

export const testMe: Me = {
  id: 1,
  email: 'admin@example.com',
  name: 'Ada Admin',
  locale: 'en',
  timeZone: 'Asia/Shanghai',
  notifyEmail: true,
  roles: [{ id: 1, key: 'admin', name: 'Administrator' }],
  rights: { 'user:read': 'all' },
};

export function renderWithProviders(ui: ReactElement, opts: { route?: string; me?: Me | null } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const me = opts.me === undefined ? testMe : opts.me;
  return {
    queryClient,
    ...render(
      <Providers queryClient={queryClient}>
        <MemoryRouter initialEntries={[opts.route ?? '/']}>
          <MeContext.Provider value={me}>{ui}</MeContext.Provider>
        </MemoryRouter>
      </Providers>,
    ),
  };
}

/** A JSON Response like the server sends. */
export function jsonResponse(status: number, body: unknown, contentType = 'application/json') {
  return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'Content-Type': contentType } });
}
