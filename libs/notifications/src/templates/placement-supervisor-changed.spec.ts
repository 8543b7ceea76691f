import { render } from './index';

describe('placement_supervisor_changed e-mail (issue 16)', () => {
  const ctx = { publicUrl: 'https://b.example/' };
  const payload = {
    matchId: 'm-1',
    offerTitle: 'APL i labbet',
    partnerName: 'Kemi <AB>',
    supervisorName: 'Märta Ny',
    supervisorEmail: 'marta@kemi.example',
    supervisorPhone: null,
  };

  it('names the placement and the new supervisor in sv, da, nb and en, escaped in HTML, with a link to the match', () => {
    const subjects = new Set<string>();
    for (const locale of ['sv', 'da', 'nb', 'en'] as const) {
      const r = render('placement_supervisor_changed', payload, locale, ctx);
      expect(r.subject).toContain('APL i labbet, Kemi <AB>');
      expect(r.text).toContain('Märta Ny, marta@kemi.example.');
      expect(r.html).toContain('Kemi &lt;AB&gt;');
      expect(r.link).toBe('https://b.example/matches/m-1');
      expect(`${r.subject}${r.text}`).not.toMatch(/undefined|null|NaN/);
      subjects.add(r.subject);
    }
    expect(subjects.size).toBe(4);
  });

  it('says "an organisation not yet verified" when the partner’s name and title are held back', () => {
    const r = render('placement_supervisor_changed', { ...payload, offerTitle: null, partnerName: null, supervisorPhone: '+46 40 1' }, 'sv', ctx);
    expect(r.subject).toBe('Ny handledare för praktiken: en organisation som ännu inte är verifierad');
    expect(r.text).toContain('Märta Ny, marta@kemi.example, +46 40 1.');
  });
});
