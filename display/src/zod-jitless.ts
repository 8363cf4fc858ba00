/**
 * The dashboard's chunk carries zod (through shared's booking module). Zod's fast path first probes
 * `Function('')`, which the server's Content-Security-Policy forbids (no 'unsafe-eval'): the probe
 * fails harmlessly but is reported as a CSP violation. Zod reads this global when it loads, so it
 * is set here, first thing in main.tsx: the lazy dashboard chunk (and zod in it) loads after it.
 */
(globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig = { jitless: true };
