export * from './base45';
export * from './keys';
export * from './short-code';
export * from './token';
