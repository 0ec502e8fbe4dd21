// `npm run city -- <command> [options]`: the operator's commands (program.ts), with the server's environment.
import { cityProgram } from './program';

await cityProgram().parseAsync(process.argv);
