import type { DeviceHealth } from '@giliran/shared';
import type { Principal } from '../auth/auth-repo.ts';
import type { Clock } from '../clock.ts';
import { ROOMS, type GiliranServer } from './types.ts';

/** Live state of paired devices (connected, printer) for the supervisors' dashboard. */
export class DeviceHealthBoard {
  private readonly byDevice = new Map<string, DeviceHealth>();

  constructor(
    private readonly io: GiliranServer,
    private readonly clock: Clock,
  ) {}

  list(): DeviceHealth[] {
    return [...this.byDevice.values()];
  }

  /** Records what a device's connection or report says, and tells the supervisors. */
  update(p: Principal, patch: Partial<DeviceHealth>): void {
    if (!p.deviceId) return;
    const prev = this.byDevice.get(p.deviceId) ?? {
      deviceId: p.deviceId,
      name: p.name,
      role: p.role,
      connected: false,
      lastSeen: null,
      printer: null,
      printerFault: null,
    };
    this.byDevice.set(p.deviceId, { ...prev, ...patch, lastSeen: this.clock.now() });
    this.io.to(ROOMS.supervisors).emit('device:health', this.list());
  }
}
