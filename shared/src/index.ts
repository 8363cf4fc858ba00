export * from './i18n-types.ts';
export * from './ticket-print.ts';
