export * from './hours';
export * from './participant';
