/**
 * `npm run check-config -- [FILE]`: validates an office configuration file (default: the one the
 * server would load, GILIRAN_CONFIG or the Denpasar defaults) without starting anything. Exit 0
 * with a one-line summary, or 1 listing every bad field (`services[2].route[0]: unknown stage`).
 */
import { DEFAULT_CONFIG_PATH, loadOfficeConfig } from '../config.ts';
import { userPath } from '../env.ts';
import { runCommand } from './common.ts';

runCommand(() => {
  const arg = process.argv[2] ?? process.env.GILIRAN_CONFIG;
  const path = arg ? userPath(arg) : DEFAULT_CONFIG_PATH;
  const c = loadOfficeConfig(path); // a ConfigError lists every bad field; runCommand prints it
  console.log(
    `OK ${path}: ${c.office.name} (${c.office.code}), ${c.office.timeZone}, ` +
      `${c.office.openTime}–${c.office.closeTime}, ${c.services.length} services, ` +
      `${c.counters.length} counters, ${c.stages.length} stages, retention ${c.policy.retentionDays} days`,
  );
  return 0;
});
