import { registerProjector } from '../store/projections';
import { projectCards } from './project-cards';
import { projectCheckins } from './project-checkins';
import { projectEnrolments } from './project-enrolments';
import { projectSessions } from './project-sessions';

// Importing this module registers the report projectors: every writer of `documents` (server routes, the demo
// seed, the sync engine's pushes) then keeps the report tables exact in its own transaction.
let registered = false;
export function registerReportProjectors(): void {
  if (registered) return;
  registered = true;
  registerProjector('cards', projectCards);
  registerProjector('sessions', projectSessions);
  registerProjector('enrolments', projectEnrolments);
  registerProjector('checkins', projectCheckins);
}
registerReportProjectors();
