/**
 * Whether a configured regular expression is safe to run on input we do not control (a QR payload).
 * JavaScript's engine backtracks: `(A+)+$` on thirty A's and a B takes seconds, and one such scan
 * froze an office server for 20 s. A pattern is accepted only if (1) it is short, (2) it has no
 * construct whose cost we cannot bound (back-references, look-arounds, a repeated group that holds a
 * quantifier or an alternation, i.e. nested quantifiers) and (3) an upper bound of its backtracking
 * steps on the longest input it may see stays small. The bound multiplies, along each sequence, the
 * repeat counts of its quantifiers (unbounded ones count as the input length) and, when the pattern
 * is not anchored with `^`, the start positions. That is exact enough to refuse `\d*\d*\d*$` and
 * `.*x.*y` on 512 characters while accepting the patterns an office needs, e.g. `([A-Z0-9]{6,20})`
 * or `code=([A-Z0-9]+)`.
 */

/** Longest QR payload (and typed value) a kiosk may send; the pattern's cost is bounded on it. */
export const QR_PAYLOAD_MAX_LENGTH = 512;
export const PATTERN_MAX_LENGTH = 200;
/** ~1 ms of backtracking at worst. */
const MAX_STEPS = 1_000_000;

interface Item {
  atom: Atom;
  /** Maximum repeat count of its quantifier (Infinity for * and +), or null without one. */
  max: number | null;
}
type Atom = { kind: 'char' } | { kind: 'anchor'; start: boolean } | { kind: 'group'; alternatives: Item[][] };

class Refusal extends Error {}

/** Why `pattern` may not be used on untrusted input, or null when it is safe. English, for the config check. */
export function unsafePatternReason(pattern: string, inputMax = QR_PAYLOAD_MAX_LENGTH): string | null {
  if (pattern.length > PATTERN_MAX_LENGTH) return `longer than ${PATTERN_MAX_LENGTH} characters`;
  try {
    new RegExp(pattern);
  } catch {
    return 'not a valid regular expression';
  }
  let alternatives: Item[][];
  try {
    alternatives = new Parser(pattern).parse();
  } catch (e) {
    if (e instanceof Refusal) return e.message;
    throw e;
  }
  const anchored = alternatives.every((seq) => seq[0]?.atom.kind === 'anchor' && seq[0].atom.start);
  const steps = alternativesCost(alternatives, inputMax) * (anchored ? 1 : inputMax + 1);
  return steps > MAX_STEPS
    ? `may backtrack ~${steps.toExponential(1)} steps on a ${inputMax}-character input: ` +
        'use fewer unbounded quantifiers (*, +), bounded ones like {6,20}, or anchor it with ^'
    : null;
}

function alternativesCost(alternatives: Item[][], inputMax: number): number {
  return alternatives.reduce((sum, seq) => sum + sequenceCost(seq, inputMax), 0);
}

function sequenceCost(seq: Item[], inputMax: number): number {
  let cost = 1;
  for (const item of seq) {
    const inner = item.atom.kind === 'group' ? alternativesCost(item.atom.alternatives, inputMax) : 1;
    cost *= item.max === null ? inner : inner * (Math.min(item.max, inputMax) + 1);
    if (cost > Number.MAX_SAFE_INTEGER) return Infinity;
  }
  return cost;
}

/** True if the group holds anything that can match in more than one way. */
function ambiguous(alternatives: Item[][]): boolean {
  if (alternatives.length > 1) return true;
  return alternatives.some((seq) =>
    seq.some((i) => i.max !== null || (i.atom.kind === 'group' && ambiguous(i.atom.alternatives))),
  );
}

/** A small recursive-descent reader of JavaScript's (non-unicode) pattern syntax. */
class Parser {
  private at = 0;
  constructor(private readonly src: string) {}

  parse(): Item[][] {
    const alternatives = this.alternatives();
    if (this.at < this.src.length) throw new Refusal(`unexpected "${this.src[this.at]}"`);
    return alternatives;
  }

  private alternatives(): Item[][] {
    const out = [this.sequence()];
    while (this.src[this.at] === '|') {
      this.at++;
      out.push(this.sequence());
    }
    return out;
  }

  private sequence(): Item[] {
    const items: Item[] = [];
    while (this.at < this.src.length && this.src[this.at] !== '|' && this.src[this.at] !== ')') {
      const atom = this.atom();
      const max = this.quantifier();
      if (max === null) {
        items.push({ atom, max });
        continue;
      }
      if (atom.kind === 'anchor') throw new Refusal('a quantifier on an anchor');
      if (max > 1 && atom.kind === 'group' && ambiguous(atom.alternatives))
        throw new Refusal('nested quantifiers or a repeated alternation, e.g. (A+)+ or (a|b)*');
      items.push({ atom, max });
    }
    return items;
  }

  private atom(): Atom {
    const c = this.src[this.at++] as string;
    switch (c) {
      case '^':
        return { kind: 'anchor', start: true };
      case '$':
        return { kind: 'anchor', start: false };
      case '[':
        this.characterClass();
        return { kind: 'char' };
      case '\\':
        return this.escape();
      case '(': {
        if (this.src[this.at] === '?') {
          const head = this.src.slice(this.at, this.at + 3);
          if (head.startsWith('?:')) this.at += 2;
          else if (head.startsWith('?<') && head !== '?<=' && head !== '?<!') {
            this.at = this.src.indexOf('>', this.at) + 1;
          } else throw new Refusal('look-ahead and look-behind are not allowed');
        }
        const alternatives = this.alternatives();
        if (this.src[this.at++] !== ')') throw new Refusal('unbalanced parenthesis');
        return { kind: 'group', alternatives };
      }
      default:
        return { kind: 'char' };
    }
  }

  private escape(): Atom {
    const c = this.src[this.at++] ?? '';
    if (/[1-9]/.test(c) || (c === 'k' && this.src[this.at] === '<'))
      throw new Refusal('back-references are not allowed');
    if (c === 'b' || c === 'B') return { kind: 'anchor', start: false };
    if (c === 'x') this.at += 2;
    else if (c === 'u')
      this.at += this.src[this.at] === '{' ? this.src.indexOf('}', this.at) - this.at + 1 : 4;
    else if (c === 'c') this.at += 1;
    return { kind: 'char' };
  }

  private characterClass(): void {
    if (this.src[this.at] === '^') this.at++;
    while (this.at < this.src.length && this.src[this.at] !== ']') {
      if (this.src[this.at] === '\\') this.at++;
      this.at++;
    }
    this.at++; // the closing ]
  }

  /** The quantifier after an atom: its maximum repeat count (Infinity), or null when there is none. */
  private quantifier(): number | null {
    const c = this.src[this.at];
    let max: number | null = null;
    if (c === '*' || c === '+') max = Infinity;
    else if (c === '?') max = 1;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.at));
      if (!m) return null; // a literal {
      this.at += m[0].length - 1;
      max = m[2] === undefined ? Number(m[1]) : m[3] ? Number(m[3]) : Infinity;
    }
    if (max === null) return null;
    this.at++;
    if (this.src[this.at] === '?') this.at++; // lazy: same worst case
    return max;
  }
}
