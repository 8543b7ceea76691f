/**
 * Synthetic scale data for benchmarks: `npm run seed -- --scale N` adds N published
 * offers and N/2 open requests, spread over every region, with partner and school
 * organisations to own them (about 250 offers per partner, 50 requests per school).
 *
 * Rows are generated inside Postgres (INSERT … SELECT over generate_series, 20,000 rows
 * per statement), so nothing travels row by row. `setseed` makes a run deterministic for
 * a given N and starting state. Every synthetic organisation's name starts with "Scale",
 * so the rows are easy to tell from real ones.
 */
import { DataSource } from 'typeorm';

const BATCH = 20_000;

export interface ScaleResult {
  offers: number;
  requests: number;
  partners: number;
  schools: number;
  ms: number;
}

const WORDS = {
  offer: ['Gästföreläsning', 'Studiebesök', 'Laborationsdag', 'Workshop', 'Besøg', 'Foredrag', 'Praktikplats', 'Mentorprogram', 'Öppet hus', 'Projektdag'],
  topic: [
    'kemi',
    'bioteknik',
    'energi',
    'programmering',
    'vård',
    'klimat',
    'matematik',
    'fysik',
    'livsmedel',
    'materialteknik',
    'miljø',
    'havbruk',
    'medisin',
    'robotik',
    'el',
  ],
  text: [
    'Eleverna möter yrkesverksamma och prövar på arbetet.',
    'Vi tar emot klasser i vårt labb och visar hur vi arbetar.',
    'Eleverne får indblik i hverdagen i en moderne virksomhed.',
    'Elevene får se hvordan forskning og industri samarbeider.',
    'A practical session with engineers and researchers.',
  ],
};

/** Region centres for the synthetic organisations' coordinates. */
const CENTRES: Record<string, [number, number]> = {
  'se-malmo': [55.6, 13.0],
  'se-skane': [55.9, 13.4],
  'se-stockholm': [59.33, 18.07],
  'dk-hovedstaden': [55.68, 12.57],
  'no-troms': [69.65, 18.96],
};

