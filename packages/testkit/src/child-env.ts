/**
 * The environment a test gives the server or hub service it starts: this process's, without NODE_ENV. A test
 * worker's NODE_ENV says nothing about the child it starts: Vite's build, run in-process by one test file
 * (scanner.e2e.test.ts), sets it to `production` for the rest of that worker, and a demo server started later
 * then refused to start as an unsafe production configuration. A test that wants production says so in `env`.
 */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { NODE_ENV: _ignored, ...inherited } = process.env;
  return { ...inherited, ...env };
}
