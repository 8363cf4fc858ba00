import { randomUUID } from 'node:crypto';
import { AppError, type PrinterFault, type StaffAlert } from '@giliran/shared';
import type { Principal } from '../auth/auth-repo.ts';
import type { QueueService } from '../store/queue-service.ts';
import { ROOMS, type GiliranServer } from './types.ts';

/** Requests for staff (a kiosk's "call staff", a printer fault), kept in memory until handled. */
export class StaffAlerts {
  private static readonly KEEP = 200;
  private readonly alerts: StaffAlert[] = [];

  constructor(
    private readonly io: GiliranServer,
    private readonly service: QueueService,
  ) {}

  open(): StaffAlert[] {
    return this.alerts.filter((a) => !a.acknowledgedBy);
  }

  /** `technical`: what a driver said (English, for technicians): kept in the audit log, not shown. */
  raise(
    p: Principal,
    reason: StaffAlert['reason'],
    detail: string | null,
    printer: { fault: PrinterFault; technical?: string } | null = null,
  ): StaffAlert {
    const alert: StaffAlert = {
      id: randomUUID(),
      deviceName: p.name,
      reason,
      printerFault: printer?.fault ?? null,
      detail,
      at: this.service.clock.now(),
      acknowledgedBy: null,
    };
    this.alerts.push(alert);
    if (this.alerts.length > StaffAlerts.KEEP) this.alerts.shift();
    this.service.note(p.actor, 'staff.called', {
      reason,
      detail,
      ...(printer ? { printerFault: printer.fault, technical: printer.technical ?? null } : {}),
    });
    this.io.to(ROOMS.supervisors).emit('staff:alert', alert);
    return alert;
  }

  acknowledge(alertId: string, by: Principal): StaffAlert {
    const a = this.alerts.find((x) => x.id === alertId);
    if (!a) throw new AppError('not_found');
    a.acknowledgedBy = by.name;
    this.io.to(ROOMS.supervisors).emit('staff:alert', a);
    return a;
  }
}
