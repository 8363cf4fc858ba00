import { z } from 'zod';

/** File operations the pairing store needs; Node's `fs` in production, a map in tests. */
export interface FileStore {
  read(path: string): string | null;
  /** Must replace the file atomically (write a temp file, then rename). */
  write(path: string, text: string): void;
  remove(path: string): void;
}

const pairingFileSchema = z.object({ token: z.string().min(1), pairedAt: z.number() }).strict();

/**
 * The device token from pairing, kept in `<userData>/pairing.json` so it survives reboots and
 * reinstalling the renderer. A corrupt file counts as "not paired": the kiosk shows the pairing screen.
 */
export class PairingStore {
  constructor(
    private readonly files: FileStore,
    private readonly path: string,
    private readonly now: () => number,
  ) {}

  get(): string | null {
    const text = this.files.read(this.path);
    if (text === null) return null;
    try {
      const parsed = pairingFileSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data.token : null;
    } catch {
      return null;
    }
  }

  set(token: string | null): void {
    if (token === null) this.files.remove(this.path);
    else this.files.write(this.path, `${JSON.stringify({ token, pairedAt: this.now() })}\n`);
  }
}
