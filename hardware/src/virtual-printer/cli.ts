// `npm run virtual-printer -- --port 9100 --out data/receipts [--host 127.0.0.1] [--paper-out] …`
// A stand-in printer for dev mode: point the kiosk/server at tcp://127.0.0.1:9100.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createVirtualPrinter } from './server.ts';
import { receiptToText } from './decoder.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9100' },
    host: { type: 'string', default: '127.0.0.1' },
    out: { type: 'string' },
    'paper-out': { type: 'boolean', default: false },
    'paper-near-end': { type: 'boolean', default: false },
    'cover-open': { type: 'boolean', default: false },
    offline: { type: 'boolean', default: false },
    'slow-ms': { type: 'string' },
    quiet: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log(
    'Usage: npm run virtual-printer -- [--port 9100] [--host 127.0.0.1] [--out DIR]\n' +
      '         [--paper-out] [--paper-near-end] [--cover-open] [--offline] [--slow-ms N] [--quiet]',
  );
  process.exit(0);
}

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a TCP port number, got "${values.port}"`);
  process.exit(2);
}

// npm runs workspace scripts inside hardware/; a relative --out means relative to where the user typed it.
const outDir =
  values.out === undefined ? undefined : path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out);

const printer = await createVirtualPrinter({
  port,
  host: values.host,
  ...(outDir !== undefined ? { outDir } : {}),
  faults: {
    paperOut: values['paper-out'],
    paperNearEnd: values['paper-near-end'],
    coverOpen: values['cover-open'],
    offline: values.offline,
    ...(values['slow-ms'] !== undefined ? { slowMs: Number(values['slow-ms']) } : {}),
  },
});

console.log(
  `Virtual printer listening on ${printer.uri}` +
    (outDir !== undefined ? `, saving receipts to ${outDir}` : ''),
);
printer.on('receipt', (receipt) => {
  if (values.quiet) {
    console.log(
      `receipt: ${receipt.lines.length} lines, ${receipt.qrCodes.length} QR, cut: ${receipt.cuts > 0}`,
    );
  } else {
    console.log(`----- receipt -----\n${receiptToText(receipt)}-------------------`);
  }
});

const stop = (): void => {
  void printer.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
