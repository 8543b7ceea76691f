import type { Template } from './template';

/**
 * The invitee gets a one-time link; it works for 7 days. The inviter's name is left out
 * when it is gone (the inviter erased their account before the e-mail went out); both
 * names are left out when the organisation is not verified (its text is not e-mailed out).
 */
export const invitation: Template = (p, locale, ctx) => {
  const org = String(p.organizationName ?? '');
  const inviter = String(p.inviterName ?? '');
  const url = `${ctx.publicUrl.replace(/\/$/, '')}/invitations/accept?token=${encodeURIComponent(String(p.secretToken ?? ''))}`;
  const owner = p.role === 'OWNER';
  switch (locale) {
    case 'sv':
      return {
        subject: org ? `Inbjudan: gå med i ${org} på Brobygge` : 'Inbjudan till Brobygge',
        paragraphs: [
          org
            ? `${inviter ? `${inviter} har bjudit in dig` : 'Du har blivit inbjuden'} att gå med i ${org} på Brobygge${owner ? ' som ägare' : ''}.`
            : `Du har blivit inbjuden att gå med i en organisation på Brobygge${owner ? ' som ägare' : ''}. Organisationen är ännu inte verifierad av en samordnare, så vi visar inte dess namn här; du ser det efter inloggningen.`,
          'Logga in eller skapa ett konto med den här e-postadressen och öppna länken. Länken gäller i 7 dagar och kan användas en gång.',
        ],
        link: { label: 'Ta emot inbjudan', url },
      };
    case 'da':
      return {
        subject: org ? `Invitation: bliv en del af ${org} på Brobygge` : 'Invitation til Brobygge',
        paragraphs: [
          org
            ? `${inviter ? `${inviter} har inviteret dig` : 'Du er blevet inviteret'} til at blive en del af ${org} på Brobygge${owner ? ' som ejer' : ''}.`
            : `Du er blevet inviteret til at blive en del af en organisation på Brobygge${owner ? ' som ejer' : ''}. Organisationen er endnu ikke verificeret af en koordinator, så vi viser ikke dens navn her; du ser det, når du er logget ind.`,
          'Log ind eller opret en konto med denne e-mailadresse, og åbn linket. Linket gælder i 7 dage og kan bruges én gang.',
        ],
        link: { label: 'Tag imod invitationen', url },
      };
    case 'nb':
      return {
        subject: org ? `Invitasjon: bli med i ${org} på Brobygge` : 'Invitasjon til Brobygge',
        paragraphs: [
          org
            ? `${inviter ? `${inviter} har invitert deg` : 'Du har blitt invitert'} til å bli med i ${org} på Brobygge${owner ? ' som eier' : ''}.`
            : `Du har blitt invitert til å bli med i en organisasjon på Brobygge${owner ? ' som eier' : ''}. Organisasjonen er ennå ikke verifisert av en koordinator, så vi viser ikke navnet her; du ser det når du har logget inn.`,
          'Logg inn eller opprett en konto med denne e-postadressen, og åpne lenken. Lenken gjelder i 7 dager og kan brukes én gang.',
        ],
        link: { label: 'Godta invitasjonen', url },
      };
    default:
      return {
        subject: org ? `Invitation: join ${org} on Brobygge` : 'An invitation to Brobygge',
        paragraphs: [
          org
            ? `${inviter ? `${inviter} has invited you` : 'You have been invited'} to join ${org} on Brobygge${owner ? ' as an owner' : ''}.`
            : `You have been invited to join an organisation on Brobygge${owner ? ' as an owner' : ''}. A coordinator has not verified it yet, so its name is not shown here; you will see it once you have signed in.`,
          'Sign in or create an account with this e-mail address and open the link. It works for 7 days, once.',
        ],
        link: { label: 'Accept the invitation', url },
      };
  }
};
