import type { Template } from './template';

/** A test message an admin sends from the CLI to prove that mail goes out. */
export const testEmail: Template = (payload, locale, ctx) => {
  const note = typeof payload.note === 'string' && payload.note ? payload.note : '';
  const words = {
    sv: { subject: 'Testmeddelande från Brobygge', body: 'Det här är ett testmeddelande. Om du läser det här fungerar e-posten.' },
    da: { subject: 'Testbesked fra Brobygge', body: 'Dette er et testbesked. Hvis du læser dette, virker e-mailen.' },
    nb: { subject: 'Testmelding fra Brobygge', body: 'Dette er en testmelding. Hvis du leser dette, fungerer e-posten.' },
    en: { subject: 'Test message from Brobygge', body: 'This is a test message. If you can read this, e-mail works.' },
  }[locale];
  return {
    subject: words.subject,
    paragraphs: note ? [words.body, note] : [words.body],
    link: { label: 'Brobygge', url: ctx.publicUrl },
  };
};
