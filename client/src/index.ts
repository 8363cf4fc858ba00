export * from './auth.ts';
export * from './http.ts';
export * from './phone-survey.ts';
export * from './server-error.ts';
export * from './session.ts';
export * from './socket.ts';
export * from './track-stream.ts';
