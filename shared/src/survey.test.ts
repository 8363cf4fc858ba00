import { describe, expect, it } from 'vitest';
import { ikmFromAnswers, ikmFromTotals, ikmGrade, SKM_ELEMENTS, waitBand } from './survey.ts';

describe('SKM questionnaire (PermenPANRB 14/2017)', () => {
  it('has the nine elements in the regulation order, each with four answers', () => {
    expect(SKM_ELEMENTS.map((e) => `${e.code} ${e.name.id}`)).toEqual([
      'U1 Persyaratan',
      'U2 Sistem, mekanisme, dan prosedur',
      'U3 Waktu penyelesaian',
      'U4 Biaya/tarif',
      'U5 Produk spesifikasi jenis pelayanan',
      'U6 Kompetensi pelaksana',
      'U7 Perilaku pelaksana',
      'U8 Penanganan pengaduan, saran dan masukan',
      'U9 Sarana dan prasarana',
    ]);
    expect(SKM_ELEMENTS[3]?.options.map((o) => o.id)).toEqual([
      'Sangat mahal',
      'Cukup mahal',
      'Murah',
      'Gratis',
    ]);
    for (const e of SKM_ELEMENTS) {
      expect(e.options).toHaveLength(4);
      for (const o of e.options) expect(o.en.length).toBeGreaterThan(0);
    }
  });
});

describe('IKM', () => {
  it('computes the worksheet figures of four respondents (worked by hand)', () => {
    // Respondents' scores U1…U9:
    //   R1 4 4 3 3 4 4 4 3 3
    //   R2 3 3 3 2 3 3 4 3 3
    //   R3 4 3 2 3 4 4 4 2 3
    //   R4 3 3 2 3 3 3 4 3 4
    // Σ per element: 14 13 10 11 14 14 16 11 13 (total 116)
    // NRR = Σ / 4:   3.5 3.25 2.5 2.75 3.5 3.5 4 2.75 3.25 (sum 29)
    // NRR tertimbang = NRR / 9; index = 29 / 9 = 3.2222…
    // IKM = 3.2222… × 25 = 80.5555… → 80.56, in 76.61–88.30 → B.
    const r = ikmFromAnswers([
      [4, 4, 3, 3, 4, 4, 4, 3, 3],
      [3, 3, 3, 2, 3, 3, 4, 3, 3],
      [4, 3, 2, 3, 4, 4, 4, 2, 3],
      [3, 3, 2, 3, 3, 3, 4, 3, 4],
    ]);
    expect(r?.respondents).toBe(4);
    expect(r?.totals).toEqual([14, 13, 10, 11, 14, 14, 16, 11, 13]);
    expect(r?.nrr).toEqual([3.5, 3.25, 2.5, 2.75, 3.5, 3.5, 4, 2.75, 3.25]);
    // 3.5 / 9 = 0.38888…, 2.5 / 9 = 0.27777…, 4 / 9 = 0.44444…
    expect(r?.weighted[0]).toBeCloseTo(0.388889, 6);
    expect(r?.weighted[2]).toBeCloseTo(0.277778, 6);
    expect(r?.weighted[6]).toBeCloseTo(0.444444, 6);
    expect(r?.index).toBeCloseTo(3.222222, 6);
    expect(r?.ikm).toBe(80.56);
    expect(r?.grade).toBe('B');
  });

  it('rounds the converted index half up (28.125 → 28.13, D)', () => {
    // Eight respondents: seven answer 1 to everything, one answers 2 to everything.
    // Σ per element 7 + 2 = 9, total 81; index = 81 / 72 = 1.125; × 25 = 28.125 → 28.13.
    const ones = Array.from({ length: 7 }, () => Array<number>(9).fill(1));
    const r = ikmFromAnswers([...ones, Array<number>(9).fill(2)]);
    expect(r?.totals).toEqual([9, 9, 9, 9, 9, 9, 9, 9, 9]);
    expect(r?.ikm).toBe(28.13);
    expect(r?.grade).toBe('D');
  });

  it('grades by the regulation intervals, at their edges', () => {
    expect(ikmGrade(100)).toBe('A');
    expect(ikmGrade(88.31)).toBe('A');
    expect(ikmGrade(88.3)).toBe('B');
    expect(ikmGrade(76.61)).toBe('B');
    expect(ikmGrade(76.6)).toBe('C');
    expect(ikmGrade(65)).toBe('C');
    expect(ikmGrade(64.99)).toBe('D');
    expect(ikmGrade(25)).toBe('D');
  });

  it('gives every answer 4 → 100 (A) and every answer 1 → 25 (D); nothing → null', () => {
    const best = ikmFromAnswers([Array<number>(9).fill(4)]);
    expect(best).toMatchObject({ ikm: 100, grade: 'A' });
    expect(best?.index).toBeCloseTo(4, 12);
    expect(ikmFromAnswers([Array<number>(9).fill(1)])).toMatchObject({ ikm: 25, grade: 'D' });
    expect(ikmFromAnswers([])).toBeNull();
    expect(ikmFromTotals([1, 1], [4, 4])).toBeNull();
  });

  it('averages each element over its own answers when counts differ (central rollups)', () => {
    // U1 answered twice (Σ 7 → 3.5), the others once with 3: index = (3.5 + 8 × 3) / 9 = 27.5 / 9
    // = 3.0555…; × 25 = 76.388… → 76.39 → C.
    const r = ikmFromTotals([2, 1, 1, 1, 1, 1, 1, 1, 1], [7, 3, 3, 3, 3, 3, 3, 3, 3]);
    expect(r?.respondents).toBe(2);
    expect(r?.ikm).toBe(76.39);
    expect(r?.grade).toBe('C');
  });
});

describe('wait bands', () => {
  it('puts a total wait into its band', () => {
    const min = 60_000;
    expect(waitBand(0)).toBe('lt15');
    expect(waitBand(15 * min - 1)).toBe('lt15');
    expect(waitBand(15 * min)).toBe('15-30');
    expect(waitBand(59 * min)).toBe('30-60');
    expect(waitBand(60 * min)).toBe('60-120');
    expect(waitBand(119 * min + 59_999)).toBe('60-120');
    expect(waitBand(120 * min)).toBe('ge120');
    expect(waitBand(600 * min)).toBe('ge120');
  });
});
