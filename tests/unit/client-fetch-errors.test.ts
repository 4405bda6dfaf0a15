import { describe, expect, it } from 'vitest';
import { errorMessage } from '@/lib/client/fetch';

describe('errorMessage', () => {
  it("shows the server's words for a 503, and a plain 'try again' when a proxy sends none", () => {
    const body = { error: { code: 'unavailable' as const, message: "Fixline can't reach its database right now. Try again in a moment." } };
    expect(errorMessage(503, body)).toBe("Fixline can't reach its database right now. Try again in a moment.");
    expect(errorMessage(503, null)).toBe("Fixline can't be reached right now. Try again in a moment.");
    expect(errorMessage(500, null)).toBe('Fixline is having trouble right now. Try again in a moment.');
  });
});
