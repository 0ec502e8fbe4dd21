import { describe, expect, it } from 'vitest';
import { ACCESS, accessAreaOf, DASHBOARD_PAGES, mayOpenPage } from './access';
import { ROLES } from './auth';
import { peopleRoutes } from './people';
import { sessionsReportRoutes } from './sessions-report';

describe('the access table', () => {
  it('gives a route the area with the longest prefix covering it, on whole path segments', () => {
    expect(accessAreaOf('/api/dashboard/sessions')?.name).toBe('attivita');
    expect(accessAreaOf(sessionsReportRoutes.roster.path)?.name).toBe('registro');
    expect(accessAreaOf('/api/dashboard/content/:contentId/publish')?.name).toBe('contenuti');
    expect(accessAreaOf('/api/dashboard/content-images')?.name).toBe('contenuti');
    expect(accessAreaOf('/api/dashboard/esf.csv')?.name).toBe('fse');
    expect(accessAreaOf('/api/dashboard/contentx')).toBeUndefined();
    expect(accessAreaOf('/sync/:collection/pull')).toBeUndefined();
  });

  it('keeps personal data from the viewer and the coordinator, on the page and in its API', () => {
    for (const path of [sessionsReportRoutes.roster.path, peopleRoutes.get.path, peopleRoutes.export.path])
      expect([path, accessAreaOf(path)?.roles]).toEqual([path, ['admin', 'hub_lead']]);
    expect(ROLES.filter((r) => mayOpenPage(r, '/persone'))).toEqual(['admin', 'hub_lead']);
  });

  it('lists each page once, every page for the admin, and nothing unknown for anyone', () => {
    const paths = DASHBOARD_PAGES.map((p) => p.path);
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.every((p) => mayOpenPage('admin', p))).toBe(true);
    expect(ROLES.filter((r) => mayOpenPage(r, '/non-esiste'))).toEqual([]);
    // Each API prefix belongs to one area only: two would make the longest-prefix rule ambiguous.
    const prefixes = ACCESS.flatMap((a) => a.api);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });
});
