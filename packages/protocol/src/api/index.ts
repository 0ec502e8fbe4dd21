export * from './auth';
export * from './city';
export * from './devices';
export * from './health';
