export * from './fields';
export * from './input-parser';
export * from './issues';
export * from './patterns';
