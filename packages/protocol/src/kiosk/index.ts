export * from './content-schedule';
export * from './state';
