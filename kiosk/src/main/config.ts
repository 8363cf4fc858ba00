import { z } from 'zod';
import { isPrinterUri, PRINTER_URI_HINT } from '@giliran/shared';

/**
 * Kiosk configuration: a JSON file (default `<userData>/kiosk.json`, or `GILIRAN_KIOSK_CONFIG`)
 * overridden field by field by environment variables. Validated on load; a bad value is named.
 */
export const kioskConfigSchema = z
  .object({
    /** Origin of the office server, e.g. `http://10.0.0.2:8080`. The only origin the window may show. */
    serverUrl: z
      .string()
      .url()
      .refine((u) => /^https?:$/.test(new URL(u).protocol), 'http(s) URL'),
    /** The kiosk's own printer: `tcp://host:9100`, `usb:/dev/usb/lp0` or `serial:/dev/ttyUSB0` (shared parser). */
    printerUri: z.string().refine(isPrinterUri, PRINTER_URI_HINT).nullable(),
    paperWidth: z.union([z.literal(58), z.literal(80)]),
    /** Fullscreen kiosk mode; off only for development on a desktop. */
    kioskMode: z.boolean(),
    /** HID POS scanner: a hidraw path (`/dev/hidraw3`) or `vendorId:productId` in hex (`05e0:1200`). */
    hidScanner: z
      .string()
      .regex(/^(\/dev\/[\w./-]+|[0-9a-fA-F]{4}:[0-9a-fA-F]{4})$/, '/dev/hidrawN or vvvv:pppp (hex)')
      .nullable(),
  })
  .strict();

export type KioskConfig = z.infer<typeof kioskConfigSchema>;

export const DEFAULT_CONFIG: KioskConfig = {
  serverUrl: 'http://127.0.0.1:8080',
  printerUri: null,
  paperWidth: 80,
  kioskMode: true,
  hidScanner: null,
};

export interface ConfigSources {
  env: Record<string, string | undefined>;
  /** Contents of the config file, or null when there is none. */
  fileText: string | null;
}

export class KioskConfigError extends Error {
  override name = 'KioskConfigError';
}

function fromEnv(env: Record<string, string | undefined>): Partial<Record<keyof KioskConfig, unknown>> {
  const out: Partial<Record<keyof KioskConfig, unknown>> = {};
  if (env.GILIRAN_SERVER_URL) out.serverUrl = env.GILIRAN_SERVER_URL;
  if (env.GILIRAN_PRINTER_URI !== undefined) out.printerUri = env.GILIRAN_PRINTER_URI || null;
  if (env.GILIRAN_PAPER_WIDTH) out.paperWidth = Number(env.GILIRAN_PAPER_WIDTH);
  if (env.GILIRAN_KIOSK_MODE) out.kioskMode = !/^(0|false|no)$/i.test(env.GILIRAN_KIOSK_MODE);
  if (env.GILIRAN_HID_SCANNER !== undefined) out.hidScanner = env.GILIRAN_HID_SCANNER || null;
  return out;
}

/** `05e0:1200` → ids; a path stays a path. */
export function hidScannerTarget(spec: string): { path: string } | { vendorId: number; productId: number } {
  const m = /^([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$/.exec(spec);
  return m?.[1] && m[2] ? { vendorId: parseInt(m[1], 16), productId: parseInt(m[2], 16) } : { path: spec };
}

/** Defaults ← file ← environment. Throws `KioskConfigError` listing every bad field. */
export function resolveKioskConfig({ env, fileText }: ConfigSources): KioskConfig {
  let file: unknown = {};
  if (fileText !== null) {
    try {
      file = JSON.parse(fileText);
    } catch (e) {
      throw new KioskConfigError(`kiosk config file is not JSON: ${(e as Error).message}`);
    }
    if (typeof file !== 'object' || file === null || Array.isArray(file)) {
      throw new KioskConfigError('kiosk config file must hold a JSON object');
    }
  }
  const merged = { ...DEFAULT_CONFIG, ...(file as object), ...fromEnv(env) };
  const parsed = kioskConfigSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new KioskConfigError(`invalid kiosk config:\n${lines.join('\n')}`);
  }
  // The window may only ever show this origin: normalise away paths and trailing slashes.
  return { ...parsed.data, serverUrl: new URL(parsed.data.serverUrl).origin };
}
