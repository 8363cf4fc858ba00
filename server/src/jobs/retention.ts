import type { OfficeConfig } from '@giliran/shared';
import type { BookingRepo } from '../bookings/booking-repo.ts';
import type { Clock } from '../clock.ts';
import type { QueueService } from '../store/queue-service.ts';

/** The date `days` before `date` (both `YYYY-MM-DD`). */
export function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * Retention: personal fields of bookings older than the configured period are erased at start-up
 * and every office day; anonymous statistics (tickets, audit log) stay. Also rolls the day over at
 * local midnight even when nobody acts.
 */
export function startRetention(
  service: QueueService,
  bookings: BookingRepo,
  config: OfficeConfig,
  clock: Clock,
): { stop(): void; runOnce(): number } {
  const runOnce = () => {
    try {
      const erased = bookings.erasePersonalDataBefore(
        daysBefore(service.today(), config.policy.retentionDays),
        clock.now(),
      );
      if (erased) console.log(`[retention] erased personal data of ${erased} old bookings`);
      return erased;
    } catch (e) {
      // A full or read-only disk must not stop the queue; the next day retries.
      console.error('[retention] failed:', (e as Error).message);
      return 0;
    }
  };
  runOnce();
  service.onDayChanged(() => runOnce());
  const timer = setInterval(() => {
    try {
      // A reader (the import CLI, a backup) may have kept the WAL from being truncated.
      bookings.scrubErased();
    } catch (e) {
      console.error('[retention] WAL truncation failed:', (e as Error).message);
    }
    try {
      service.ensureDay();
    } catch (e) {
      console.error('[day] rollover failed:', (e as Error).message);
    }
  }, 15_000);
  timer.unref();
  return { stop: () => clearInterval(timer), runOnce };
}
