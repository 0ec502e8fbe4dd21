export { type LoggerOptions, loggerOptions } from './logger-options';
