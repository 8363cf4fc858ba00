/**
 * Worker-thread entry of the capacity planner: takes one job at a time from the server's
 * `PlannerRunner`, answers with its result or a failure. Simulating a day runs the queue engine
 * thousands of times; here it never holds up the server's event loop.
 */
import { parentPort } from 'node:worker_threads';
import { comparePlans, suggestPlan } from './planner.ts';
import type { PlannerJob, PlannerReply } from './planner-runner.ts';

parentPort?.on('message', (job: PlannerJob) => {
  let reply: PlannerReply;
  try {
    reply = {
      id: job.id,
      ok: true,
      result: job.kind === 'compare' ? comparePlans(job.input, job.plans) : suggestPlan(job.input),
    };
  } catch (e) {
    reply = { id: job.id, ok: false, reason: e instanceof Error ? e.message.slice(0, 200) : 'error' };
  }
  parentPort?.postMessage(reply);
});
