import type { Localized } from './i18n-types.ts';

/**
 * The Survei Kepuasan Masyarakat (SKM) of PermenPANRB 14/2017 and its index (IKM), defined once:
 * the nine elements with the regulation's questions and answer scale, the wait bands a respondent
 * is grouped by, and the IKM arithmetic used by the office dashboard, its CSV and central.
 */

/** One element (unsur) of the questionnaire: its question and the four answers, scored 1–4. */
export interface SkmElement {
  /** `U1` … `U9`. */
  code: string;
  name: Localized;
  question: Localized;
  /** `options[i]` scores `i + 1`. */
  options: [Localized, Localized, Localized, Localized];
}

const four = (id: [string, string, string, string], en: [string, string, string, string]) =>
  id.map((text, i) => ({ id: text, en: en[i] as string })) as SkmElement['options'];

const SESUAI = four(
  ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
  ['Does not match', 'Partly matches', 'Matches', 'Fully matches'],
);

/**
 * The nine elements in the order the regulation lists them (Lampiran, "Unsur survei"): persyaratan;
 * sistem, mekanisme dan prosedur; waktu penyelesaian; biaya/tarif; produk spesifikasi jenis
 * pelayanan; kompetensi pelaksana; perilaku pelaksana; penanganan pengaduan, saran dan masukan;
 * sarana dan prasarana. Questions and answers follow the regulation's sample questionnaire (whose
 * own numbering puts facilities before complaints; the element a question measures is what counts).
 */
export const SKM_ELEMENTS: readonly SkmElement[] = [
  {
    code: 'U1',
    name: { id: 'Persyaratan', en: 'Requirements' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
      en: 'How well did the requirements match the service you applied for?',
    },
    options: SESUAI,
  },
  {
    code: 'U2',
    name: { id: 'Sistem, mekanisme, dan prosedur', en: 'System, mechanism and procedure' },
    question: {
      id: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
      en: 'How easy was the service procedure at this office?',
    },
    options: four(
      ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
      ['Not easy', 'Rather difficult', 'Easy', 'Very easy'],
    ),
  },
  {
    code: 'U3',
    name: { id: 'Waktu penyelesaian', en: 'Completion time' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
      en: 'How fast was the service?',
    },
    options: four(
      ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
      ['Not fast', 'Rather slow', 'Fast', 'Very fast'],
    ),
  },
  {
    code: 'U4',
    name: { id: 'Biaya/tarif', en: 'Cost/fee' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
      en: 'How fair was the fee for the service?',
    },
    options: four(
      ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
      ['Very expensive', 'Rather expensive', 'Cheap', 'Free'],
    ),
  },
  {
    code: 'U5',
    name: { id: 'Produk spesifikasi jenis pelayanan', en: 'Service product' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
      en: 'Did what you received match what the service standard promises?',
    },
    options: SESUAI,
  },
  {
    code: 'U6',
    name: { id: 'Kompetensi pelaksana', en: 'Staff competence' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
      en: 'How competent were the officers who served you?',
    },
    options: four(
      ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
      ['Not competent', 'Rather incompetent', 'Competent', 'Very competent'],
    ),
  },
  {
    code: 'U7',
    name: { id: 'Perilaku pelaksana', en: 'Staff conduct' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
      en: 'How polite and friendly were the officers?',
    },
    options: four(
      ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
      ['Not polite or friendly', 'Rather impolite', 'Polite and friendly', 'Very polite and friendly'],
    ),
  },
  {
    code: 'U8',
    name: { id: 'Penanganan pengaduan, saran dan masukan', en: 'Complaints, suggestions and feedback' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
      en: 'How are complaints from service users handled?',
    },
    options: four(
      ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
      ['There is none', 'Exists but does not work', 'Works, but not fully', 'Well managed'],
    ),
  },
  {
    code: 'U9',
    name: { id: 'Sarana dan prasarana', en: 'Facilities' },
    question: {
      id: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
      en: 'How good are the facilities (waiting room, seats, toilets)?',
    },
    options: four(['Buruk', 'Cukup', 'Baik', 'Sangat baik'], ['Poor', 'Fair', 'Good', 'Very good']),
  },
];

/** How many elements every answer scores. */
export const SKM_ELEMENT_COUNT = 9;

// ─── Wait bands ───────────────────────────────────────────────────────────────────────────────────

/**
 * Bands of the total time a respondent waited (every stage, from the audit log), so IKM can be read
 * against the wait. Only the band is stored with an answer, never the minutes.
 */
export const WAIT_BANDS = [
  { id: 'lt15', fromMinutes: 0, label: { id: '< 15 menit', en: '< 15 min' } },
  { id: '15-30', fromMinutes: 15, label: { id: '15–29 menit', en: '15–29 min' } },
  { id: '30-60', fromMinutes: 30, label: { id: '30–59 menit', en: '30–59 min' } },
  { id: '60-120', fromMinutes: 60, label: { id: '1–2 jam', en: '1–2 hours' } },
  { id: 'ge120', fromMinutes: 120, label: { id: '≥ 2 jam', en: '≥ 2 hours' } },
] as const satisfies readonly { id: string; fromMinutes: number; label: Localized }[];
export type WaitBandId = (typeof WAIT_BANDS)[number]['id'];

