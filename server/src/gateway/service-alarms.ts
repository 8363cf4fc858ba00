import { AppError, type ServiceAlarm } from '@giliran/shared';
import type { AlarmMonitor } from '../alarms/alarm-monitor.ts';
import type { Principal } from '../auth/auth-repo.ts';
import { counterOf } from '../engine/engine.ts';
import type { QueueService } from '../store/queue-service.ts';
import { isSupervisor, ROOMS, type GiliranServer, type GiliranSocket } from './types.ts';

/**
 * Service-level alarms on the wire: supervisors get every alarm; a counter officer gets those of
 * the stages their open counter serves (at once, as each is raised, acknowledged or cleared, and the
 * open ones again when they open a counter). Nobody else gets any.
 */
export function startServiceAlarms(
  io: GiliranServer,
  service: QueueService,
  monitor: AlarmMonitor,
): {
  sendOnConnect(socket: GiliranSocket): void;
  acknowledge(alarmId: string, p: Principal): ServiceAlarm;
} {
  /** The officers working now at a counter serving `stageId`. */
  const officersAt = (stageId: string) => {
    const rooms: string[] = [];
    for (const c of service.state.counters.values())
      if (c.officer && c.mode !== 'closed' && c.stages.includes(stageId))
        rooms.push(ROOMS.officer(c.officer));
    return rooms;
  };
  // One emit to the union of rooms: a supervisor also working at a counter gets it once.
  monitor.onChange((alarm) =>
    io.to([ROOMS.supervisors, ...officersAt(alarm.stageId)]).emit('alarm:update', alarm),
  );

  // An officer opening a counter (or changing its stages) gets the open alarms of its stages.
  service.onCommitted((changes) => {
    for (const c of changes.counters) {
      if (!c.officer || c.mode === 'closed') continue;
      io.to(ROOMS.officer(c.officer)).emit('alarm:list', monitor.openAt(c.stages));
    }
  });

  /** The stages a principal's counter serves now (none when not at an open counter). */
  const stagesOf = (p: Principal): string[] => {
    const c = p.username ? counterOf(service.state, p.username) : null;
    return c && c.mode !== 'closed' ? c.stages : [];
  };

  return {
    sendOnConnect: (socket) => {
      const p = socket.data.principal;
      if (isSupervisor(p)) socket.emit('alarm:list', monitor.list());
      else if (p.role === 'counter') socket.emit('alarm:list', monitor.openAt(stagesOf(p)));
    },
    acknowledge: (alarmId, p) => {
      const alarm = monitor.get(alarmId);
      if (!alarm) throw new AppError('not_found');
      // A counter officer acknowledges only the alarms of the stages their counter serves.
      if (!isSupervisor(p) && !stagesOf(p).includes(alarm.stageId)) throw new AppError('forbidden');
      return monitor.acknowledge(alarmId, p);
    },
  };
}
