import { render } from './index';

describe('lapsed request and offer notices', () => {
  it('say what lapsed and when, in sv, da, nb and en, linking to the item', () => {
    for (const [type, path] of [
      ['request_lapsed', 'requests'],
      ['offer_lapsed', 'offers'],
    ] as const) {
      const bodies = new Set<string>();
      for (const locale of ['sv', 'da', 'nb', 'en'] as const) {
        const r = render(type, { itemId: 'i-1', title: 'Kemi för åk 9', lastDay: '2027-03-15' }, locale, { publicUrl: 'https://b.example/' });
        expect(r.subject).toContain('Kemi för åk 9');
        expect(r.text).toContain(`https://b.example/${path}/i-1`);
        expect(r.body).toMatch(/15/);
        expect(`${r.subject}${r.text}`).not.toMatch(/undefined|NaN|Invalid/);
        bodies.add(r.body);
      }
      expect(bodies.size).toBe(4);
    }
    expect(render('request_lapsed', { itemId: 'i', title: 'T', lastDay: '2027-03-15' }, 'sv', { publicUrl: 'https://b' }).body).toContain('15 mars 2027');
  });
});
