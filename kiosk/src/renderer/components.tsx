import { useEffect, useState, type ReactNode } from 'react';
import QRCode from 'qrcode';
import type { Lang } from '@giliran/shared';
import { nikGroups } from './flow.ts';
import { STRINGS, tr } from './strings.ts';

export function Button(props: {
  children: ReactNode;
  onClick: () => void;
  variant?: 'primary' | 'secondary' | 'quiet';
  disabled?: boolean;
  label?: string;
  pressed?: boolean;
  testId?: string;
  wide?: boolean;
}) {
  return (
    <button
      type="button"
      className={`btn btn-${props.variant ?? 'primary'}${props.wide ? ' btn-wide' : ''}`}
      onClick={props.onClick}
      disabled={props.disabled}
      aria-label={props.label}
      aria-pressed={props.pressed}
      data-testid={props.testId}
    >
      {props.children}
    </button>
  );
}

const DIGIT_ROWS = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
];

/** On-screen keypad: digits only for NIK and pairing codes, letters and digits for booking codes. */
export function Keypad(props: {
  kind: 'numeric' | 'alphanumeric';
  lang: Lang;
  onKey: (key: string) => void;
}) {
  const { lang, onKey } = props;
  const erase = tr(STRINGS.erase, lang);
  const clear = tr(STRINGS.eraseAll, lang);
  if (props.kind === 'numeric') {
    return (
      <div className="keypad keypad-numeric" role="group" aria-label="Keypad">
        {DIGIT_ROWS.flat().map((d) => (
          <button key={d} type="button" className="key" onClick={() => onKey(d)}>
            {d}
          </button>
        ))}
        <button type="button" className="key key-action" onClick={() => onKey('Clear')}>
          {clear}
        </button>
        <button type="button" className="key" onClick={() => onKey('0')}>
          0
        </button>
        <button
          type="button"
          className="key key-action"
          aria-label={erase}
          onClick={() => onKey('Backspace')}
        >
          ⌫ {erase}
        </button>
      </div>
    );
  }
  const keys = [...'1234567890', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
  return (
    <div className="keypad keypad-alpha" role="group" aria-label="Keypad">
      {keys.map((k) => (
        <button key={k} type="button" className="key" onClick={() => onKey(k)}>
          {k}
        </button>
      ))}
      <button type="button" className="key key-action key-span2" onClick={() => onKey('Clear')}>
        {clear}
      </button>
      <button
        type="button"
        className="key key-action key-span2"
        aria-label={erase}
        onClick={() => onKey('Backspace')}
      >
        ⌫ {erase}
      </button>
    </div>
  );
}

/** The NIK in four groups of four, each box showing what is typed so far. */
export function NikDisplay(props: { digits: string; label: string }) {
  const groups = nikGroups(props.digits);
  return (
    <div className="nik-display" role="status" aria-label={props.label} data-testid="nik-display">
      {groups.map((g, i) => (
        <span key={i} className={`nik-group${g.length === 4 ? ' nik-group-full' : ''}`}>
          {g.padEnd(4, '·')}
        </span>
      ))}
    </div>
  );
}

export function CodeDisplay(props: { value: string; label: string; testId: string }) {
  return (
    <div className="code-display" role="status" aria-label={props.label} data-testid={props.testId}>
      {props.value || '\u00a0'}
    </div>
  );
}

/** A QR code of the tracking page, drawn locally (no network). */
export function QrImage(props: { text: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(props.text, { margin: 2, width: 360, errorCorrectionLevel: 'M' })
      .then((url) => {
        if (live) setSrc(url);
      })
      .catch(() => setSrc(null));
    return () => {
      live = false;
    };
  }, [props.text]);
  return src ? (
    <img className="qr" src={src} alt={props.label} width={280} height={280} data-testid="tracking-qr" />
  ) : (
    <div className="qr qr-placeholder" aria-hidden="true" />
  );
}
