import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { RecordForm } from './RecordForm';
import { toApiError } from '../../api/problem';
import { renderWithProviders } from '../../test/render';
import { userMeta } from '../../test/userMeta';

describe('RecordForm', () => {
  it('builds form items from metadata with required marks', async () => {
    renderWithProviders(<RecordForm entity="user" meta={userMeta} onSubmit={vi.fn()} />);
    const name = await screen.findByLabelText('Name');
    expect(name.tagName).toBe('INPUT');
    expect(screen.getByLabelText('Email').getAttribute('type')).toBe('email');
    expect(screen.getByRole('combobox', { name: 'Language' })).toBeTruthy();
    expect(screen.getByRole('switch')).toBeTruthy();
    // sensitive and read-only fields are not editable by default
    expect(screen.queryByLabelText('Phone')).toBeNull();
    expect(screen.queryByLabelText('Created')).toBeNull();
    const required = document.querySelectorAll('.ant-form-item-required');
    expect([...required].map((l) => l.textContent)).toEqual(['Name', 'Email']);
  });

  it('shows a server field error under the matching field', async () => {
    const onSubmit = vi.fn().mockRejectedValue(
      toApiError(422, {
        title: 'Unprocessable Entity',
        status: 422,
        detail: 'validation failed',
        errors: [{ location: 'body.email', message: 'This email is already in use', value: 'ada@example.com' }],
      }),
    );
    renderWithProviders(
      <RecordForm entity="user" meta={userMeta} record={{ name: 'Ada', email: 'ada@example.com' }} onSubmit={onSubmit} />,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ name: 'Ada', email: 'ada@example.com' })));

    const message = await screen.findByText('This email is already in use');
    const item = message.closest('.ant-form-item');
    expect(item?.querySelector('label')?.textContent).toBe('Email');
    expect(item?.classList.contains('ant-form-item-has-error')).toBe(true);
    // the Name field has no error
    const nameItem = screen.getByLabelText('Name').closest('.ant-form-item');
    expect(nameItem?.classList.contains('ant-form-item-has-error')).toBe(false);
  });

  it('does not submit while required fields are empty', async () => {
    const onSubmit = vi.fn();
    renderWithProviders(<RecordForm entity="user" meta={userMeta} onSubmit={onSubmit} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Name is required')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
