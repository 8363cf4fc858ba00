import type { StaffAlert } from '@giliran/shared';
import type { I18n, StringKey } from '../i18n.ts';

/**
 * A staff alert in the screen's language: why, the printer's fault if any, then the device's
 * words (`masalah printer (kertas habis): A012`). The server sends codes, never English prose.
 */
export function alertText(a: Pick<StaffAlert, 'reason' | 'printerFault' | 'detail'>, i18n: I18n): string {
  const fault = a.printerFault ? ` (${i18n.t(`printer_${a.printerFault}` as StringKey)})` : '';
  return `${i18n.t(`reason_${a.reason}` as StringKey)}${fault}${a.detail ? `: ${a.detail}` : ''}`;
}
