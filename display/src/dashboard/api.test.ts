import { describe, expect, it } from 'vitest';
import { failureText, HttpRefusal } from './api.ts';

describe('failureText: what a failed call says on the dashboard', () => {
  const refused = new HttpRefusal(403, 'forbidden', 'Anda tidak berwenang melakukan ini.', {
    error: { code: 'forbidden' },
  });

  it("a server refusal in the officer's language (the server wrote Indonesian)", () => {
    expect(failureText(refused, 'id')).toBe('Anda tidak berwenang melakukan ini.');
    expect(failureText(refused, 'en')).toBe('You are not allowed to do this.');
  });

  it('any other failure by its message, and a thrown non-error as text', () => {
    expect(failureText(new Error('Failed to fetch'), 'id')).toBe('Failed to fetch');
    expect(failureText('offline', 'en')).toBe('offline');
  });
});
