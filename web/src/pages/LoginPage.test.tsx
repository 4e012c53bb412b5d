import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import LoginPage from './LoginPage';
import { jsonResponse, renderWithProviders, testMe } from '../test/render';

type Handler = (req: Request) => Response | Promise<Response>;

function mockFetch(handlers: Record<string, Handler>) {
  const calls: Request[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init);
    calls.push(req);
    const key = `${req.method} ${new URL(req.url).pathname}`;
    const handler = handlers[key];
    if (!handler) throw new Error(`unexpected request ${key}`);
    return handler(req);
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

function renderLogin() {
  return renderWithProviders(
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/" element={<div>home page</div>} />
    </Routes>,
    { route: '/login', me: null },
  );
}

function fillAndSubmit(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

afterEach(() => vi.unstubAllGlobals());

describe('LoginPage', () => {
  it('submits the credentials and shows the server error on 401', async () => {
    const calls = mockFetch({
      'GET /api/v1/setup': () => jsonResponse(200, { needed: false }),
      'POST /api/v1/auth/login': () =>
        jsonResponse(401, { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Wrong email or password (server)' }, 'application/problem+json'),
    });
    renderLogin();
    fillAndSubmit('ada@example.com', 'wrong-password');

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Wrong email or password (server)');
    expect(screen.queryByText('home page')).toBeNull();

    const login = calls.find((c) => c.url.endsWith('/api/v1/auth/login'))!;
    expect(await login.clone().json()).toEqual({ email: 'ada@example.com', password: 'wrong-password' });
    expect(login.headers.get('Accept-Language')).toBe('en');
    expect(login.credentials).toBe('same-origin');
  });

  it('uses its own message when a 401 has no detail', async () => {
    mockFetch({
      'GET /api/v1/setup': () => jsonResponse(200, { needed: false }),
      'POST /api/v1/auth/login': () => jsonResponse(401, { title: 'Unauthorized', status: 401 }, 'application/problem+json'),
    });
    renderLogin();
    fillAndSubmit('ada@example.com', 'nope');
    expect((await screen.findByRole('alert')).textContent).toContain('Wrong email or password.');
  });

  it('goes home after a successful login', async () => {
    mockFetch({
      'GET /api/v1/setup': () => jsonResponse(200, { needed: false }),
      'POST /api/v1/auth/login': () => jsonResponse(200, testMe),
    });
    const { queryClient } = renderLogin();
    fillAndSubmit('ada@example.com', 'correct-horse');
    expect(await screen.findByText('home page')).toBeTruthy();
    expect(queryClient.getQueryData(['me'])).toEqual(testMe);
  });

  it('validates required fields before calling the API', async () => {
    const calls = mockFetch({ 'GET /api/v1/setup': () => jsonResponse(200, { needed: false }) });
    renderLogin();
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('Enter your email')).toBeTruthy();
    await waitFor(() => expect(calls.some((c) => c.url.endsWith('/auth/login'))).toBe(false));
  });
});
