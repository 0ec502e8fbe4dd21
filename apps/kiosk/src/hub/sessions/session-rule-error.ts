/** A rule of sessions and rosters broken by a facilitator's request: the message (Italian) is for the screen. */
export class SessionRuleError extends Error {
  override name = 'SessionRuleError';
}
