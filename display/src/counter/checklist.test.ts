import { describe, expect, it } from 'vitest';
import { testConfig } from '../state/fixtures.ts';
import { checklistFor } from '@giliran/shared';

// The rule lives in shared/ (used by the server for kiosk and ticket too); checked here against the
// display's test configuration, which has a service without a list.
describe('checklistFor', () => {
  it("uses the booking's application type", () => {
    expect(checklistFor(testConfig, { applicationType: 'baru', serviceId: 'mpaspor' })).toBe(
      testConfig.checklists.baru,
    );
    expect(checklistFor(testConfig, { applicationType: 'anak', serviceId: 'mpaspor' })[0]?.id).toBe(
      'Akta kelahiran',
    );
  });

  it("uses the service's list for a walk-in", () => {
    expect(checklistFor(testConfig, { applicationType: null, serviceId: 'informasi' })).toEqual([
      { id: 'e-KTP asli', en: 'e-KTP asli' },
    ]);
  });

  it('is empty for a service without a list or an unknown service', () => {
    expect(checklistFor(testConfig, { applicationType: null, serviceId: 'mpaspor' })).toEqual([]);
    expect(checklistFor(testConfig, { applicationType: null, serviceId: 'nope' })).toEqual([]);
  });
});
