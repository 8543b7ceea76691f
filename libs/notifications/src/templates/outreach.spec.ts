import { render } from './index';

describe('outreach e-mail', () => {
  const ctx = { publicUrl: 'https://b.example/' };
  const payload = {
    organizationId: 'org-1',
    organizationName: 'Sofielundsskolan',
    regionName: 'Malmö',
    message: 'Hej <b>alla</b> & välkomna',
    offers: [{ id: 'o-1', title: 'Solceller', partner: 'Energi AB' }],
  };

  it('says who wrote, the message as text (escaped in HTML) and the offers, in sv, da, nb and en', () => {
    const subjects = new Set<string>();
    for (const locale of ['sv', 'da', 'nb', 'en'] as const) {
      const r = render('outreach', payload, locale, ctx);
      expect(r.subject).toContain('Sofielundsskolan');
      expect(r.text).toContain('Hej <b>alla</b> & välkomna');
      expect(r.html).toContain('Hej &lt;b&gt;alla&lt;/b&gt; &amp; välkomna');
      expect(r.html).not.toContain('<b>alla</b>');
      expect(r.text).toContain('• Solceller (Energi AB): https://b.example/offers/o-1');
      expect(r.link).toBe('https://b.example/organizations/org-1');
      expect(`${r.subject}${r.text}`).not.toMatch(/undefined|null|NaN/);
      subjects.add(r.subject);
    }
    expect(subjects.size).toBe(4);
  });

  it('carries the invitation to claim an unclaimed school, and says so without a message or offers', () => {
    const r = render('outreach', { ...payload, message: null, offers: [], secretToken: 'tok' }, 'nb', ctx);
    expect(r.link).toBe('https://b.example/invitations/accept?token=tok');
    expect(r.text).toContain('Godta invitasjonen, så blir du eier');
    expect(r.text).toContain('Se hva bedrifter og organisasjoner');
    expect(r.text).not.toContain('Melding fra koordinatoren');
  });

  it('tells a school’s members about a request a coordinator posted for it', () => {
    for (const locale of ['sv', 'da', 'nb', 'en'] as const) {
      const r = render('request_created_for_school', { requestId: 'r-1', requestTitle: 'Kemi åk 9', organizationName: 'Fosie' }, locale, ctx);
      expect(r.subject).toContain('Kemi åk 9');
      expect(r.subject).toContain('Fosie');
      expect(r.link).toBe('https://b.example/requests/r-1');
    }
  });
});
