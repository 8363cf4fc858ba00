export * from './auth.ts';
export * from './socket.ts';
