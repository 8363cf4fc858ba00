import type { OfficeConfig } from '@giliran/shared';
import type { AuthRepo } from '../../auth/auth-repo.ts';
import type { SignIn } from '../../auth/sign-in.ts';
import type { BookingRepo } from '../../bookings/booking-repo.ts';
import type { ImportStore } from '../../bookings/import-store.ts';
import type { Clock } from '../../clock.ts';
import type { GiliranServer } from '../../gateway/types.ts';
import type { Db } from '../../store/database.ts';
import type { QueueService } from '../../store/queue-service.ts';

/** What HTTP route handlers may use; built once by `createApp`. */
export interface RouteDeps {
  config: OfficeConfig;
  clock: Clock;
  db: Db;
  service: QueueService;
  auth: AuthRepo;
  signIn: SignIn;
  bookings: BookingRepo;
  imports: ImportStore;
  /** The installation secret (NIK HMAC key), for the import worker. */
  secret: Buffer;
  io: GiliranServer;
}
