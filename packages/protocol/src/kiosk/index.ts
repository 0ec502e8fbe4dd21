export * from './api';
export * from './checkin';
export * from './content-schedule';
export * from './identity';
export * from './release-signature';
export * from './roster';
export * from './shell';
export * from './state';
