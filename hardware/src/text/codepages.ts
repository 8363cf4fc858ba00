import CodepageEncoder from '@point-of-sale/codepage-encoder';

/**
 * The single-byte code pages we print with. cp858 (cp850 + €) covers Indonesian, English and the
 * Western European accents that turn up in names and service titles; windows1252 suits printers
 * without cp858; cp437 is the power-on default of nearly every ESC/POS printer.
 */
export type PrintCodepage = 'cp858' | 'windows1252' | 'cp850' | 'cp437';

export const DEFAULT_CODEPAGE: PrintCodepage = 'cp858';

/**
 * `ESC t n` numbers of those code pages in Epson's table, which most ESC/POS clones (Xprinter,
 * Rongta, HPRT, POS-58/80) copy. The encoder and the virtual printer's decoder share this table so a
 * round trip proves both ends agree.
 */
export const ESC_T_NUMBERS: Readonly<Record<PrintCodepage, number>> = {
  cp437: 0,
  cp850: 2,
  windows1252: 16,
  cp858: 19,
};

const tableCache = new Map<PrintCodepage, readonly number[]>();

/** The 256 Unicode code points of a code page, index = byte value (0 where undefined). */
export function codepageTable(codepage: PrintCodepage): readonly number[] {
  let table = tableCache.get(codepage);
  if (!table) {
    table = CodepageEncoder.getCodepoints(codepage, true);
    tableCache.set(codepage, table);
  }
  return table;
}

/** The code page whose `ESC t` number is `n`, or undefined when we do not know it. */
export function codepageForEscT(n: number): PrintCodepage | undefined {
  for (const [name, number] of Object.entries(ESC_T_NUMBERS)) {
    if (number === n) return name as PrintCodepage;
  }
  return undefined;
}

const encodableCache = new Map<PrintCodepage, ReadonlySet<number>>();

function encodable(codepage: PrintCodepage): ReadonlySet<number> {
  let set = encodableCache.get(codepage);
  if (!set) {
    // Control bytes are never printable text, even though the table maps them.
    set = new Set(codepageTable(codepage).filter((cp, byte) => byte >= 0x20 && cp !== 0 && cp !== 0x7f));
    encodableCache.set(codepage, set);
  }
  return set;
}

// Characters with no decomposition that still have an obvious ASCII stand-in. Kept small and
// predictable: what is not here and not decomposable becomes '?'.
const FALLBACKS: Readonly<Record<string, string>> = {
  '\u2013': '-', // en dash
  '\u2014': '-', // em dash
  '\u2212': '-', // minus sign
  '\u2018': "'",
  '\u2019': "'",
  '\u201a': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u201e': '"',
  '\u2026': '...',
  '\u2022': '*', // bullet
  '\u00a0': ' ', // no-break space
  '\u2009': ' ', // thin space
  '\u202f': ' ', // narrow no-break space
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
  '€': 'EUR',
};

/**
 * Makes `text` printable in `codepage`: characters the code page has are kept, others lose their
 * accents (ő → o, ş → s) or take an ASCII stand-in (– → -, œ → oe), and what is left becomes '?'.
 * Deterministic so tests and the on-screen ticket can predict the paper.
 */
export function toPrintable(text: string, codepage: PrintCodepage = DEFAULT_CODEPAGE): string {
  const ok = encodable(codepage);
  let out = '';
  for (const ch of text.normalize('NFC')) {
    const cp = ch.codePointAt(0) ?? 0x3f;
    if (ch === '\n' || ch === '\t') {
      out += ' ';
    } else if (ok.has(cp)) {
      out += ch;
    } else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
      // Control characters would be read as printer commands: drop them.
    } else {
      out += transliterate(ch, ok);
    }
  }
  return out;
}

function transliterate(ch: string, ok: ReadonlySet<number>): string {
  const stripped = ch.normalize('NFD').replace(/\p{M}/gu, '');
  if (stripped.length > 0 && [...stripped].every((c) => ok.has(c.codePointAt(0) ?? 0))) return stripped;
  const fallback = FALLBACKS[ch];
  if (fallback !== undefined && [...fallback].every((c) => ok.has(c.codePointAt(0) ?? 0))) return fallback;
  return '?';
}
