export * from './authority';
export * from './push-decision';
export * from './rules';
export * from './same-document';
