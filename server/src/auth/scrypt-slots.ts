import { AppError } from '@giliran/shared';

/**
 * Bounds concurrent scrypt runs (each ~50 ms of a libuv thread and 16 MB). A storm of sign-ins
 * cannot queue without end and starve everything else on the thread pool: past the running slots
 * and `waiting` queued, a run is refused at once with `server_busy`. Runs marked `urgent` (a known
 * officer without recent wrong passwords) have a slot of their own — other runs may use all but one
 * — and a queue of their own served first, so a storm of guesses keeps a real officer neither
 * refused nor waiting.
 */
export class ScryptSlots {
  private running = 0;
  private readonly queues: { urgent: (() => void)[]; normal: (() => void)[] } = { urgent: [], normal: [] };

  constructor(
    private readonly concurrent: number,
    private readonly waiting: number,
  ) {}

  async run<T>(job: () => Promise<T>, urgent = false): Promise<T> {
    if (this.running < this.slotsFor(urgent)) this.running++;
    else {
      const queue = urgent ? this.queues.urgent : this.queues.normal;
      if (queue.length >= this.waiting) throw new AppError('server_busy');
      await new Promise<void>((resolve) => queue.push(resolve));
    }
    try {
      return await job();
    } finally {
      this.running--;
      this.startWaiting();
    }
  }

  private slotsFor(urgent: boolean): number {
    return urgent ? this.concurrent : Math.max(1, this.concurrent - 1);
  }

  /** Hands free slots to waiters, urgent ones first. */
  private startWaiting(): void {
    for (const urgent of [true, false]) {
      const queue = urgent ? this.queues.urgent : this.queues.normal;
      while (queue.length && this.running < this.slotsFor(urgent)) {
        this.running++;
        queue.shift()?.();
      }
    }
  }
}

/** Two scrypt runs at a time (the machine has two cores; the pool's other threads serve files). */
export const scryptSlots = new ScryptSlots(2, 4);
