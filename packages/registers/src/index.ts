export * from './register-lines';
export * from './register-pdf';
