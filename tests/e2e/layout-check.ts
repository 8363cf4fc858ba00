import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { ERROR_MESSAGES } from '@giliran/shared';
import { DASH_STRINGS } from '../../display/src/dashboard/strings.ts';
import { STRINGS as DISPLAY_STRINGS } from '../../display/src/i18n.ts';
import { PRINTER_FAULTS, STRINGS as KIOSK_STRINGS } from '../../kiosk/src/renderer/strings.ts';

/**
 * Checks a rendered screen the way a person standing in front of it would notice problems:
 * - text that does not fit its box (`scrollWidth`/`scrollHeight` beyond the box: cut off, an
 *   ellipsis, or spilling over its neighbours);
 * - text clipped by a box around it that hides overflow;
 * - text outside the screen, or a page that scrolls sideways (or at all, for screens that must fit).
 * Cutting text on purpose is allowed only where the design says so (`allowClipped`, e.g. the
 * board's running text).
 */

export interface LayoutRules {
  /** Selectors of elements whose text may be cut on purpose. */
  allowClipped?: string[];
  /** Long lists may make the page scroll vertically (staff pages, a family of five); never sideways. */
  mayScroll?: boolean;
}

export interface LayoutProblem {
  problem: string;
  text: string;
  where: string;
}

/** Every layout problem on the page now (empty when the screen is fine). */
export async function layoutProblems(page: Page, rules: LayoutRules = {}): Promise<LayoutProblem[]> {
  return page.evaluate(
    ({ allowClipped, mayScroll }) => {
      const problems: { problem: string; text: string; where: string }[] = [];
      const root = document.scrollingElement ?? document.documentElement;
      const vw = document.documentElement.clientWidth;
      const vh = document.documentElement.clientHeight;
      const where = (el: Element): string => {
        const parts: string[] = [];
        for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
          const id = e.getAttribute('data-testid');
          const cls = typeof e.className === 'string' ? e.className.trim().split(/\s+/)[0] : '';
          parts.unshift(`${e.tagName.toLowerCase()}${id ? `[${id}]` : cls ? `.${cls}` : ''}`);
        }
        return parts.join(' > ');
      };
      if (root.scrollWidth > vw + 1)
        problems.push({
          problem: `page scrolls sideways (${root.scrollWidth} > ${vw})`,
          text: '',
          where: 'page',
        });
      if (!mayScroll && root.scrollHeight > vh + 1)
        problems.push({
          problem: `page taller than the screen (${root.scrollHeight} > ${vh})`,
          text: '',
          where: 'page',
        });

      const clips = (v: string) => v !== 'visible';
      for (const el of Array.from(document.body.querySelectorAll('*'))) {
        if (allowClipped.some((s) => el.closest(s))) continue;
        if (el.closest('.visually-hidden')) continue;
        const texts = Array.from(el.childNodes).filter(
          (n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '',
        );
        if (texts.length === 0) continue;
        if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        const style = getComputedStyle(el);
        const fontPx = parseFloat(style.fontSize) || 16;
        const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
        const range = document.createRange();
        const rects: DOMRect[] = [];
        for (const t of texts) {
          range.selectNodeContents(t);
          for (const r of Array.from(range.getClientRects())) if (r.width > 0 && r.height > 0) rects.push(r);
        }
        if (rects.length === 0) continue;
        const add = (problem: string) => problems.push({ problem, text, where: where(el) });

        // 1. The text's own box: content wider or taller than the box shows as cut or spilled text.
        const isBox =
          !(el instanceof SVGElement) && style.display !== 'inline' && style.display !== 'contents';
        if (isBox && el.scrollWidth > el.clientWidth + 1)
          add(`text wider than its box (${el.scrollWidth} > ${el.clientWidth} px)`);
        // Glyph boxes are taller than a tight line (line-height 1 on big numbers) by a fraction of
        // the font size, with nothing painted there: allow for it, but not for a second line.
        const slack = 0.2 * fontPx;
        if (
          isBox &&
          !['auto', 'scroll'].includes(style.overflowY) &&
          el.scrollHeight > el.clientHeight + Math.max(1, slack)
        )
          add(`text taller than its box (${el.scrollHeight} > ${el.clientHeight} px)`);

        // 2. Clipped by a box around it that hides what overflows (auto/scroll ones scroll instead,
        // which is fine vertically but never sideways).
        for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
          const s = getComputedStyle(a);
          if (!clips(s.overflowX) && !clips(s.overflowY)) continue;
          const box = a.getBoundingClientRect();
          const left = box.left + a.clientLeft;
          const top = box.top + a.clientTop;
          const right = left + a.clientWidth;
          const bottom = top + a.clientHeight;
          const hidesY = s.overflowY === 'hidden' || s.overflowY === 'clip';
          const cut = rects.some(
            (r) =>
              (clips(s.overflowX) && (r.left < left - 1 || r.right > right + 1)) ||
              (hidesY && (r.top < top - 1 || r.bottom > bottom + 1)),
          );
          if (cut) {
            add(`cut off by ${where(a)}`);
            break;
          }
        }

        // 3. On the screen: never beyond its sides; not below it on screens that must fit.
        const off = rects.some(
          (r) => r.left < -1 || r.right > vw + 1 || (!mayScroll && (r.top < -1 || r.bottom > vh + 1)),
        );
        if (off) add('outside the screen');
      }
      const seen = new Set<string>();
      return problems.filter((p) => {
        const key = `${p.where}|${p.problem}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
    },
    { allowClipped: rules.allowClipped ?? [], mayScroll: rules.mayScroll ?? false },
  );
}

// Evaluated, not added as a script tag: the server's CSP forbids inline scripts, as it should.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG AA colour contrast (axe-core) of the elements under `selector`, as they are painted now. */
export async function contrastViolations(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (sel) => {
    type Result = { violations: { nodes: { target: unknown[]; failureSummary?: string }[] }[] };
    const axe = (window as unknown as { axe: { run: (ctx: unknown, o: object) => Promise<Result> } }).axe;
    const r = await axe.run(
      { include: [sel] },
      { runOnly: { type: 'rule', values: ['color-contrast'] }, resultTypes: ['violations'] },
    );
    return r.violations.flatMap((v) =>
      v.nodes.map((n) => `${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
    );
  }, selector);
}

// ─── English in the Indonesian UI ────────────────────────────────────────────────────────────────

/** Words of English that only machines or developers write, which must never reach a screen. */
const TECHNICAL_ENGLISH = [
  'paper_out',
  'cover_open',
  'unreachable',
  'Nothing was printed',
  'The printer is',
  'may have printed',
  'not confirmed',
  'Failed to fetch',
  'HTTP 5',
  'Invalid request',
];

/** The English half of every catalogued UI text (kiosk, board/console/phone, dashboard, errors). */
function englishCatalogue(): string[] {
  const out = new Set<string>(TECHNICAL_ENGLISH);
  const add = (entry: unknown) => {
    if (!entry || typeof entry !== 'object' || !('id' in entry) || !('en' in entry)) return;
    const { id, en } = entry;
    // Templates: the fixed words around the values, long enough to mean something.
    const render = (v: unknown) => (typeof v === 'function' ? String((v as (x: unknown) => unknown)(7)) : v);
    const [i, e] = [render(id), render(en)];
    if (typeof e !== 'string' || e === i) return;
    for (const part of e.split(/\{\w+\}|\b7\b/)) if (part.trim().length >= 5) out.add(part.trim());
  };
  for (const table of [KIOSK_STRINGS, DISPLAY_STRINGS, DASH_STRINGS, ERROR_MESSAGES, PRINTER_FAULTS])
    for (const entry of Object.values(table as Record<string, unknown>)) add(entry);
  return [...out];
}

/** English catalogue words that are also names in the data (demo devices are "Kiosk Lobi 1"). */
const ALSO_DATA = new Set(['Kiosk']);
const CATALOGUE = englishCatalogue().filter((en) => !ALSO_DATA.has(en));

/**
 * Catalogued English-only texts visible on a screen that is in Indonesian. A deliberate English
 * second half (the board's "· Now calling") is marked `lang="en"` and is not counted; nor is data
 * that happens to be an English word (a device named "Kiosk Lobi 1").
 */
export async function englishOnScreen(page: Page): Promise<string[]> {
  const visible = await page.evaluate(() => {
    const parts: string[] = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest('[lang="en"], script, style, .visually-hidden')) continue;
      if (!parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      parts.push(n.textContent ?? '');
    }
    return parts.join(' ').replace(/\s+/g, ' ');
  });
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return CATALOGUE.filter((en) =>
    new RegExp(`(?<![\\p{L}\\p{N}])${escape(en)}(?![\\p{L}\\p{N}])`, 'u').test(visible),
  );
}
