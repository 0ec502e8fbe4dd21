export * from './api';
export * from './checkin';
export * from './content-schedule';
export * from './identity';
export * from './shell';
export * from './state';
