// `npm run rotate-card-key -- [--grace-days 180]`: kept for operators' scripts and docs written before the city
// command; it is `npm run city -- keys rotate` (cli/commands/keys.ts). Restart the server afterwards.
import { cityProgram } from '../cli/program';

await cityProgram().parseAsync(['keys', 'rotate', ...process.argv.slice(2)], { from: 'user' });
