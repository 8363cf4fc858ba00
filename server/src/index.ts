export { createApp, type App, type AppDeps } from './app.ts';
export { ManualClock, clockStartingAt, systemClock, type Clock } from './clock.ts';
export { loadOfficeConfig, parseOfficeConfig, ConfigError, DEFAULT_CONFIG_PATH } from './config.ts';
export { generateDemoBookings, DEMO_DEVICES, DEMO_OFFICERS, DEMO_PASSWORD } from './demo/demo-bookings.ts';
export { seedDemo } from './demo/seed-demo.ts';
export { hardwarePrinter, type TicketPrinter } from './print/ticket-printer.ts';
export { DENPASAR_WALK_INS, generatedBookings, simulate } from './simulation/index.ts';
export { startOutbox, type Outbox } from './outbox/outbox.ts';
export { openDatabase } from './store/database.ts';
