import { render } from './index';

describe('invitation e-mail', () => {
  const ctx = { publicUrl: 'https://b.example' };
  it("names the inviter, or — once the inviter's account is erased — says only that you are invited", () => {
    const expected = {
      sv: ['Olof har bjudit in dig att gå med i Fosie', 'Du har blivit inbjuden att gå med i Fosie'],
      da: ['Olof har inviteret dig til at blive en del af Fosie', 'Du er blevet inviteret til at blive en del af Fosie'],
      nb: ['Olof har invitert deg til å bli med i Fosie', 'Du har blitt invitert til å bli med i Fosie'],
      en: ['Olof has invited you to join Fosie', 'You have been invited to join Fosie'],
    } as const;
    for (const [locale, [named, anonymous]] of Object.entries(expected) as Array<[keyof typeof expected, readonly [string, string]]>) {
      const payload = { organizationName: 'Fosie', role: 'MEMBER', secretToken: 'tok' };
      expect(render('invitation', { ...payload, inviterName: 'Olof' }, locale, ctx).body).toContain(named);
      const erased = render('invitation', payload, locale, ctx);
      expect(erased.body).toContain(anonymous);
      expect(erased.text).toContain('https://b.example/invitations/accept?token=tok');
    }
  });
});
