export * from './hub-directory';
export * from './travel-time';
