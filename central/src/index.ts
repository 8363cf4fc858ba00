export { createCentralApp, CENTRAL_ROUTES, SESSION_COOKIE } from './app.ts';
export { addOffice, addViewer, disableViewer, issueOfficeToken, revokeOfficeTokens } from './auth.ts';
export { createPool, type Pool } from './db.ts';
export { ingestBatch, rebuildRollups } from './ingest.ts';
export { migrate } from './migrate.ts';
export { ensureMonthPartitions } from './partitions.ts';
export { hourProfile, officeDays, overview } from './reports.ts';
