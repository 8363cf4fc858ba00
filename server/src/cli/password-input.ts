import { CliError } from './common.ts';

/**
 * A password for the admin command: typed at a terminal without echo (twice when `confirm`), or
 * the first line of stdin when it is a pipe or a file, so scripts can set passwords too.
 */
export async function readPassword(opts: { confirm: boolean }): Promise<string> {
  if (!process.stdin.isTTY) return firstLineOfStdin();
  const first = await promptHidden('Kata sandi / password: ');
  if (opts.confirm && (await promptHidden('Ulangi / again: ')) !== first)
    throw new CliError('Kata sandi tidak sama / the passwords differ');
  return first;
}

async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if ((chunk as Buffer).includes(0x0a)) break;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const line = text.split(/\r?\n/)[0] ?? '';
  if (!line) throw new CliError('Tidak ada kata sandi di stdin / no password on stdin', 2);
  return line;
}

/** Reads one line in raw mode, echoing nothing; Ctrl-C cancels, Backspace deletes. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  let value = '';
  return new Promise((resolve, reject) => {
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new CliError('Dibatalkan / cancelled', 130));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
