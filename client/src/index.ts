export * from './auth.ts';
export * from './http.ts';
export * from './session.ts';
export * from './socket.ts';
