import type { Lang } from '@giliran/shared';
import type { Viewer } from './auth.ts';
import { formatInZone, formatNumber, t } from './i18n.ts';
import type { DayRow, Figures, HourRow, OfficeRow } from './reports.ts';
import type { WaitPercentile } from './stats.ts';

/**
 * The dashboard's pages, rendered on the server as plain HTML (no script at all: it works on any
 * browser a regional office has, and its Content-Security-Policy allows none). Every value from
 * the database goes through `esc`.
 */

export function esc(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

const CSS = `
body{font:16px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9}
header{background:#0b3d6e;color:#fff;padding:12px 24px;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:20px;margin:0;flex:1}header a,header button{color:#fff}
header form{margin:0}header button{background:none;border:1px solid #fff;border-radius:4px;padding:4px 10px;font:inherit;cursor:pointer}
main{padding:16px 24px}
.wide{overflow-x:auto}
table{border-collapse:collapse;background:#fff;width:100%;margin:8px 0 24px}
th,td{padding:6px 10px;border-bottom:1px solid #dde1e6;text-align:right;white-space:nowrap}
th:first-child,td:first-child,th.l,td.l{text-align:left}
th{background:#eef1f5;font-weight:600}
form.filters{display:flex;gap:12px;align-items:end;flex-wrap:wrap;margin-bottom:16px}
label{display:flex;flex-direction:column;font-size:14px;gap:2px}
input,select{font:inherit;padding:4px 6px}
.bar{background:#2f6fb0;height:14px;display:inline-block;vertical-align:middle}
.note{color:#555;font-size:14px}.err{color:#a40000;font-weight:600}
.login{max-width:360px;margin:80px auto;background:#fff;padding:24px;border-radius:8px}
.login form{display:flex;flex-direction:column;gap:12px}.login button{padding:8px;font:inherit}
`;

function layout(lang: Lang, title: string, body: string, viewer: Viewer | null, langLinks: string): string {
  const who = viewer
    ? `<span>${esc(t(lang, 'signedInAs'))} ${esc(viewer.displayName)} — ${esc(
        viewer.role === 'directorate'
          ? t(lang, 'directorate')
          : `${t(lang, 'regional')} ${viewer.region ?? ''}`,
      )}</span>
      <form method="post" action="/logout"><button type="submit">${esc(t(lang, 'signOut'))}</button></form>`
    : '';
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body><header><h1>${esc(t(lang, 'title'))}</h1>${who}<span>${langLinks}</span></header>
<main>${body}</main></body></html>`;
}

/** `ID · EN` links keeping the rest of the query. */
function langLinks(path: string, query: URLSearchParams, lang: Lang): string {
  const link = (l: Lang, label: string) => {
    const q = new URLSearchParams(query);
    q.set('lang', l);
    return l === lang
      ? `<strong>${label}</strong>`
      : `<a href="${esc(`${path}?${q.toString()}`)}">${label}</a>`;
  };
  return `${link('id', 'ID')} · ${link('en', 'EN')}`;
}

function wait(p: WaitPercentile | null, lang: Lang): string {
  if (!p) return '–';
  return `${p.atLeast ? '≥ ' : ''}${formatNumber(p.minutes, lang)} ${t(lang, 'minutes')}`;
}

function minutes(m: number | null, lang: Lang): string {
  return m === null ? '–' : `${formatNumber(m, lang)} ${t(lang, 'minutes')}`;
}

function figureCells(f: Figures, lang: Lang): string {
  const pct = f.issued ? ` (${formatNumber(Math.round((f.noShows / f.issued) * 1000) / 10, lang)}%)` : '';
  return [
    formatNumber(f.issued, lang),
    formatNumber(f.served, lang),
    `${formatNumber(f.noShows, lang)}${pct}`,
    minutes(f.meanWaitMinutes, lang),
    wait(f.medianWait, lang),
    wait(f.p90Wait, lang),
    minutes(f.meanServiceMinutes, lang),
    f.ikm
      ? `${formatNumber(f.ikm.index, lang)} (${f.ikm.grade}, n=${formatNumber(f.ikm.responses, lang)})`
      : '–',
  ]
    .map((c) => `<td>${esc(c)}</td>`)
    .join('');
}

const FIGURE_HEADS = [
  'issued',
  'served',
  'noShows',
  'meanWait',
  'medianWait',
  'p90Wait',
  'meanService',
  'ikm',
] as const;

function filters(
  lang: Lang,
  action: string,
  q: { from: string; to: string; region: string | null },
  regions: string[] | null,
): string {
  const regionSelect = regions
    ? `<label>${esc(t(lang, 'region'))}<select name="region"><option value="">${esc(t(lang, 'allRegions'))}</option>${regions
        .map((r) => `<option${r === q.region ? ' selected' : ''}>${esc(r)}</option>`)
        .join('')}</select></label>`
    : '';
  return `<form class="filters" method="get" action="${esc(action)}">
<label>${esc(t(lang, 'from'))}<input type="date" name="from" value="${esc(q.from)}" required></label>
<label>${esc(t(lang, 'to'))}<input type="date" name="to" value="${esc(q.to)}" required></label>
${regionSelect}<input type="hidden" name="lang" value="${lang}"><button type="submit">${esc(t(lang, 'show'))}</button></form>`;
}

function hourBars(lang: Lang, profile: { officeDays: number; hours: HourRow[] }): string {
  const rows = profile.hours.filter((h) => h.issued || h.served);
  if (!rows.length || !profile.officeDays) return `<p class="note">${esc(t(lang, 'noData'))}</p>`;
  const perDay = (n: number) => n / profile.officeDays;
  const max = Math.max(...rows.map((h) => perDay(h.served)), 0.001);
  return `<table><thead><tr><th>${esc(t(lang, 'hour'))}</th><th class="l" style="width:60%">${esc(t(lang, 'served'))}</th><th>${esc(
    t(lang, 'issued'),
  )}</th><th>${esc(t(lang, 'meanWait'))}</th></tr></thead><tbody>${rows
    .map((h) => {
      const v = perDay(h.served);
      return `<tr><td>${String(h.hour).padStart(2, '0')}:00</td><td class="l"><span class="bar" style="width:${Math.round(
        (v / max) * 100,
      )}%"></span> ${esc(formatNumber(Math.round(v * 10) / 10, lang))}</td><td>${esc(
        formatNumber(Math.round(perDay(h.issued) * 10) / 10, lang),
      )}</td><td>${esc(minutes(h.meanWaitMinutes, lang))}</td></tr>`;
    })
    .join('')}</tbody></table>`;
}

export interface ReportQuery {
  from: string;
  to: string;
  region: string | null;
  lang: Lang;
}

function query(q: ReportQuery, extra: Record<string, string> = {}): URLSearchParams {
  const p = new URLSearchParams({ from: q.from, to: q.to, lang: q.lang, ...extra });
  if (q.region) p.set('region', q.region);
  return p;
}

export function overviewPage(
  viewer: Viewer,
  q: ReportQuery,
  offices: OfficeRow[],
  profile: { officeDays: number; hours: HourRow[] },
  regions: string[] | null,
): string {
  const { lang } = q;
  const head = `<tr><th>${esc(t(lang, 'office'))}</th><th class="l">${esc(t(lang, 'region'))}</th>${FIGURE_HEADS.map(
    (k) => `<th>${esc(t(lang, k))}</th>`,
  ).join('')}<th class="l">${esc(t(lang, 'lastData'))}</th></tr>`;
  const rows = offices
    .map(
      (o) =>
        `<tr><td><a href="${esc(`/office/${encodeURIComponent(o.code)}?${query(q).toString()}`)}">${esc(o.code)}</a> ${esc(
          o.name,
        )}</td><td class="l">${esc(o.region)}</td>${figureCells(o, lang)}<td class="l">${esc(
          formatInZone(o.lastReceivedAt, o.timeZone, lang),
        )}</td></tr>`,
    )
    .join('');
  const body = `${filters(lang, '/', q, regions)}
<p><a href="${esc(`/export/offices.csv?${query(q).toString()}`)}">${esc(t(lang, 'exportCsv'))}</a> ·
<a href="${esc(`/export/days.csv?${query(q).toString()}`)}">${esc(t(lang, 'perDayCsv'))}</a></p>
<h2>${esc(t(lang, 'offices'))}</h2>
<div class="wide"><table><thead>${head}</thead><tbody>${rows}</tbody></table></div>
<h2>${esc(t(lang, 'servedPerHour'))}</h2>${hourBars(lang, profile)}
<p class="note">${esc(t(lang, 'waitNote'))} ${esc(t(lang, 'timesNote'))} IKM: ${esc(t(lang, 'ikmGrades'))}.</p>`;
  return layout(lang, t(lang, 'title'), body, viewer, langLinks('/', query(q), lang));
}

export function officePage(
  viewer: Viewer,
  q: ReportQuery,
  office: { code: string; name: string; region: string; timeZone: string },
  days: DayRow[],
  profile: { officeDays: number; hours: HourRow[] },
): string {
  const { lang } = q;
  const head = `<tr><th>${esc(t(lang, 'day'))}</th>${FIGURE_HEADS.map(
    (k) => `<th>${esc(t(lang, k))}</th>`,
  ).join('')}</tr>`;
  const rows = days.map((d) => `<tr><td>${esc(d.day)}</td>${figureCells(d, lang)}</tr>`).join('');
  const path = `/office/${encodeURIComponent(office.code)}`;
  const body = `<p><a href="${esc(`/?${query(q).toString()}`)}">${esc(t(lang, 'back'))}</a></p>
<h2>${esc(office.code)} — ${esc(office.name)} <small>(${esc(office.region)}, ${esc(office.timeZone)})</small></h2>
${filters(lang, path, q, null)}
<p><a href="${esc(`/export/days.csv?${query(q, { office: office.code }).toString()}`)}">${esc(t(lang, 'exportCsv'))}</a></p>
<h3>${esc(t(lang, 'waitsPerDay'))}</h3>
${days.length ? `<div class="wide"><table><thead>${head}</thead><tbody>${rows}</tbody></table></div>` : `<p class="note">${esc(t(lang, 'noData'))}</p>`}
<h3>${esc(t(lang, 'servedPerHour'))}</h3>${hourBars(lang, profile)}
<p class="note">${esc(t(lang, 'waitNote'))} ${esc(t(lang, 'timesNote'))}</p>`;
  return layout(lang, `${office.code} — ${t(lang, 'title')}`, body, viewer, langLinks(path, query(q), lang));
}

export function loginPage(lang: Lang, error: string | null): string {
  const body = `<div class="login"><h2>${esc(t(lang, 'signInTitle'))}</h2>
${error ? `<p class="err" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/login?lang=${lang}">
<label>${esc(t(lang, 'username'))}<input name="username" autocomplete="username" required></label>
<label>${esc(t(lang, 'password'))}<input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">${esc(t(lang, 'signIn'))}</button></form></div>`;
  return layout(lang, t(lang, 'signInTitle'), body, null, langLinks('/login', new URLSearchParams(), lang));
}

export function errorPage(lang: Lang, message: string): string {
  return layout(lang, t(lang, 'title'), `<p class="err" role="alert">${esc(message)}</p>`, null, '');
}
