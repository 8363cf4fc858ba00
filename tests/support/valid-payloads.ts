import type { ClientEventName, Payload } from '@giliran/shared';

/**
 * A minimal payload for every client event that its schema accepts. The ids name nothing that
 * exists, so a permitted role gets a plain refusal (not found), never `invalid_payload`.
 */
export const VALID_PAYLOADS: { [E in ClientEventName]: Payload<E> } = {
  'checkin:lookup': { method: 'code', value: 'MP000000' },
  'checkin:confirm': { bookingCodes: ['ZZ99999999'] },
  'ticket:walkin': { serviceId: 'informasi' },
  'ticket:print': { ticketIds: ['no-such-ticket'] },
  'staff:call': { reason: 'help' },
  'device:report': { printer: null },
  'counter:open': { counterId: 'loket-1' },
  'counter:close': {},
  'counter:pause': {},
  'counter:resume': {},
  'ticket:call': {},
  'ticket:recall': {},
  'ticket:start': {},
  'ticket:noShow': {},
  'ticket:complete': {},
  'ticket:transfer': {},
  'ticket:reinstate': { ticketId: 'no-such-ticket' },
  'staff:acknowledge': { alertId: 'no-such-alert' },
  'survey:check': { ticketNumber: 'Z999' },
  'survey:answer': { ticketNumber: 'Z999', answers: [4, 4, 4, 4, 4, 4, 4, 4, 4] },
  'alarm:acknowledge': { alarmId: 'no-such-alarm' },
};
