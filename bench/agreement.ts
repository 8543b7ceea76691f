/**
 * How long the placement agreement PDF takes to render (issue 16: "under 300 ms"): the
 * agreement of a full placement — every question of the checklist answered, a third of
 * them "yes" with a long note, a long summary, contacts on both sides — rendered by
 * renderAgreementPdf (pdfkit) in this process, in Swedish and Danish; the first render
 * (fonts loaded) apart from the rest. Then the whole download, `GET /matches/<id>/agreement.pdf`
 * on a production-mode API (token, reads, render, response), one request at a time.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { AgreementData, RISK_CHECKLIST_VERSION, RISK_QUESTIONS, renderAgreementPdf } from '@brobygge/collaboration';
import type { Locale } from '@brobygge/core';
import { benchDatabase, benchUser, fmt, log, percentile, startApi } from './support';

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
    log(`| ${locale} | ${fmt(firstMs)} | ${fmt(percentile(times, 50))} | ${fmt(percentile(times, 95))} | ${fmt(Math.max(...times))} | ${fmt(first.length / 1024)} |`);
  }
  await downloadBench(opts.samples);
}

/** One approved placement in a fresh database, downloaded by a member of its school. */
async function downloadBench(samples: number): Promise<void> {
  const db = await benchDatabase();
  const api = await startApi(db.url);
  const sql = new Client({ connectionString: db.url });
  try {
    const email = `bench-${randomBytes(4).toString('hex')}@bench.example`;
    const token = await benchUser(api.url, email);
    await sql.connect();
    const one = async (text: string, values: unknown[]) => (await sql.query(text, values)).rows[0];
    const user = await one('SELECT id FROM app_user WHERE email = $1', [email]);
    const org = (kind: string, name: string) =>
      one(`INSERT INTO organization (kind, name, region_code, municipality, country_code, verified) VALUES ($1, $2, 'se-malmo', 'Malmö', 'SE', true) RETURNING id`, [
        kind,
        name,
      ]);
    const school = await org('SCHOOL', 'Borgarskolan');
    const partner = await org('COMPANY', 'Malmö Energi & Miljö AB');
    await sql.query(`INSERT INTO membership (user_id, organization_id, role) VALUES ($1, $2, 'OWNER')`, [user.id, school.id]);
    const offer = await one(
      `INSERT INTO offer (organization_id, region_code, activity_type, title, description, focus_areas, delivery_modes, languages, capacity, available_from, available_until, status)
       VALUES ($1, 'se-malmo', 'WORKPLACE_PLACEMENT', 'APL på elnätsavdelningen', 'x', '{electricity-energy,engineering}', '{AT_PARTNER}', '{sv}', 4, current_date, current_date + 90, 'PUBLISHED') RETURNING id`,
      [partner.id],
    );
    const request = await one(
      `INSERT INTO collaboration_request (organization_id, region_code, activity_type, title, description, focus_areas, delivery_modes, languages, quantity, student_age, earliest_date, latest_date, status)
       VALUES ($1, 'se-malmo', 'WORKPLACE_PLACEMENT', 'APL för EE2', 'x', '{electricity-energy}', '{AT_PARTNER}', '{sv}', 2, 17, current_date, current_date + 60, 'MATCHED') RETURNING id`,
      [school.id],
    );
    const match = await one(
      `INSERT INTO collaboration_match (request_id, offer_id, school_id, partner_id, region_code, quantity, status, origin, school_accepted, partner_accepted, proposed_by_id)
       VALUES ($1, $2, $3, $4, 'se-malmo', 2, 'APPROVED', 'SCHOOL', true, true, $5) RETURNING id`,
      [request.id, offer.id, school.id, partner.id, user.id],
    );
    await sql.query(`INSERT INTO match_event (match_id, actor_id, to_status) VALUES ($1, $2, 'PROPOSED')`, [match.id, user.id]);
    const data = agreement('sv');
    await sql.query(`INSERT INTO placement (match_id, supervisor, risk_assessment, submitted_at, submitted_by_id) VALUES ($1, $2, $3, now(), $4)`, [
      match.id,
      data.supervisor,
      { version: data.riskAssessment!.version, answers: data.riskAssessment!.answers, summary: data.riskAssessment!.summary },
      user.id,
    ]);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < samples + 10; i++) {
      const started = performance.now();
      const res = await fetch(`${api.url}/matches/${match.id}/agreement.pdf`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status !== 200) throw new Error(`agreement.pdf answered ${res.status}: ${await res.text()}`);
      bytes = (await res.arrayBuffer()).byteLength;
      if (i >= 10) times.push(performance.now() - started);
    }
    log(`\nGET /matches/<id>/agreement.pdf on a production-mode API, one at a time (${samples} after 10 warm-ups):`);
    log(`p50 ${fmt(percentile(times, 50))} ms, p95 ${fmt(percentile(times, 95))} ms, max ${fmt(Math.max(...times))} ms, ${fmt(bytes / 1024)} KiB`);
  } finally {
    await sql.end().catch(() => undefined);
    await api.stop();
    await db.drop();
  }
}
