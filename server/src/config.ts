import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatIssues, officeConfigSchema, type OfficeConfig } from '@giliran/shared';

export const DEFAULT_CONFIG_PATH = resolve(import.meta.dirname, '../config/denpasar.json');

/** Thrown when the office configuration file is unreadable or invalid; lists every bad field. */
export class ConfigError extends Error {
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super(`Office configuration ${path} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseOfficeConfig(text: string, path = '<config>'): OfficeConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(path, [`not valid JSON: ${(e as Error).message}`]);
  }
  const parsed = officeConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(path, formatIssues(parsed.error.issues));
  return parsed.data;
}

export function loadOfficeConfig(path: string = DEFAULT_CONFIG_PATH): OfficeConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(path, [`cannot read the file: ${(e as Error).message}`]);
  }
  return parseOfficeConfig(text, path);
}
