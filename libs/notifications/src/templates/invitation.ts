import type { Template } from './template';

/**
 * The invitee gets a one-time link; it works for 7 days. The inviter's name is left out
 * when it is gone (the inviter erased their account before the e-mail went out).
 */
export const invitation: Template = (p, locale, ctx) => {
  const org = String(p.organizationName ?? '');
  const inviter = String(p.inviterName ?? '');
  const url = `${ctx.publicUrl.replace(/\/$/, '')}/invitations/accept?token=${encodeURIComponent(String(p.secretToken ?? ''))}`;
  const owner = p.role === 'OWNER';
  switch (locale) {
    case 'sv':
      return {
        subject: `Inbjudan: gå med i ${org} på Brobygge`,
        paragraphs: [
          `${inviter ? `${inviter} har bjudit in dig` : 'Du har blivit inbjuden'} att gå med i ${org} på Brobygge${owner ? ' som ägare' : ''}.`,
          'Logga in eller skapa ett konto med den här e-postadressen och öppna länken. Länken gäller i 7 dagar och kan användas en gång.',
        ],
        link: { label: 'Ta emot inbjudan', url },
      };
    case 'da':
      return {
        subject: `Invitation: bliv en del af ${org} på Brobygge`,
        paragraphs: [
          `${inviter ? `${inviter} har inviteret dig` : 'Du er blevet inviteret'} til at blive en del af ${org} på Brobygge${owner ? ' som ejer' : ''}.`,
          'Log ind eller opret en konto med denne e-mailadresse, og åbn linket. Linket gælder i 7 dage og kan bruges én gang.',
        ],
        link: { label: 'Tag imod invitationen', url },
      };
    case 'nb':
      return {
        subject: `Invitasjon: bli med i ${org} på Brobygge`,
        paragraphs: [
          `${inviter ? `${inviter} har invitert deg` : 'Du har blitt invitert'} til å bli med i ${org} på Brobygge${owner ? ' som eier' : ''}.`,
          'Logg inn eller opprett en konto med denne e-postadressen, og åpne lenken. Lenken gjelder i 7 dager og kan brukes én gang.',
        ],
        link: { label: 'Godta invitasjonen', url },
      };
    default:
      return {
        subject: `Invitation: join ${org} on Brobygge`,
        paragraphs: [
          `${inviter ? `${inviter} has invited you` : 'You have been invited'} to join ${org} on Brobygge${owner ? ' as an owner' : ''}.`,
          'Sign in or create an account with this e-mail address and open the link. It works for 7 days, once.',
        ],
        link: { label: 'Accept the invitation', url },
      };
  }
};