/** The band of a wait in milliseconds: `14:59` → `lt15`, `15:00` → `15-30`. */
export function waitBand(waitMs: number): WaitBandId {
  let band: WaitBandId = WAIT_BANDS[0].id;
  for (const b of WAIT_BANDS) if (waitMs >= b.fromMinutes * 60_000) band = b.id;
  return band;
}

// ─── IKM ──────────────────────────────────────────────────────────────────────────────────────────

export const IKM_GRADES = ['A', 'B', 'C', 'D'] as const;
export type IkmGrade = (typeof IKM_GRADES)[number];

/**
 * Mutu pelayanan by the converted index (nilai interval konversi), PermenPANRB 14/2017:
 * A 88.31–100.00 "Sangat Baik", B 76.61–88.30 "Baik", C 65.00–76.60 "Kurang Baik",
 * D 25.00–64.99 "Tidak Baik" (on the 1–4 scale: 3.5324–4.00, 3.0644–3.532, 2.60–3.064, 1.00–2.5996).
 */
export const IKM_GRADE_TABLE: readonly { grade: IkmGrade; from: number; label: Localized }[] = [
  { grade: 'A', from: 88.31, label: { id: 'Sangat Baik', en: 'Very good' } },
  { grade: 'B', from: 76.61, label: { id: 'Baik', en: 'Good' } },
  { grade: 'C', from: 65, label: { id: 'Kurang Baik', en: 'Not quite good' } },
  { grade: 'D', from: 25, label: { id: 'Tidak Baik', en: 'Not good' } },
];

/** The grade of a converted index given to two decimals (as the regulation's intervals are). */
export function ikmGrade(ikm: number): IkmGrade {
  const hundredths = Math.round(ikm * 100);
  for (const g of IKM_GRADE_TABLE) if (hundredths >= Math.round(g.from * 100)) return g.grade;
  return 'D';
}

export function ikmGradeLabel(grade: IkmGrade): Localized {
  return IKM_GRADE_TABLE.find((g) => g.grade === grade)?.label ?? { id: grade, en: grade };
}

/** The index of a set of answers, with every intermediate figure of the regulation's worksheet. */
export interface IkmResult {
  /** Respondents (answers to the element answered most). */
  respondents: number;
  /** Σ nilai per unsur: the sum of the scores of each element. */
  totals: number[];
  /** NRR per unsur: the mean score of each element (1–4). */
  nrr: number[];
  /** NRR tertimbang per unsur: NRR × 1/9 (the regulation's equal weight; its worked example rounds it to 0.11). */
  weighted: number[];
  /** IKM unit pelayanan on the 1–4 scale: Σ NRR tertimbang. */
  index: number;
  /** The converted index 25–100: index × 25, rounded half up to two decimals. */
  ikm: number;
  grade: IkmGrade;
}

/**
 * IKM from the number of answers and the score sum per element (arrays of nine). Null without
 * answers. When every element has the same number of answers (always so for this system's
 * surveys: an answer scores all nine), the converted index is rounded exactly with integers, so a
 * value on a grade boundary is never graded by a binary-fraction error.
 */
export function ikmFromTotals(counts: readonly number[], totals: readonly number[]): IkmResult | null {
  if (counts.length !== SKM_ELEMENT_COUNT || totals.length !== SKM_ELEMENT_COUNT) return null;
  const respondents = Math.max(...counts);
  if (respondents <= 0) return null;
  const nrr = totals.map((t, i) => (counts[i] ? t / counts[i] : 0));
  const weighted = nrr.map((n) => n / SKM_ELEMENT_COUNT);
  const index = weighted.reduce((a, b) => a + b, 0);
  let hundredths: number;
  if (counts.every((c) => c === respondents)) {
    // ikm × 100 = 2500 · T / (9 · n), rounded half up: ⌊(2 · 2500 · T + 9n) / (2 · 9n)⌋.
    const t = totals.reduce((a, b) => a + b, 0);
    const den = SKM_ELEMENT_COUNT * respondents;
    hundredths = Math.floor((5000 * t + den) / (2 * den));
  } else hundredths = Math.round(index * 2500);
  const ikm = hundredths / 100;
  return { respondents, totals: [...totals], nrr, weighted, index, ikm, grade: ikmGrade(ikm) };
}

/** IKM of individual answers, each nine scores 1–4 (U1 first). */
export function ikmFromAnswers(answers: readonly (readonly number[])[]): IkmResult | null {
  const counts = Array<number>(SKM_ELEMENT_COUNT).fill(0);
  const totals = Array<number>(SKM_ELEMENT_COUNT).fill(0);
  for (const a of answers) {
    for (let i = 0; i < SKM_ELEMENT_COUNT; i++) {
      const v = a[i];
      if (v === undefined) continue;
      counts[i] = (counts[i] as number) + 1;
      totals[i] = (totals[i] as number) + v;
    }
  }
  return ikmFromTotals(counts, totals);
}
