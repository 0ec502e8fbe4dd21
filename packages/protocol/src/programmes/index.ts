export * from './esf-operation-indicators';
export * from './hours';
export * from './participant';
