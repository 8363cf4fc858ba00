/**
 * A byte pipe to one printer. Every call has a timeout and rejects with `PrinterIoError`, so the
 * printing code above can stay the same for TCP, USB and serial. Adding a transport means
 * implementing this and adding a scheme to `parsePrinterUri`.
 */
export interface PrinterTransport {
  readonly description: string;
  write(bytes: Uint8Array, timeoutMs: number): Promise<void>;
  /** Resolves with exactly `count` bytes, or rejects on timeout or when the link closes. */
  read(count: number, timeoutMs: number): Promise<Uint8Array>;
  /** Forgets bytes received but not read: late status answers, Automatic Status Back blocks. */
  discardInput(): void;
  /** Never rejects. */
  close(): Promise<void>;
}

export interface OpenOptions {
  /** TCP connect / device open timeout. */
  connectTimeoutMs?: number;
}
