import type { Localized, OfficeConfig, StaffTicket } from '@giliran/shared';

/**
 * The documents to check for a ticket: the list of its booking's application type, else its
 * service's walk-in list. The same lists the kiosk showed and the ticket printed (DESIGN §3).
 */
export function checklistFor(
  config: OfficeConfig,
  ticket: Pick<StaffTicket, 'applicationType' | 'serviceId'>,
): Localized[] {
  if (ticket.applicationType) return config.checklists[ticket.applicationType] ?? [];
  return config.services.find((s) => s.id === ticket.serviceId)?.checklist ?? [];
}
