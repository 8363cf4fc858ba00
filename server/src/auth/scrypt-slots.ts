import { AppError } from '@giliran/shared';

/**
 * Bounds concurrent scrypt runs (each ~50 ms of a libuv thread and 16 MB). A storm of sign-ins
 * cannot queue without end and starve everything else on the thread pool: past `concurrent`
 * running and `waiting` queued, a run is refused at once with `server_busy`. Runs marked `urgent`
 * (a known officer without recent wrong passwords) are served before the others and have their own
 * queue of the same size, so a storm of guesses does not keep a real officer waiting.
 */
export class ScryptSlots {
  private running = 0;
  private readonly queues: { urgent: (() => void)[]; normal: (() => void)[] } = { urgent: [], normal: [] };

  constructor(
    private readonly concurrent: number,
    private readonly waiting: number,
  ) {}

  async run<T>(job: () => Promise<T>, urgent = false): Promise<T> {
    if (this.running >= this.concurrent) {
      const queue = urgent ? this.queues.urgent : this.queues.normal;
      if (queue.length >= this.waiting) throw new AppError('server_busy');
      await new Promise<void>((resolve) => queue.push(resolve));
    } else this.running++;
    try {
      return await job();
    } finally {
      // Hand the slot straight to the next waiter (urgent first), else free it.
      const next = this.queues.urgent.shift() ?? this.queues.normal.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** Two scrypt runs at a time (the machine has two cores; the pool's other threads serve files). */
export const scryptSlots = new ScryptSlots(2, 4);
