import type { Role } from '@vigevano/protocol';

/** Each role as the dashboard names it (menu bar, staff page, the link page). */
export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  admin: 'amministrazione',
  coordinator: 'coordinamento',
  hub_lead: 'responsabile di hub',
  viewer: 'sola lettura',
};
