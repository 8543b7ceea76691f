import { render } from './index';
import { MATCH_TYPES } from './match';

describe('match notification templates', () => {
  const payload = {
    matchId: 'm-1',
    requestTitle: 'APL för kemielever',
    offerTitle: 'APL i kemilabbet',
    schoolName: 'Rosengårdsskolan',
    partnerName: 'Kemi AB',
    quantity: 2,
    startsAt: '2027-03-01T08:00:00.000Z',
    endsAt: '2027-03-01T14:00:00.000Z',
    reason: 'Sjukdom',
    message: 'Passar det?',
  };

  it('render every type in sv, da, nb and en: subject says what happened to what, with a link built from PUBLIC_URL', () => {
    const subjects = new Set<string>();
    for (const type of MATCH_TYPES) {
      for (const locale of ['sv', 'da', 'nb', 'en'] as const) {
        const r = render(type, payload, locale, { publicUrl: 'https://brobygge.example/' });
        expect(r.subject).toContain('APL i kemilabbet');
        expect(r.subject).toContain('Rosengårdsskolan');
        const link = ['match_completed', 'feedback_reminder'].includes(type) ? 'https://brobygge.example/matches/m-1/feedback' : 'https://brobygge.example/matches/m-1';
        expect(r.text).toContain(link);
        expect(r.html).toContain(`href="${link}"`);
        expect(`${r.subject}${r.text}${r.html}`).not.toMatch(/undefined|NaN|\[object/);
        subjects.add(r.subject);
      }
    }
    expect(subjects.size).toBeGreaterThan(MATCH_TYPES.length * 3); // words differ by type and language
    expect(render('match_proposed', payload, 'sv', { publicUrl: 'https://b.example' }).subject).toBe('Nytt förslag: APL i kemilabbet — Rosengårdsskolan');
    expect(render('match_scheduled', payload, 'sv', { publicUrl: 'https://b.example' }).subject).toBe(
      'Bokat: APL i kemilabbet — Rosengårdsskolan, 1 mars 2027 kl. 09:00 – 1 mars 2027 kl. 15:00',
    );
    expect(render('match_cancelled', payload, 'en', { publicUrl: 'https://b.example' }).text).toContain('Reason: Sjukdom');
    expect(render('match_completed', payload, 'sv', { publicUrl: 'https://b.example' }).text).toContain('Ge återkoppling: https://b.example/matches/m-1/feedback');
  });

  it("say what happened to the request or the offer, with the reason in the reader's language", () => {
    const withdrawn = { ...payload, status: 'SCHEDULED', reason: undefined, reasonKey: 'offer_paused' };
    const en = render('match_item_withdrawn', withdrawn, 'en', { publicUrl: 'https://b.example' });
    expect(en.subject).toBe('Decision needed: APL i kemilabbet — Rosengårdsskolan');
    expect(en.text).toContain(
      'The offer "APL i kemilabbet" has been paused, but the collaboration "APL i kemilabbet" between Rosengårdsskolan and Kemi AB was already agreed (1 March 2027',
    );
    const sv = render('match_item_withdrawn', { ...withdrawn, status: 'APPROVED', reasonKey: 'request_cancelled' }, 'sv', { publicUrl: 'https://b.example' });
    expect(sv.text).toContain(
      'Förfrågan "APL för kemielever" har ställts in, men samarbetet "APL i kemilabbet" mellan Rosengårdsskolan och Kemi AB var redan överenskommet och har därför inte ställts in.',
    );
    for (const [key, locale, words] of [
      ['request_cancelled', 'da', 'skolen har annulleret forespørgslen'],
      ['offer_archived', 'nb', 'tilbudet er arkivert'],
      ['offer_paused', 'en', 'the offer has been paused'],
    ] as const) {
      expect(render('match_cancelled', { ...payload, reason: undefined, reasonKey: key }, locale, { publicUrl: 'https://b.example' }).text).toContain(words);
    }
  });
});
