import { describe, expect, it } from 'vitest';
import { decimal } from '../dashboard/Survey.tsx';
import { completeAnswers } from './SurveyForm.tsx';

describe('survey form', () => {
  it('sends the nine answers only when every one is given, 1–4', () => {
    expect(completeAnswers([4, 3, 3, 4, 4, 4, 4, 3, 3])).toEqual([4, 3, 3, 4, 4, 4, 4, 3, 3]);
    expect(completeAnswers([4, 3, 3, 4, null, 4, 4, 3, 3])).toBeNull();
    expect(completeAnswers([4, 3, 3, 4, 4, 4, 4, 3])).toBeNull();
    expect(completeAnswers([4, 3, 3, 4, 4, 4, 4, 3, 5])).toBeNull();
  });

  it('writes IKM figures as the worksheet does: a decimal comma in Indonesian', () => {
    expect(decimal(80.56, 2, 'id')).toBe('80,56');
    expect(decimal(80.56, 2, 'en')).toBe('80.56');
    expect(decimal(3.5, 3, 'id')).toBe('3,500');
  });
});
