/**
 * The kiosk's sync status, for the kiosk UI and (through the headers of every sync request) the dashboard.
 * Messages are in Italian: hub staff read them.
 */
export interface SyncStatus {
  /** the last request to the server got an answer */
  online: boolean;
  /** when a pull or push last succeeded (ms since the epoch) */
  lastSuccessAt: number | null;
  /** local documents not yet accepted by the server */
  waiting: number;
  /** why the last request failed; null once one succeeds again */
  lastError: string | null;
}

export const INITIAL_STATUS: SyncStatus = { online: false, lastSuccessAt: null, waiting: 0, lastError: null };
