/**
 * How long the placement agreement PDF takes to render (issue 16: "under 300 ms"): the
 * agreement of a full placement — every question of the checklist answered, a third of
 * them "yes" with a long note, a long summary, contacts on both sides — rendered by
 * renderAgreementPdf (pdfkit) in this process, in Swedish and Danish; the first render
 * (fonts loaded) apart from the rest.
 */
import { performance } from 'node:perf_hooks';
import { AgreementData, RISK_CHECKLIST_VERSION, RISK_QUESTIONS, renderAgreementPdf } from '@brobygge/collaboration';
import type { Locale } from '@brobygge/core';
import { fmt, log, percentile } from './support';

function agreement(locale: Locale): AgreementData {
  const note = 'Handledaren visar momentet först; eleven arbetar aldrig ensam med det. Skyddsutrustning lånas ut och gås igenom första dagen. '.repeat(4);
  return {
    matchId: '6f1c2a4e-0000-4000-8000-000000000001',
    locale,
    timeZone: 'Europe/Stockholm',
    status: 'APPROVED',
    quantity: 2,
    startsAt: new Date('2027-03-01T07:30:00Z'),
    endsAt: new Date('2027-03-26T15:00:00Z'),
    earliestDate: '2027-02-15',
    latestDate: '2027-04-30',
    studentAge: 17,
    offerTitle: 'APL på elnätsavdelningen',
    requestTitle: 'APL för EE2, elteknik',
    focusAreas: ['El och energi', 'Teknik'],
    school: {
      name: 'Borgarskolan',
      municipality: 'Malmö',
      contacts: [{ organizationId: 's', name: 'Åsa Lärare', email: 'asa@borgar.example', phone: '+46 40 123 45 67', role: 'APL-samordnare' }],
    },
    workplace: {
      name: 'Malmö Energi & Miljö AB',
      municipality: 'Malmö',
      contacts: [{ organizationId: 'p', name: 'Örjan Ägare', email: 'orjan@energi.example', phone: null, role: null }],
    },
    regionName: 'Malmö',
    supervisor: { name: 'Jonas Åkesson', email: 'jonas@energi.example', phone: '+46 40 600 12 34' },
    riskAssessment: {
      version: RISK_CHECKLIST_VERSION,
      answers: RISK_QUESTIONS.map((q, i) => ({ key: q.key, answer: i % 3 === 0, note: i % 3 === 0 ? note : null })),
      summary: 'Låg risk med handledare på plats hela tiden. '.repeat(40),
      submittedAt: new Date('2027-02-20T10:00:00Z'),
      submittedBy: 'Örjan Ägare',
    },
    generatedAt: new Date(),
  };
}

export async function agreementBench(opts: { samples: number }): Promise<void> {
  log('\n## agreement: rendering the placement agreement PDF (pdfkit, in process)');
  log('| language | first render ms | p50 ms | p95 ms | max ms | size KiB |');
  log('|---|---|---|---|---|---|');
  for (const locale of ['sv', 'da'] as const) {
    const data = agreement(locale);
    let started = performance.now();
    const first = await renderAgreementPdf(data);
    const firstMs = performance.now() - started;
    const times: number[] = [];
    for (let i = 0; i < opts.samples; i++) {
      started = performance.now();
      await renderAgreementPdf(data);
      times.push(performance.now() - started);
    }
    log(`| ${locale} | ${fmt(firstMs)} | ${fmt(percentile(times, 0.5))} | ${fmt(percentile(times, 0.95))} | ${fmt(Math.max(...times))} | ${fmt(first.length / 1024)} |`);
  }
}