const sqlArray = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]::varchar[]`;

export async function seedScale(ds: DataSource, n: number, log: (line: string) => void = () => undefined): Promise<ScaleResult> {
  const started = Date.now();
  const requestsWanted = Math.floor(n / 2);
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.query(`SELECT setseed(0.4242)`);
    const regions = (await qr.query(`SELECT code, country_code FROM region ORDER BY code`)) as Array<{ code: string; country_code: string }>;
    const subjects = ((await qr.query(`SELECT code FROM focus_area WHERE parent_code IS NOT NULL ORDER BY position`)) as Array<{ code: string }>).map((r) => r.code);
    const perRegionPartners = Math.max(2, Math.ceil(n / 250 / regions.length));
    const perRegionSchools = Math.max(2, Math.ceil(requestsWanted / 50 / regions.length));

    // Organisations, per region, with coordinates scattered ~±15 km around its centre.
    const values = regions.map((r) => {
      const [lat, lon] = CENTRES[r.code] ?? [55.6, 13.0];
      return `('${r.code}', '${r.country_code}', ${lat}, ${lon})`;
    });
    const orgs = async (kind: string, count: number, label: string) => {
      const rows = (await qr.query(
        `INSERT INTO organization (kind, name, region_code, municipality, country_code, latitude, longitude, verified)
         SELECT $1, 'Scale ' || $2 || ' ' || r.code || ' ' || g || ' ' || substr(md5(random()::text), 1, 6), r.code, 'Scale', r.cc,
                r.lat + (random() - 0.5) * 0.27, r.lon + (random() - 0.5) * 0.45, true
         FROM (VALUES ${values.join(',')}) AS r(code, cc, lat, lon), generate_series(1, $3) g
         RETURNING id`,
        [kind, label, count],
      )) as Array<{ id: string }>;
      return rows.length;
    };
    const partners = await orgs('COMPANY', perRegionPartners, 'partner');
    const schools = await orgs('SCHOOL', perRegionSchools, 'school');

    // Numbered lists of the synthetic owners, to pick one per row by number.
    await qr.query(`DROP TABLE IF EXISTS pg_temp.scale_owner`);
    await qr.query(
      `CREATE TEMP TABLE scale_owner AS
       SELECT kind, row_number() OVER (PARTITION BY kind ORDER BY id) AS rn, id, region_code,
              CASE country_code WHEN 'DK' THEN 'da' WHEN 'NO' THEN 'nb' ELSE 'sv' END AS lang
       FROM organization WHERE municipality = 'Scale'`,
    );
    await qr.query(`CREATE INDEX ON scale_owner (kind, rn)`);
    const counts = (await qr.query(`SELECT kind, count(*)::int AS n FROM scale_owner GROUP BY kind`)) as Array<{ kind: string; n: number }>;
    const count = (kind: string) => counts.find((c) => c.kind === kind)!.n;

    const pick = (list: string[]) => `(${sqlArray(list)})[1 + floor(random() * ${list.length})::int]`;
    const focus = `CASE WHEN random() < 0.5 THEN ARRAY[${pick(subjects)}] ELSE ARRAY[${pick(subjects)}, ${pick(subjects)}] END`;
    const activity = pick(['GUEST_LECTURE', 'STUDY_VISIT', 'WORKPLACE_PLACEMENT', 'PROJECT', 'MENTORING', 'TEACHER_TRAINING', 'EVENT']);
    const title = `${pick(WORDS.offer)} || ' i ' || ${pick(WORDS.topic)} || ' ' || g`;
    const description = pick(WORDS.text);

    const insertBatches = async (total: number, what: string, sql: (size: number) => string) => {
      for (let done = 0; done < total;) {
        const size = Math.min(BATCH, total - done);
        await qr.query(sql(size));
        done += size;
        log(`${what}: ${done}/${total}`);
      }
    };
    const partnerCount = count('COMPANY');
    await insertBatches(
      n,
      'offers',
      (size) => `
      INSERT INTO offer (organization_id, region_code, activity_type, title, description, focus_areas, delivery_modes, languages,
                         capacity, group_size_max, min_student_age, available_from, available_until, travel_radius_km, status)
      SELECT o.id, o.region_code, x.activity, x.title, x.description, x.focus, x.modes,
             CASE WHEN random() < 0.3 THEN ARRAY[o.lang, 'en'] ELSE ARRAY[o.lang] END,
             1 + floor(random() * 20)::int, CASE WHEN random() < 0.5 THEN 20 + floor(random() * 40)::int END,
             CASE WHEN random() < 0.5 THEN 12 + floor(random() * 6)::int END,
             current_date + x.start, current_date + x.start + 30 + floor(random() * 150)::int,
             CASE WHEN random() < 0.7 THEN 10 + floor(random() * 60)::int END, 'PUBLISHED'
      FROM (
        SELECT g, 1 + floor(random() * ${partnerCount})::int AS owner, ${activity} AS activity, ${title} AS title,
               ${description} AS description, ${focus} AS focus, ${modesFlat()} AS modes, floor(random() * 60)::int AS start
        FROM generate_series(1, ${size}) g
      ) x JOIN scale_owner o ON o.kind = 'COMPANY' AND o.rn = x.owner`,
    );

    const schoolCount = count('SCHOOL');
    await insertBatches(
      requestsWanted,
      'requests',
      (size) => `
      INSERT INTO collaboration_request (organization_id, region_code, activity_type, title, description, focus_areas, delivery_modes,
                                         languages, quantity, group_size, student_age, earliest_date, latest_date, max_travel_km, status)
      SELECT o.id, o.region_code, x.activity, x.title, x.description, x.focus, x.modes, ARRAY[o.lang],
             1 + floor(random() * 4)::int, 5 + floor(random() * 25)::int, 13 + floor(random() * 6)::int,
             current_date + x.start, current_date + x.start + 20 + floor(random() * 120)::int,
             CASE WHEN random() < 0.7 THEN 5 + floor(random() * 40)::int END, 'OPEN'
      FROM (
        SELECT g, 1 + floor(random() * ${schoolCount})::int AS owner, ${activity} AS activity, ${title} AS title,
               ${description} AS description, ${focus} AS focus, ${modesFlat()} AS modes, floor(random() * 60)::int AS start
        FROM generate_series(1, ${size}) g
      ) x JOIN scale_owner o ON o.kind = 'SCHOOL' AND o.rn = x.owner`,
    );
    await qr.query(`VACUUM ANALYZE offer`); // also sets the visibility map, for index-only scans
    await qr.query(`VACUUM ANALYZE collaboration_request`);
    return { offers: n, requests: requestsWanted, partners, schools, ms: Date.now() - started };
  } finally {
    await qr.release();
  }
}

/** One of five delivery-mode sets, as a one-dimensional array. */
function modesFlat(): string {
  const sets = [['AT_SCHOOL', 'REMOTE'], ['AT_PARTNER'], ['AT_SCHOOL'], ['AT_PARTNER', 'REMOTE'], ['AT_SCHOOL', 'AT_PARTNER', 'REMOTE']];
  return `(CASE floor(random() * ${sets.length})::int ${sets.map((s, i) => `WHEN ${i} THEN ${sqlArray(s)}`).join(' ')} END)`;
}

export interface ScaleHistoryResult {
  completed: number;
  other: number;
  feedback: number;
  ms: number;
}

/**
 * A year of history on top of seedScale, for the impact-report benchmark: the requests'
 * creation spread over the last 365 days, `completed` COMPLETED matches (and a fifth as
 * many approved, scheduled or cancelled ones) between requests and offers of the same
 * region, each with a proposal and an acceptance event, and feedback on most completed
 * ones (the school's with gender counts). Generated inside Postgres, like seedScale.
 */
export async function seedScaleHistory(ds: DataSource, completed: number): Promise<ScaleHistoryResult> {
  const started = Date.now();
  const other = Math.floor(completed / 5);
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.query(`SELECT setseed(0.2424)`);
    await qr.query(`UPDATE collaboration_request SET created_at = now() - random() * interval '365 days'`);
    await qr.query(`DROP TABLE IF EXISTS pg_temp.scale_req, pg_temp.scale_off, pg_temp.scale_off_count`);
    await qr.query(
      `CREATE TEMP TABLE scale_req AS SELECT row_number() OVER (ORDER BY id) AS rn, id, organization_id, region_code, quantity, created_at FROM collaboration_request`,
    );
    await qr.query(`CREATE TEMP TABLE scale_off AS SELECT row_number() OVER (PARTITION BY region_code ORDER BY id) AS rn, id, organization_id, region_code FROM offer`);
    await qr.query(`CREATE TEMP TABLE scale_off_count AS SELECT region_code, count(*)::int AS n FROM scale_off GROUP BY region_code`);
    await qr.query(`CREATE INDEX ON scale_req (rn)`);
    await qr.query(`CREATE INDEX ON scale_off (region_code, rn)`);
    const [{ n: requests }] = (await qr.query(`SELECT count(*)::int AS n FROM scale_req`)) as Array<{ n: number }>;
    const statuses = `(ARRAY['APPROVED', 'SCHEDULED', 'CANCELLED'])[1 + floor(random() * 3)::int]`;
    for (let done = 0; done < completed + other;) {
      const size = Math.min(BATCH, completed + other - done);
      await qr.query(
        `INSERT INTO collaboration_match (request_id, offer_id, school_id, partner_id, region_code, quantity, score, status, origin, school_accepted,
                                          partner_accepted, starts_at, ends_at, created_at, updated_at)
         SELECT r.id, o.id, r.organization_id, o.organization_id, r.region_code, 1 + floor(random() * r.quantity)::int, 40 + random() * 60,
                x.status, 'SCHOOL', true, true, x.ends - interval '3 hours', x.ends, x.created, x.ends
           FROM (SELECT g, 1 + floor(random() * $1)::int AS pick, random() AS offer_pick,
                        CASE WHEN g + $2 <= $3 THEN 'COMPLETED' ELSE ${statuses} END AS status FROM generate_series(1, $4) g) p
           JOIN scale_req r ON r.rn = p.pick
           JOIN scale_off_count c ON c.region_code = r.region_code
           JOIN scale_off o ON o.region_code = r.region_code AND o.rn = 1 + floor(p.offer_pick * c.n)::int
           CROSS JOIN LATERAL (SELECT p.status,
                                      r.created_at + random() * interval '20 days' AS created,
                                      CASE WHEN p.status = 'COMPLETED'
                                           THEN least(now() - interval '1 hour', r.created_at + interval '25 days' + random() * interval '120 days')
                                           ELSE now() + random() * interval '60 days' END AS ends) x`,
        [requests, done, completed, size],
      );
      done += size;
    }
    await qr.query(
      `INSERT INTO match_event (match_id, at, from_status, to_status)
       SELECT id, created_at, NULL, 'PROPOSED' FROM collaboration_match
       UNION ALL SELECT id, created_at + random() * interval '10 days', 'PROPOSED', 'AWAITING_APPROVAL' FROM collaboration_match`,
    );
    await qr.query(
      `UPDATE collaboration_request r SET quantity_matched = least(r.quantity, h.q)
         FROM (SELECT request_id, sum(quantity)::int AS q FROM collaboration_match WHERE status <> 'CANCELLED' GROUP BY request_id) h
        WHERE r.id = h.request_id`,
    );
    const school = (await qr.query(
      `INSERT INTO feedback (match_id, side, partner_id, rating, participants_female, participants_male, participants_non_binary, participants_unknown, submitted_at)
       SELECT id, 'SCHOOL', partner_id, 1 + floor(random() * 5)::int, floor(random() * 15)::int, floor(random() * 15)::int, floor(random() * 2)::int, floor(random() * 3)::int, ends_at + interval '2 days'
         FROM collaboration_match WHERE status = 'COMPLETED' AND random() < 0.6 RETURNING id`,
    )) as unknown[];
    const partner = (await qr.query(
      `INSERT INTO feedback (match_id, side, partner_id, rating, submitted_at)
       SELECT id, 'PARTNER', partner_id, 1 + floor(random() * 5)::int, ends_at + interval '3 days' FROM collaboration_match WHERE status = 'COMPLETED' AND random() < 0.4 RETURNING id`,
    )) as unknown[];
    for (const t of ['collaboration_match', 'match_event', 'feedback', 'collaboration_request']) await qr.query(`VACUUM ANALYZE ${t}`);
    return { completed, other, feedback: school.length + partner.length, ms: Date.now() - started };
  } finally {
    await qr.release();
  }
}
