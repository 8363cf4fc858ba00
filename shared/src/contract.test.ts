import { describe, expect, it } from 'vitest';
import { EVENT_ROLES, ROUTE_ROLES } from './contract.ts';

/**
 * The authorization matrices, written out by hand: changing who may do what in contract.ts must be
 * a deliberate change here too (the server enforces the matrices; integration tests check that).
 */
describe('authorization matrix', () => {
  it('socket events: who may send what', () => {
    expect(EVENT_ROLES).toEqual({
      'checkin:lookup': ['kiosk'],
      'checkin:confirm': ['kiosk'],
      'ticket:walkin': ['kiosk'],
      'ticket:print': ['kiosk'],
      'staff:call': ['kiosk', 'board'],
      'device:report': ['kiosk', 'board'],
      'counter:open': ['counter', 'supervisor'],
      'counter:close': ['counter', 'supervisor'],
      'counter:pause': ['counter', 'supervisor'],
      'counter:resume': ['counter', 'supervisor'],
      'ticket:call': ['counter', 'supervisor'],
      'ticket:recall': ['counter', 'supervisor'],
      'ticket:start': ['counter', 'supervisor'],
      'ticket:noShow': ['counter', 'supervisor'],
      'ticket:complete': ['counter', 'supervisor'],
      'ticket:transfer': ['counter', 'supervisor'],
      'ticket:reinstate': ['supervisor', 'admin'],
      'staff:acknowledge': ['supervisor', 'admin'],
      'survey:check': ['survey'],
      'survey:answer': ['survey'],
      'alarm:acknowledge': ['counter', 'supervisor', 'admin'],
    });
  });

  it('HTTP routes: who may call what', () => {
    expect(ROUTE_ROLES).toEqual({
      'GET /api/health': 'public',
      'POST /api/pair': 'public',
      'POST /api/login': 'public',
      'GET /api/track/:token': 'public',
      'GET /api/track/:token/events': 'public',
      'GET /api/track/:token/survey': 'public',
      'POST /api/track/:token/survey': 'public',
      'POST /api/logout': ['kiosk', 'board', 'survey', 'counter', 'supervisor', 'admin'],
      'GET /api/me': ['kiosk', 'board', 'survey', 'counter', 'supervisor', 'admin'],
      'GET /api/reports/day': ['supervisor', 'admin'],
      'GET /api/reports/day.csv': ['supervisor', 'admin'],
      'GET /api/reports/survey': ['supervisor', 'admin'],
      'GET /api/reports/survey.csv': ['supervisor', 'admin'],
      'GET /api/devices': ['supervisor', 'admin'],
      'POST /api/admin/bookings/import': ['admin'],
      'POST /api/admin/pairing-codes': ['admin'],
      'DELETE /api/admin/devices/:id': ['admin'],
      'POST /api/admin/users': ['admin'],
      'POST /api/planning/simulate': ['supervisor', 'admin'],
      'POST /api/planning/suggest': ['supervisor', 'admin'],
    });
  });
});
