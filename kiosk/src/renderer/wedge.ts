import { useEffect, useRef } from 'react';
import { KeyboardWedgeDetector, type WedgeResult } from '@giliran/hardware/wedge';

export interface WedgeHandlers {
  /** A scanner burst (QR payload). */
  onScan(code: string): void;
  /** Keys a person typed on a physical keyboard (digits, letters, Backspace). */
  onTyped(keys: string[]): void;
}

/**
 * Listens to every key on the page, always: a keyboard-wedge scanner "types" the QR payload fast
 * and ends with Enter. The detector tells such bursts from people by timing. There are no text
 * fields on the kiosk (on-screen keypads only), so nothing else competes for the keys.
 */
export function useKeyboardWedge(handlers: WedgeHandlers): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  useEffect(() => {
    // Lenient timing on purpose: a kiosk has no physical keyboard, so mistaking a person for a
    // scanner costs nothing, while a loaded machine (or a slow USB hub, or a test driving keys
    // over DevTools) can stretch a scanner's 1–20 ms key gaps past the detector's 35 ms default
    // and split one code in two, which would look up a wrong code.
    const detector = new KeyboardWedgeDetector({ maxGapMs: 250, idleMs: 300 });
    const dispatch = (results: WedgeResult[]): void => {
      for (const r of results) {
        if (r.kind === 'scan') {
          if (r.data.trim()) ref.current.onScan(r.data.trim());
        } else {
          // Enter/Tab/Space typed by a person already did their usual job on the focused button.
          const keys = r.keys.filter((k) => k !== 'Enter' && k !== 'Tab' && k !== ' ');
          if (keys.length) ref.current.onTyped(keys);
        }
      }
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      const terminator = e.key === 'Enter' || e.key === 'Tab';
      const char = [...e.key].length === 1;
      if (e.key === 'Backspace') {
        e.preventDefault();
        ref.current.onTyped(['Backspace']);
        return;
      }
      if (!terminator && !char) return;
      // A scanner's Enter must not also press whichever button has focus.
      if ((terminator && detector.pending) || (char && (e.key !== ' ' || detector.pending)))
        e.preventDefault();
      dispatch(detector.feed({ key: e.key, timeMs: e.timeStamp }));
    };
    const timer = window.setInterval(() => dispatch(detector.poll(performance.now())), 50);
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('keydown', onKey, true);
    };
  }, []);
}
