export * from './base45';
export * from './keys';
export * from './token';
