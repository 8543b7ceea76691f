import { PDFParse } from 'pdf-parse';
import { pdfText, renderAgreementPdf } from './agreement';
import { RISK_QUESTIONS } from './placement-checklist';

describe('the placement agreement PDF (issue 16)', () => {
  it('keeps what the built-in font draws (Nordic letters, Latin-1, typographic quotes) and replaces the rest', () => {
    expect(pdfText('Åsa Ödegård, Æbleø – “citat” €5')).toBe('Åsa Ödegård, Æbleø – “citat” €5');
    expect(pdfText('Łódź ő 😀\tx')).toBe('?ódz o ? x');
  });

  it('writes English for a school outside the Nordics, leaves out minors-only questions not asked, and ends with signature lines', async () => {
    const adults = RISK_QUESTIONS.filter((q) => !q.minorsOnly);
    const pdf = await renderAgreementPdf({
      matchId: 'm-1',
      locale: 'en',
      timeZone: 'UTC',
      status: 'SCHEDULED',
      quantity: 3,
      startsAt: new Date('2027-03-01T08:00:00Z'),
      endsAt: new Date('2027-03-05T15:00:00Z'),
      earliestDate: '2027-02-01',
      latestDate: '2027-04-01',
      studentAge: 19,
      offerTitle: 'Lab placement',
      requestTitle: 'Placement for adults',
      focusAreas: ['Chemistry'],
      school: { name: 'Komvux', municipality: null, contacts: [] },
      workplace: { name: 'Lab Ltd', municipality: 'Lund', contacts: [{ organizationId: 'p', name: 'Pat', email: 'pat@lab.example', phone: null, role: 'HR' }] },
      regionName: 'Skåne',
      supervisor: null,
      riskAssessment: { version: '2026-1', answers: adults.map((q) => ({ key: q.key, answer: false, note: null })), summary: null, submittedAt: null, submittedBy: null },
      generatedAt: new Date('2027-02-20T10:00:00Z'),
    });
    const text = (await new PDFParse({ data: pdf }).getText()).text.replace(/\s+/g, ' ');
    expect(text).toContain('Workplace placement agreement');
    expect(text).toContain('Contact people: Pat, HR, pat@lab.example');
    expect(text).toContain('Supervisor: –');
    expect(text).toContain('Number of pupils: 3');
    expect(text).toContain('Will the pupil work in the evening or at night? Not answered (the pupils are 18 or older)');
    expect(text).toContain('Will the pupil at any time work alone, without an adult within reach? No');
    expect(text.indexOf('Signatures')).toBeGreaterThan(text.indexOf('Will the pupil at any time work alone'));
    expect(text.match(/Signature Name in print Date/g)).toHaveLength(3);
  });
});
