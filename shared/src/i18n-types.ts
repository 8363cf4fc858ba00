/** A user-facing language. Bahasa Indonesia is the default on every screen. */
export type Lang = 'id' | 'en';

/** Text in both languages, e.g. `{ id: 'Verifikasi berkas', en: 'Document check' }`. */
export interface Localized {
  id: string;
  en: string;
}
