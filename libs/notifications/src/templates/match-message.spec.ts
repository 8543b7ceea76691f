import { render } from './index';

describe('match_message e-mail (issue 16)', () => {
  const ctx = { publicUrl: 'https://b.example/' };
  const payload = {
    matchId: 'm-1',
    side: 'PARTNER',
    offerTitle: 'Kemi i vardagen',
    requestTitle: 'APL för kemielever',
    schoolName: 'Rosengårdsskolan',
    partnerName: 'Kemi AB',
    message: 'Hej <b>alla</b> & välkomna\nRad två',
  };

  it('says which side wrote, and the message as text (escaped in HTML), in sv, da, nb and en', () => {
    const subjects = new Set<string>();
    for (const locale of ['sv', 'da', 'nb', 'en'] as const) {
      const r = render('match_message', payload, locale, ctx);
      expect(r.subject).toContain('Kemi i vardagen');
      expect(r.text).toContain('Kemi AB');
      expect(r.text).toContain('Hej <b>alla</b> & välkomna\nRad två');
      expect(r.html).toContain('Hej &lt;b&gt;alla&lt;/b&gt; &amp; välkomna');
      expect(r.html).not.toContain('<b>alla</b>');
      expect(r.link).toBe('https://b.example/matches/m-1/messages');
      expect(`${r.subject}${r.text}`).not.toMatch(/undefined|null|NaN/);
      subjects.add(r.subject);
    }
    expect(subjects.size).toBe(4);
  });

  it("names the region's coordinator, never a person; says where a held-back message is", () => {
    const coordinator = render('match_message', { ...payload, side: 'COORDINATOR' }, 'en', ctx);
    expect(coordinator.text).toContain('The region\'s coordinator wrote in the conversation on "Kemi i vardagen" between Rosengårdsskolan and Kemi AB:');
    const held = render('match_message', { ...payload, message: null, partnerName: null, unverifiedText: true }, 'sv', ctx);
    expect(held.text).toContain('En ännu inte verifierad organisation har skrivit');
    expect(held.text).toContain('(Meddelandet visas i Brobygge.)');
    expect(held.text).not.toMatch(/undefined|null/);
  });
});

describe('digest with conversations (issue 16)', () => {
  const ctx = { publicUrl: 'https://b.example' };
  const conversation = { kind: 'conversation', id: 'm-1', title: 'Kemi i vardagen', organization: '', count: 3 };
  const offer = { kind: 'offer', id: 'o-1', title: 'Solceller', organization: 'Energi AB' };

  it('lists the conversations with unread messages first, each with its link, and counts only fitting items in the subject', () => {
    const r = render('digest', { period: 'DAILY', items: [conversation, offer], more: 0 }, 'en', ctx);
    expect(r.subject).toBe('Today on Brobygge: 1 that fit you');
    expect(r.text.indexOf('3 new messages on Kemi i vardagen: https://b.example/matches/m-1/messages')).toBeLessThan(r.text.indexOf('• Offer: Solceller'));
  });

  it('with only messages, says so, in every language', () => {
    for (const locale of ['sv', 'da', 'nb', 'en'] as const) {
      const r = render('digest', { period: 'WEEKLY', items: [{ ...conversation, count: 1, title: '' }], more: 0 }, locale, ctx);
      expect(r.text).not.toMatch(/undefined|null|NaN|\b0\b/);
      expect(r.text).toContain('https://b.example/matches/m-1/messages');
    }
    expect(render('digest', { period: 'DAILY', items: [conversation], more: 0 }, 'sv', ctx).subject).toBe('Dagens nyheter på Brobygge: nya meddelanden');
  });
});
