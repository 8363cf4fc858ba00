import type { Worker } from 'node:worker_threads';
import { AppError, type StaffingPlan } from '@giliran/shared';
import { startWorker } from '../worker-threads.ts';
import type { comparePlans, PlannerInput, suggestPlan } from './planner.ts';

export type PlannerJob =
  | { id: number; kind: 'compare'; input: PlannerInput; plans: StaffingPlan[] }
  | { id: number; kind: 'suggest'; input: PlannerInput };

export type PlannerReply =
  | { id: number; ok: true; result: ReturnType<typeof comparePlans> | ReturnType<typeof suggestPlan> }
  | { id: number; ok: false; reason: string };

/**
 * Runs planner jobs in one worker thread, one job at a time: a second request while one runs is
 * refused at once (`planner_busy`), a job running past `timeoutMs` is stopped (the worker is
 * replaced), and the worker's heap is capped. The server's event loop only passes messages.
 */
export class PlannerRunner {
  private worker: Worker | null = null;
  private running: { id: number; settle(reply: PlannerReply | Error): void } | null = null;
  private nextId = 1;

  constructor(
    private readonly timeoutMs = 60_000,
    private readonly heapMb = 192,
  ) {}

  compare(input: PlannerInput, plans: StaffingPlan[]): Promise<ReturnType<typeof comparePlans>> {
    return this.run({ id: this.nextId++, kind: 'compare', input, plans }) as Promise<
      ReturnType<typeof comparePlans>
    >;
  }

  suggest(input: PlannerInput): Promise<ReturnType<typeof suggestPlan>> {
    return this.run({ id: this.nextId++, kind: 'suggest', input }) as Promise<ReturnType<typeof suggestPlan>>;
  }

  private run(job: PlannerJob): Promise<unknown> {
    if (this.running) return Promise.reject(new AppError('planner_busy'));
    const worker = this.ensureWorker();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.running = null;
        this.stopWorker();
        reject(new AppError('planner_failed', { reason: `lebih dari ${this.timeoutMs / 1000} detik` }));
      }, this.timeoutMs);
      this.running = {
        id: job.id,
        settle: (reply) => {
          clearTimeout(timer);
          this.running = null;
          if (reply instanceof Error)
            reject(new AppError('planner_failed', { reason: reply.message.slice(0, 120) }));
          else if (reply.ok) resolve(reply.result);
          else reject(new AppError('planner_failed', { reason: reply.reason }));
        },
      };
      worker.postMessage(job);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker('simulation-worker', {
      resourceLimits: { maxOldGenerationSizeMb: this.heapMb },
    });
    worker.unref(); // an idle planner never keeps the process alive
    worker.on('message', (reply: PlannerReply) => {
      if (this.running?.id === reply.id) this.running.settle(reply);
    });
    const lost = (e: Error) => {
      if (this.worker === worker) this.worker = null;
      this.running?.settle(e);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  private stopWorker(): void {
    const w = this.worker;
    this.worker = null;
    if (w) void w.terminate();
  }

  /** Stops the worker (server shutdown); a job still running is refused. */
  close(): void {
    this.running?.settle(new Error('server closing'));
    this.stopWorker();
  }
}
