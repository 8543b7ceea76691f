import { render } from './index';

const payload = {
  followUpId: 'fu-1',
  regionName: 'Malmö',
  from: '2026-01-01',
  to: '2026-06-30',
  previousFrom: '2025-07-01',
  previousTo: '2025-12-31',
  headline: {
    activitiesCompleted: [5, 3],
    studentsReached: [120, 140],
    schoolsReached: [4, 4],
    fillRate: [0.625, 0.5],
    femaleShare: [null, 0.4],
  },
  targets: [
    { measure: 'ACTIVITIES_COMPLETED', scope: null, value: 10, actual: 5, met: false },
    { measure: 'FILL_RATE', scope: 'Kemi', value: 0.5, actual: 0.625, met: true },
  ],
  leastActive: { districts: [{ label: 'Fosie', activities: 0, studentsReached: 0 }], schoolLevels: [] },
  csvAttached: true,
  attachments: [{ filename: 'x.csv', contentType: 'text/csv', content: 'a' }],
};

describe('the half-year follow-up e-mail', () => {
  it('words the numbers, their change, the targets and the quiet districts in each language, with a link', () => {
    const bodies = new Set<string>();
    for (const locale of ['sv', 'da', 'nb', 'en'] as const) {
      const r = render('follow_up', payload, locale, { publicUrl: 'https://b.example/' });
      expect(r.subject).toContain('Malmö');
      expect(r.text).toContain('https://b.example/reports/follow-ups/fu-1');
      expect(r.body).toMatch(/\+2/);
      expect(r.body).toMatch(/−20/);
      expect(r.body).toMatch(/±0/);
      expect(r.body).toMatch(/\+12[.,]5 /);
      expect(r.body).toContain('Fosie');
      expect(`${r.subject}${r.text}`).not.toMatch(/undefined|NaN|Invalid|attachments|x\.csv/);
      bodies.add(r.body);
    }
    expect(bodies.size).toBe(4);
    const sv = render('follow_up', payload, 'sv', { publicUrl: 'https://b' });
    expect(sv.body).toContain('Genomförda aktiviteter: 5 (+2)');
    // Intl puts a no-break space before the per cent sign.
    const body = sv.body.replace(/\u00a0/g, ' ');
    expect(body).toContain('Andel matchad: 62,5 % (+12,5 procentenheter)');
    expect(body).toContain('Andel flickor: –');
    expect(body).toContain('Områden med minst aktivitet:\n\nFosie: genomförda aktiviteter 0, nådda elever 0');
    expect(body).toContain('Genomförda aktiviteter: 5 av 10 — inte uppnått');
    expect(body).toContain('Andel matchad (Kemi): 62,5 % av 50 % — uppnått');
    const en = render('follow_up', payload, 'en', { publicUrl: 'https://b' });
    expect(en.subject).toMatch(/^Half-year follow-up for Malmö: 1 January\s–\s30 June 2026$/);
    expect(en.body).toContain('Students reached: 120 (−20)');
  });

  it('says when there is nothing to compare with, no targets and no attachment', () => {
    const r = render('follow_up', { ...payload, previousFrom: null, previousTo: null, targets: [], csvAttached: false }, 'en', { publicUrl: 'https://b' });
    expect(r.body).toContain('There is no previous period');
    expect(r.body).toContain('Activities completed: 5\n');
    expect(r.body).toContain('No targets are set');
    expect(r.body).toContain('too large to attach');
  });
});
