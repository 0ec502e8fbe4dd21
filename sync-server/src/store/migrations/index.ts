import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './0001-initial';
import * as deviceStatus from './0002-device-status';
import * as changeOrder from './0003-change-order';
import * as reports from './0004-reports';
import * as reportFeed from './0005-report-feed';
import * as duplicateCheckins from './0006-duplicate-checkins';
import * as loginThrottle from './0007-login-throttle';
import * as deviceStorage from './0008-device-storage';
import * as apiTokens from './0009-api-tokens';
import * as auditLog from './0010-audit-log';
import * as accounts from './0011-accounts';
import * as hubsAdmin from './0012-hubs-admin';
import * as deviceDetails from './0013-device-details';
import * as programmes from './0014-programmes';
import * as sessionSeries from './0015-session-series';
import * as corrections from './0016-corrections';
import * as media from './0017-media';
import * as reportPlays from './0021-report-plays';
import * as alertState from './0022-alert-state';
import * as deviceDiskSpace from './0023-device-disk-space';

/** Every migration in order. Listed in code (not read from a folder) so bundling and tsx both find them. */
export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-device-status': deviceStatus,
  '0003-change-order': changeOrder,
  '0004-reports': reports,
  '0005-report-feed': reportFeed,
  '0006-duplicate-checkins': duplicateCheckins,
  '0007-login-throttle': loginThrottle,
  '0008-device-storage': deviceStorage,
  '0009-api-tokens': apiTokens,
  '0010-audit-log': auditLog,
  '0011-accounts': accounts,
  '0012-hubs-admin': hubsAdmin,
  '0013-device-details': deviceDetails,
  '0014-programmes': programmes,
  '0015-session-series': sessionSeries,
  '0016-corrections': corrections,
  '0017-media': media,
  '0021-report-plays': reportPlays,
  '0022-alert-state': alertState,
  '0023-device-disk-space': deviceDiskSpace,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
