import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssues, officeConfigSchema } from '@giliran/shared';

const denpasar = JSON.parse(
  readFileSync(new URL('../config/denpasar.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

describe('office configuration', () => {
  it('accepts the shipped Denpasar defaults', () => {
    const parsed = officeConfigSchema.parse(denpasar);
    expect(parsed.office).toMatchObject({ code: 'DPS', timeZone: 'Asia/Makassar' });
    expect(parsed.services.map((s) => s.letter)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
  });

  it('names the bad field', () => {
    const bad = structuredClone(denpasar) as {
      services: { route: string[] }[];
      office: { timeZone: string };
    };
    (bad.services[2] as { route: string[] }).route[0] = 'fotto';
    bad.office.timeZone = 'Mars/Olympus';
    const result = officeConfigSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const lines = formatIssues(result.error?.issues ?? []);
    expect(lines).toContain('office.timeZone: an IANA time zone such as Asia/Makassar');
  });

  it('rejects unknown stages and duplicate letters', () => {
    const bad = structuredClone(denpasar) as { services: { route: string[]; letter: string }[] };
    (bad.services[2] as { route: string[] }).route[0] = 'fotto';
    (bad.services[1] as { letter: string }).letter = 'A';
    const result = officeConfigSchema.safeParse(bad);
    const lines = formatIssues(result.error?.issues ?? []);
    expect(lines).toContain('services[2].route[0]: unknown stage "fotto"');
    expect(lines).toContain('services[1]: duplicate ticket letter "A"');
  });

  it('refuses a QR booking-code pattern that could backtrack catastrophically, naming the field', () => {
    const bad = structuredClone(denpasar) as { policy: { qrBookingCodePattern: string } };
    bad.policy.qrBookingCodePattern = '(A+)+$';
    const result = officeConfigSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(formatIssues(result.error?.issues ?? [])).toContain(
      'policy.qrBookingCodePattern: unsafe pattern: nested quantifiers or a repeated alternation, e.g. (A+)+ or (a|b)*',
    );
  });
});
