import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { RequireRight } from './RequireRight';
import { renderWithProviders, testMe } from '../test/render';

describe('RequireRight', () => {
  it('shows the friendly 403 page without the right', async () => {
    renderWithProviders(<RequireRight right="audit:read">secret audit page</RequireRight>, { me: { ...testMe, rights: {} } });
    expect(await screen.findByText(/You do not have permission/)).toBeTruthy();
    expect(screen.queryByText('secret audit page')).toBeNull();
  });

  it('renders the page with the right', async () => {
    renderWithProviders(<RequireRight right="audit:read">secret audit page</RequireRight>, { me: { ...testMe, rights: { 'audit:read': 'all' } } });
    expect(await screen.findByText('secret audit page')).toBeTruthy();
  });
});
