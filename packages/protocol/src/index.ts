export * from './api/index';
export * from './collections/index';
export * from './errors';
export * from './ids';
export * from './languages';
