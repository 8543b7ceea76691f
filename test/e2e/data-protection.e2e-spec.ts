/**
 * Data protection (issue 13, point 9; RULES.md "Data protection"): access logs hold no
 * secrets, stored notifications hold no live tokens, a user's account details are theirs
 * and admins' only, and exportMyData / deleteMyAccount cover every table that holds a
 * person's data. Real Postgres, Redis, SMTP, worker; the access log from a real API process.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { CollaborationRequest, Offer, OfferStatus, RequestStatus } from '@brobygge/catalog';
import { OrganizationKind } from '@brobygge/identity';
import { OutboxMessage, OutboxStatus } from '@brobygge/notifications';
import { DataProtection1796600000000 } from '../../libs/database/src/migrations/1796600000000-DataProtection';
import { databaseUrl } from '../support/database';
import { createOrganization, createUser, PASSWORD, TestUser } from '../support/factories';
import { freePort, ROOT } from '../support/processes';
import { inDays } from '../support/queries';
import { eventually, startStack, TestStack } from '../support/stack';

const LEAVER_NAME = 'Lea Lämnarsson';
const PROPOSAL_NOTE = 'Passar det i vår? Hälsningar Lea';

/** The API as its own process, logging at info; its stdout (JSON lines) is collected. */
async function apiWithLogs(env: Record<string, string>): Promise<{ url: string; output: () => string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', ...env, LOG_LEVEL: 'info', PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API process exited: ${out}`);
    if (
      await fetch(`${url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline) throw new Error(`the API process was not ready in 60 s: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

describe('data protection', () => {
  let stack: TestStack;
  let leaver: TestUser; // school owner, coordinator elsewhere, member of a small company
  let partner: TestUser;
  let coordinator: TestUser;
  let admin: TestUser;
  let invitee: TestUser;
  let school: string;
  let company: string;
  let consultancy: string;
  let matchId: string;
  let requestId: string;
  let offerId: string;

  beforeAll(async () => {
    stack = await startStack({ api: true, worker: true, smtp: true });
    leaver = await createUser(stack, { name: LEAVER_NAME, email: 'lea@example.org', coordinatorOf: ['no-troms'], locale: 'sv' });
    partner = await createUser(stack, { name: 'Per Partner' });
    coordinator = await createUser(stack, { coordinatorOf: ['se-malmo'] });
    admin = await createUser(stack, { admin: true });
    invitee = await createUser(stack, { name: 'Ines Invited', email: 'ines@example.org' });
    school = (await createOrganization(stack, { name: 'Rosengårdsskolan', verified: true, owner: leaver.user })).id;
    company = (await createOrganization(stack, { kind: OrganizationKind.COMPANY, name: 'Kemi AB', verified: true, owner: partner.user })).id;
    consultancy = (await createOrganization(stack, { kind: OrganizationKind.COMPANY, name: 'Lea Konsult AB', verified: true, members: [leaver.user] })).id;
  });
  afterAll(() => stack?.close());

  const gql = (query: string, variables: Record<string, unknown>, who?: TestUser) => stack.gql(query, variables, { token: who?.token });
  const ok = async (query: string, variables: Record<string, unknown>, who: TestUser) => {
    const res = await gql(query, variables, who);
    expect(res.errors).toBeUndefined();
    return Object.values(res.data!)[0] as any;
  };

  it('builds the world through the API: the leaver creates items, proposes a match with a note, and is told of its acceptance', async () => {
    const offers = stack.dataSource.getRepository(Offer);
    const partnerOffer = await offers.save(
      offers.create({
        organizationId: company,
        regionCode: 'se-malmo',
        activityType: 'GUEST_LECTURE' as never,
        title: 'Kemi i vardagen',
        description: 'x',
        focusAreas: ['chemistry'],
        deliveryModes: ['REMOTE' as never],
        languages: ['sv'],
        capacity: 5,
        availableFrom: inDays(1),
        availableUntil: inDays(100),
        status: OfferStatus.PUBLISHED,
      }),
    );
    const request = await ok(
      'mutation($input: CreateRequestInput!) { createRequest(input: $input) { id } }',
      {
        input: {
          organizationId: school,
          activityType: 'GUEST_LECTURE',
          title: 'Kemi för NA1',
          description: 'En föreläsning.',
          focusAreas: ['chemistry'],
          deliveryModes: ['REMOTE'],
          languages: ['sv'],
          quantity: 1,
          earliestDate: inDays(5),
          latestDate: inDays(60),
        },
      },
      leaver,
    );
    requestId = request.id;
    const offer = await ok(
      'mutation($input: CreateOfferInput!) { createOffer(input: $input) { id } }',
      {
        input: {
          organizationId: consultancy,
          activityType: 'GUEST_LECTURE',
          title: 'Lea berättar',
          description: 'Om yrket.',
          focusAreas: ['chemistry'],
          deliveryModes: ['REMOTE'],
          languages: ['sv'],
          capacity: 2,
          availableFrom: inDays(10),
          availableUntil: inDays(100),
        },
      },
      leaver,
    );
    offerId = offer.id;
    const proposed = await ok(
      'mutation($input: ProposeMatchInput!) { proposeMatch(input: $input) { id } }',
      {
        input: { requestId, offerId: partnerOffer.id, quantity: 1, message: PROPOSAL_NOTE },
      },
      leaver,
    );
    matchId = proposed.id;
    await ok('mutation($id: ID!) { acceptMatch(id: $id, message: "Gärna!") { id status } }', { id: matchId }, partner);
    // The worker delivers "accepted" to the proposer's organisation: an in-app notification for the leaver.
    await eventually(async () => {
      const [{ n }] = await stack.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE user_id = $1`, [leaver.user.id]);
      return n > 0;
    });
    expect(await stack.dataSource.getRepository(CollaborationRequest).findOneByOrFail({ id: requestId })).toMatchObject({
      createdById: leaver.user.id,
      status: RequestStatus.MATCHED,
    });
  });

  it('stores no live invitation token in a notification: invitations are e-mail only, and the e-mail still works', async () => {
    const invited = await ok(
      'mutation($input: InviteMemberInput!) { inviteMember(input: $input) }',
      {
        input: { organizationId: school, email: invitee.user.email, role: 'MEMBER' },
      },
      leaver,
    );
    expect(invited).toBe(true);
    const mail = await eventually(async () =>
      stack.smtp!.messages.find((m) => m.to && JSON.stringify(m.to).includes('ines@example.org') && m.subject?.includes('Rosengårdsskolan')),
    );
    const token = /invitations\/accept\?token=([A-Za-z0-9_-]+)/.exec(mail.text!)![1];
    const row = await eventually(async () => {
      const r = await stack.dataSource.getRepository(OutboxMessage).findOneBy({ type: 'invitation', recipientEmail: 'ines@example.org' });
      return r?.status === OutboxStatus.SENT && r;
    });
    expect(row.recipientUserId).toBe(invitee.user.id); // an existing account: before, it got an in-app copy with the link
    const stored: Array<{ type: string; link: string | null; body: string }> = await stack.dataSource.query(
      `SELECT type, link, body FROM notification WHERE user_id = $1 OR link LIKE '%token=%' OR outbox_id = $2`,
      [invitee.user.id, row.id],
    );
    expect(stored).toEqual([]);
    const [{ n }] = await stack.dataSource.query(`SELECT count(*)::int AS n FROM notification WHERE link LIKE $1 OR body LIKE $1`, [`%${token}%`]);
    expect(n).toBe(0);
    const inApp = await ok('query { notifications(first: 50) { totalCount } }', {}, invitee);
    expect(inApp.totalCount).toBe(0);
    expect(JSON.stringify(row.payload)).not.toContain(token);
    // The e-mail's link is the credential, and it works.
    const accepted = await ok('mutation($t: String!) { acceptInvitation(token: $t) { role organization { id } } }', { t: token }, invitee);
    expect(accepted).toEqual({ role: 'MEMBER', organization: { id: school } });
  });

  it('writes no calendar token, and no token= query parameter, into the access log', async () => {
    const url: string = (await ok('query { me { calendarUrl } }', {}, leaver)).calendarUrl;
    const token = /\/calendar\/([A-Za-z0-9_-]+)\.ics$/.exec(url)![1];
    const api = await apiWithLogs({ DATABASE_URL: databaseUrl(stack.dbName), REDIS_URL: stack.config.REDIS_URL, REDIS_PREFIX: stack.config.REDIS_PREFIX });
    try {
      const feed = await fetch(`${api.url}/calendar/${token}.ics`);
      expect(feed.status).toBe(200);
      expect(await feed.text()).toContain('BEGIN:VCALENDAR');
      expect((await fetch(`${api.url}/calendar/${token}.ics?token=${token}&x=1`)).status).toBe(200);
      expect((await fetch(`${api.url}/calendar/${token.slice(0, 20)}nothing-like-it.ics`)).status).toBe(404);
      expect((await fetch(`${api.url}/no-such-page?token=${token}`)).status).toBe(404);
      const lines = await eventually(async () => {
        const parsed = api
          .output()
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l));
        const done = parsed.filter((l) => l.req && l.res);
        return done.length >= 4 && done;
      });
      expect(api.output()).not.toContain(token);
      expect(api.output()).not.toContain(token.slice(0, 20));
      expect(lines.map((l) => [l.req.url, l.res.statusCode])).toEqual(
        expect.arrayContaining([
          ['/calendar/[redacted].ics', 200],
          ['/calendar/[redacted].ics?token=[redacted]&x=1', 200],
          ['/calendar/[redacted].ics', 404],
          ['/no-such-page?token=[redacted]', 404],
        ]),
      );
      for (const l of lines) expect(JSON.stringify([l.req.query, l.req.params])).not.toMatch(/[A-Za-z0-9_-]{20,}/);
    } finally {
      await api.stop();
    }
  });

  describe("a user's account details: the user and admins only", () => {
    const FIELDS: Record<string, string> = {
      email: 'email',
      roles: 'roles',
      coordinatorRegions: 'coordinatorRegions { code }',
      memberships: 'memberships { role organization { id } }',
    };
    const HISTORY = (field: string) => `query($id: ID!) { match(id: $id) { history { toStatus actor { id name ${field} } } } }`;
    type Outcome = 'OK' | 'FORBIDDEN';
    const VIEWERS: Array<[string, Outcome, () => TestUser]> = [
      ['the user', 'OK', () => leaver],
      ['an admin', 'OK', () => admin],
      ['the other side of the match', 'FORBIDDEN', () => partner],
      ["the region's coordinator", 'FORBIDDEN', () => coordinator],
    ];

    it.each(VIEWERS)('via Match.history { actor }: %s → %s on email, roles, coordinatorRegions, memberships; id and name for all', async (_who, outcome, viewer) => {
      for (const [name, selection] of Object.entries(FIELDS)) {
        const res = await gql(HISTORY(selection), { id: matchId }, viewer());
        const proposal = res.data!.match.history.findIndex((h: any) => h.toStatus === 'PROPOSED');
        const actor = res.data!.match.history[proposal].actor;
        // Only the leaver's step is asked about here (the partner acted on the next one).
        const errors = (res.errors ?? []).filter((e) => (e.path as unknown[] | undefined)?.[2] === proposal);
        if (outcome === 'OK') {
          expect(errors).toEqual([]);
          expect(actor).toMatchObject({ id: leaver.user.id, name: LEAVER_NAME });
          expect(actor[name]).toBeDefined();
        } else {
          expect(errors).toEqual([
            expect.objectContaining({ path: ['match', 'history', proposal, 'actor', name], extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
          ]);
          expect(actor).toBeNull(); // a non-null field refused: the nullable actor goes
          // …while id and name alone are readable.
          const plain = await gql(HISTORY(''), { id: matchId }, viewer());
          expect(plain.errors).toBeUndefined();
          expect(plain.data!.match.history[proposal].actor).toEqual({ id: leaver.user.id, name: LEAVER_NAME });
        }
      }
      if (outcome === 'OK') {
        const res = await gql(HISTORY(Object.values(FIELDS).join(' ')), { id: matchId }, viewer());
        expect((res.errors ?? []).filter((e) => (e.path as unknown[] | undefined)?.[2] === 0)).toEqual([]);
        const actor = res.data!.match.history.find((h: any) => h.toStatus === 'PROPOSED').actor;
        expect(actor).toMatchObject({ email: 'lea@example.org', roles: ['COORDINATOR'], coordinatorRegions: [{ code: 'no-troms' }] });
        expect(actor.memberships.map((m: any) => m.organization.id).sort()).toEqual([school, consultancy].sort());
      }
    });

    it('via me, login and updateProfile: the user sees them', async () => {
      const all = Object.values(FIELDS).join(' ');
      expect((await ok(`query { me { id ${all} } }`, {}, leaver)).roles).toEqual(['COORDINATOR']);
      const login = await gql(`mutation($i: LoginInput!) { login(input: $i) { user { id ${all} } } }`, { i: { email: 'lea@example.org', password: PASSWORD } });
      expect(login.errors).toBeUndefined();
      expect(login.data!.login.user).toMatchObject({ id: leaver.user.id, email: 'lea@example.org', roles: ['COORDINATOR'] });
      expect((await ok(`mutation { updateProfile(input: { name: "${LEAVER_NAME}" }) { ${all} } }`, {}, leaver)).email).toBe('lea@example.org');
    });

    it('via grantCoordinator: only admins get there, and they see them', async () => {
      const all = Object.values(FIELDS).join(' ');
      const q = `mutation($u: ID!) { grantCoordinator(userId: $u, regionCodes: ["se-skane"]) { id ${all} } }`;
      expect((await gql(q, { u: leaver.user.id }, partner)).errors![0].extensions!.code).toBe('FORBIDDEN');
      expect(await ok(q, { u: leaver.user.id }, admin)).toMatchObject({
        email: 'lea@example.org',
        roles: ['COORDINATOR'],
        coordinatorRegions: [{ code: 'no-troms' }, { code: 'se-skane' }],
      });
    });
  });

  it('exports the notifications, the history entries with what the person wrote, and the items they created', async () => {
    // The school names the leaver as its contact person (the address as the profile normalises it).
    await ok(
      'mutation($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { id } }',
      { id: school, input: { contact: { name: LEAVER_NAME, email: 'Lea@Example.org', phone: '+46 70 123 45 67', role: 'Rektor' } } },
      leaver,
    );
    const exported = JSON.parse(await ok('mutation { exportMyData }', {}, leaver));
    expect(exported.organizationContacts).toEqual([
      { organizationId: school, organizationName: 'Rosengårdsskolan', contact: expect.objectContaining({ name: LEAVER_NAME, email: 'lea@example.org' }) },
    ]);
    expect(exported.notifications).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'match_accepted', title: expect.any(String), body: expect.any(String), createdAt: expect.any(String) })]),
    );
    expect(exported.matchHistory).toEqual([expect.objectContaining({ matchId, fromStatus: null, toStatus: 'PROPOSED', comment: PROPOSAL_NOTE })]);
    expect(exported.matchesProposed).toEqual([expect.objectContaining({ id: matchId, requestId, status: 'AWAITING_APPROVAL' })]);
    expect(exported.requestsCreated).toEqual([expect.objectContaining({ id: requestId, organizationId: school, title: 'Kemi för NA1' })]);
    expect(exported.offersCreated).toEqual([expect.objectContaining({ id: offerId, organizationId: consultancy, title: 'Lea berättar' })]);
    expect(exported.invitationsSent).toEqual([expect.objectContaining({ email: 'ines@example.org', organizationId: school })]);
    expect(exported.messages).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'match_accepted' })]));
    expect(exported).toHaveProperty('calendarFeed.createdAt');
    expect(exported).toHaveProperty('feedbackGiven', []);
    expect(JSON.stringify(exported)).not.toMatch(/\$argon2/);
  });

  it("erases: own notifications deleted, the name gone from outbox payloads, the organisations' records kept without the person", async () => {
    // An invitation written before invitations carried their id (found by its transaction time).
    await stack.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO invitation (organization_id, email, role, token_hash, invited_by_id, expires_at)
         VALUES ($1, 'old@example.org', 'MEMBER', repeat('a', 64), $2, now() + interval '7 days')`,
        [school, leaver.user.id],
      );
      await m.query(
        `INSERT INTO outbox_message (id, type, recipient_email, locale, payload, status, sent_at)
         VALUES (gen_random_uuid(), 'invitation', 'old@example.org', 'sv', $1, 'SENT', now())`,
        [JSON.stringify({ organizationName: 'Rosengårdsskolan', inviterName: LEAVER_NAME, role: 'MEMBER' })],
      );
    });
    const [{ n: before }] = await stack.dataSource.query(`SELECT count(*)::int AS n FROM outbox_message WHERE payload::text LIKE $1`, [`%${LEAVER_NAME}%`]);
    expect(before).toBe(2);

    expect(await ok('mutation($p: String!) { deleteMyAccount(password: $p) }', { p: PASSWORD }, leaver)).toBe(true);

    const q = async (sql: string, params: unknown[] = []) => stack.dataSource.query(sql, params);
    expect(await q(`SELECT id FROM notification WHERE user_id = $1`, [leaver.user.id])).toEqual([]);
    expect(await q(`SELECT id, type FROM outbox_message WHERE payload::text LIKE $1`, [`%${LEAVER_NAME}%`])).toEqual([]);
    const invitations = await q(`SELECT payload FROM outbox_message WHERE type = 'invitation' AND recipient_email IN ('ines@example.org', 'old@example.org')`);
    expect(invitations).toHaveLength(2);
    for (const { payload } of invitations) expect(payload).toMatchObject({ organizationName: 'Rosengårdsskolan', role: 'MEMBER' });
    expect(
      await q(`SELECT recipient_email, payload FROM outbox_message WHERE recipient_user_id = $1 AND (recipient_email IS NOT NULL OR payload <> '{}'::jsonb)`, [
        leaver.user.id,
      ]),
    ).toEqual([]);
    // The history keeps what was said, without its author.
    expect(await q(`SELECT actor_id, comment FROM match_event WHERE match_id = $1 AND to_status = 'PROPOSED'`, [matchId])).toEqual([
      { actor_id: null, comment: PROPOSAL_NOTE },
    ]);
    expect(await q(`SELECT count(*)::int AS n FROM match_event WHERE actor_id = $1`, [leaver.user.id])).toEqual([{ n: 0 }]);
    expect(await q(`SELECT proposed_by_id, status FROM collaboration_match WHERE id = $1`, [matchId])).toEqual([{ proposed_by_id: null, status: 'AWAITING_APPROVAL' }]);
    expect(await q(`SELECT created_by_id FROM collaboration_request WHERE id = $1`, [requestId])).toEqual([{ created_by_id: null }]);
    expect(await q(`SELECT created_by_id FROM offer WHERE id = $1`, [offerId])).toEqual([{ created_by_id: null }]);
    expect(await q(`SELECT count(*)::int AS n FROM calendar_feed WHERE user_id = $1`, [leaver.user.id])).toEqual([{ n: 0 }]);
    expect(await q(`SELECT count(*)::int AS n FROM invitation WHERE invited_by_id = $1 OR accepted_by_id = $1`, [leaver.user.id])).toEqual([{ n: 0 }]);
    expect(await q(`SELECT count(*)::int AS n FROM membership WHERE user_id = $1`, [leaver.user.id])).toEqual([{ n: 0 }]);
    expect(await q(`SELECT count(*)::int AS n FROM coordinator_region WHERE user_id = $1`, [leaver.user.id])).toEqual([{ n: 0 }]);
    expect(await q(`SELECT contact FROM organization WHERE id = $1`, [school])).toEqual([{ contact: null }]);
    // Nothing left that names or reaches the person, in any table.
    const tables: Array<{ table_name: string }> = await q(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    for (const { table_name } of tables) {
      const [{ n }] = await q(`SELECT count(*)::int AS n FROM "${table_name}" t WHERE t::text LIKE $1 OR t::text ILIKE $2`, [`%${LEAVER_NAME}%`, '%lea@example.org%']);
      expect([table_name, n]).toEqual([table_name, 0]);
    }
    // The other side still sees the history, with no author for the leaver's step.
    const seen = await ok('query($id: ID!) { match(id: $id) { history { toStatus comment actor { id } } } }', { id: matchId }, partner);
    expect(seen.history.find((h: any) => h.toStatus === 'PROPOSED')).toEqual({ toStatus: 'PROPOSED', comment: PROPOSAL_NOTE, actor: null });
  });

  it('the DataProtection migration brings data stored under the old rules in line', async () => {
    const q = async (sql: string, params: unknown[] = []) => stack.dataSource.query(sql, params);
    const gone = await createUser(stack, { name: 'Gunnar Gammal' });
    const reader = await createUser(stack);
    const org = await createOrganization(stack, { name: 'Gamla skolan' });
    const [offer] = await q(`SELECT id FROM offer WHERE organization_id = $1`, [company]);
    const [req] = await q(
      `INSERT INTO collaboration_request (organization_id, region_code, activity_type, title, description, focus_areas, delivery_modes, languages, quantity, earliest_date, latest_date, status, created_by_id)
      SELECT organization_id, region_code, activity_type, 'Gammal', 'x', focus_areas, delivery_modes, languages, 1, earliest_date, latest_date, 'OPEN', $2 FROM collaboration_request WHERE id = $1 RETURNING id`,
      [requestId, gone.user.id],
    );
    await q(`UPDATE offer SET created_by_id = $2 WHERE id = $1`, [offer.id, gone.user.id]);
    await q(`UPDATE collaboration_match SET proposed_by_id = $2 WHERE id = $1`, [matchId, gone.user.id]);
    await q(`INSERT INTO match_event (match_id, actor_id, to_status, comment) VALUES ($1, $2, 'AWAITING_APPROVAL', 'Gammal kommentar')`, [matchId, gone.user.id]);
    const note = (userId: string, type: string, link: string | null) =>
      q(`INSERT INTO notification (user_id, outbox_id, type, title, body, link) VALUES ($1, gen_random_uuid(), $2, 't', 'b', $3)`, [userId, type, link]);
    await note(gone.user.id, 'match_proposed', 'https://brobygge.test/matches/x');
    await note(reader.user.id, 'invitation', 'https://brobygge.test/invitations/accept?token=live-secret');
    await note(reader.user.id, 'other', 'https://brobygge.test/somewhere?a=1&token=live-secret');
    await note(reader.user.id, 'match_approved', 'https://brobygge.test/matches/y');
    await stack.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO invitation (organization_id, email, role, token_hash, invited_by_id, expires_at) VALUES ($1, 'ny@example.org', 'MEMBER', repeat('b', 64), $2, now())`,
        [org.id, gone.user.id],
      );
      await m.query(
        `INSERT INTO outbox_message (id, type, recipient_email, locale, payload, status) VALUES (gen_random_uuid(), 'invitation', 'ny@example.org', 'sv', $1, 'SENT')`,
        [JSON.stringify({ organizationName: 'Gamla skolan', inviterName: 'Gunnar Gammal', role: 'MEMBER' })],
      );
    });
    // Erased the old way: the account row and the invitation's inviter only.
    await q(`UPDATE app_user SET name = 'Deleted user', email = NULL, password_hash = NULL, deleted_at = now() WHERE id = $1`, [gone.user.id]);
    await q(`UPDATE invitation SET invited_by_id = NULL WHERE invited_by_id = $1`, [gone.user.id]);

    const runner = stack.dataSource.createQueryRunner();
    try {
      await new DataProtection1796600000000().up(runner);
    } finally {
      await runner.release();
    }
    expect(await q(`SELECT type, link FROM notification WHERE user_id = ANY($1::uuid[]) ORDER BY type`, [[gone.user.id, reader.user.id]])).toEqual([
      { type: 'match_approved', link: 'https://brobygge.test/matches/y' },
      { type: 'other', link: null },
    ]);
    expect(await q(`SELECT count(*)::int AS n FROM notification WHERE link LIKE '%token=%'`)).toEqual([{ n: 0 }]);
    expect(await q(`SELECT count(*)::int AS n FROM match_event WHERE actor_id = $1`, [gone.user.id])).toEqual([{ n: 0 }]);
    expect(await q(`SELECT comment FROM match_event WHERE comment = 'Gammal kommentar'`)).toEqual([{ comment: 'Gammal kommentar' }]);
    expect(await q(`SELECT proposed_by_id FROM collaboration_match WHERE id = $1`, [matchId])).toEqual([{ proposed_by_id: null }]);
    expect(await q(`SELECT created_by_id FROM offer WHERE id = $1`, [offer.id])).toEqual([{ created_by_id: null }]);
    expect(await q(`SELECT created_by_id FROM collaboration_request WHERE id = $1`, [req.id])).toEqual([{ created_by_id: null }]);
    expect(await q(`SELECT payload FROM outbox_message WHERE recipient_email = 'ny@example.org'`)).toEqual([
      { payload: { organizationName: 'Gamla skolan', role: 'MEMBER' } },
    ]);
  });
});
