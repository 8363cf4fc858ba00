import {
  csvLine,
  ikmFromAnswers,
  ikmFromTotals,
  ikmGradeLabel,
  SKM_ELEMENTS,
  WAIT_BANDS,
  type IkmGroup,
  type IkmResult,
  type Lang,
  type OfficeConfig,
  type SurveyReport,
  type WaitBandId,
} from '@giliran/shared';
import type { SurveyStore, SurveyTotals } from './survey-store.ts';

/** `2026-11` → `2026-12`; `2026-12` → `2027-01`. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function monthsUpTo(month: string, count: number): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const k = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
  });
}

/** Every answer scores all nine elements, so each element has `respondents` answers. */
const ikmOf = (t: SurveyTotals): IkmResult | null =>
  ikmFromTotals(Array<number>(SKM_ELEMENTS.length).fill(t.respondents), t.totals);

/** `GET /api/reports/survey?month=YYYY-MM`: IKM of the month, per service and wait band, and the year. */
export function surveyReport(store: SurveyStore, config: OfficeConfig, month: string): SurveyReport {
  const from = `${month}-01`;
  const to = `${nextMonth(month)}-01`;
  const groups = <K extends string>(
    column: 'service_id' | 'wait_band',
    order: readonly K[],
  ): IkmGroup<K>[] => {
    const totals = store.totalsBy(column, from, to);
    return order.flatMap((key) => {
      const t = totals.get(key);
      const result = t ? ikmOf(t) : null;
      return result ? [{ key, result }] : [];
    });
  };
  const months = monthsUpTo(month, 12);
  const perMonth = store.totalsBy('month', `${months[0]}-01`, to);
  const overall = store.totalsBy(null, from, to).get('');
  return {
    month,
    overall: overall ? ikmOf(overall) : null,
    perService: groups(
      'service_id',
      config.services.map((s) => s.id),
    ),
    perWaitBand: groups(
      'wait_band',
      WAIT_BANDS.map((b) => b.id),
    ),
    bySource: store.sources(from, to),
    months: months.map((m) => {
      const t = perMonth.get(m);
      const r = t ? ikmOf(t) : null;
      return { month: m, respondents: t?.respondents ?? 0, ikm: r?.ikm ?? null, grade: r?.grade ?? null };
    }),
  };
}

const HEAD = {
  id: {
    no: 'No. Responden',
    service: 'Layanan',
    wait: 'Lama menunggu',
    source: 'Sumber',
    phone: 'ponsel',
    tablet: 'tablet',
  },
  en: {
    no: 'Respondent',
    service: 'Service',
    wait: 'Wait',
    source: 'Channel',
    phone: 'phone',
    tablet: 'tablet',
  },
};
const SUMMARY = {
  id: {
    totals: 'Jumlah nilai per unsur',
    nrr: 'NRR per unsur',
    weighted: 'NRR tertimbang per unsur',
    index: 'IKM unit pelayanan (jumlah NRR tertimbang)',
    ikm: 'IKM konversi (x 25)',
    grade: 'Mutu pelayanan',
    respondents: 'Jumlah responden',
  },
  en: {
    totals: 'Sum of scores per element',
    nrr: 'Mean score (NRR) per element',
    weighted: 'Weighted NRR per element (x 1/9)',
    index: 'Service unit index (sum of weighted NRR)',
    ikm: 'Converted IKM (x 25)',
    grade: 'Service quality grade',
    respondents: 'Respondents',
  },
};

/**
 * The month's SKM worksheet as offices report it ("pengolahan data per responden dan per unsur"):
 * one row per respondent with U1…U9 (in no particular order: nothing says who answered when), then
 * the summary rows — sum and NRR per element, NRR tertimbang per element, the unit's index, IKM
 * (× 25) and mutu pelayanan. Decimals with a point; NRR to three places, IKM to two.
 */
export function surveyCsv(store: SurveyStore, config: OfficeConfig, month: string, lang: Lang): string {
  const answers = store.answersBetween(`${month}-01`, `${nextMonth(month)}-01`);
  const h = HEAD[lang];
  const s = SUMMARY[lang];
  const serviceName = (id: string) => {
    const sv = config.services.find((x) => x.id === id);
    return sv ? `${sv.letter} ${sv.name[lang]}` : id;
  };
  const bandLabel = (id: WaitBandId) => WAIT_BANDS.find((b) => b.id === id)?.label[lang] ?? id;
  const lines = [csvLine([h.no, ...SKM_ELEMENTS.map((e) => e.code), h.service, h.wait, h.source])];
  answers.forEach((a, i) =>
    lines.push(csvLine([i + 1, ...a.answers, serviceName(a.serviceId), bandLabel(a.waitBand), h[a.source]])),
  );
  const r = ikmFromAnswers(answers.map((a) => a.answers));
  const fixed = (n: number, d: number) => n.toFixed(d);
  if (r) {
    lines.push(csvLine([s.totals, ...r.totals]));
    lines.push(csvLine([s.nrr, ...r.nrr.map((n) => fixed(n, 3))]));
    lines.push(csvLine([s.weighted, ...r.weighted.map((n) => fixed(n, 3))]));
    lines.push(csvLine([s.index, fixed(r.index, 3)]));
    lines.push(csvLine([s.ikm, fixed(r.ikm, 2)]));
    lines.push(csvLine([s.grade, `${r.grade} (${ikmGradeLabel(r.grade)[lang]})`]));
  }
  lines.push(csvLine([s.respondents, answers.length]));
  return `${lines.join('\n')}\n`;
}
