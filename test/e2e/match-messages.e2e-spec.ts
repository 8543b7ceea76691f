/**
 * The conversation on a match (issue 16, point 4; point 6's query bound): who may write
 * and read, in which states, the body's rules, keyset pages, unread counts, the in-app
 * notice at once and the hourly e-mail cap (real SMTP peer), digest subscribers, erasure,
 * and the throttle.
 */
import { randomUUID } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { DigestService, Match, MatchOrigin, MatchStatus } from '@brobygge/collaboration';
import { OrganizationKind } from '@brobygge/identity';
import { OutboxMessage, OutboxStatus, render } from '@brobygge/notifications';
import { createOffer, createOrganization, createRequest, createUser, PASSWORD, TestUser } from '../support/factories';
import { countQueries } from '../support/queries';
import { eventually, startStack, TestStack } from '../support/stack';

const POST = 'mutation PostMessage($matchId: ID!, $body: String!) { postMessage(matchId: $matchId, body: $body) { id side body createdAt author { id name } } }';
const MESSAGES = `query MatchMessages($id: ID!, $first: Int, $after: String) {
  match(id: $id) {
    id unreadMessages
    messages(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id side body createdAt author { name } } } }
  }
}`;
const MARK = 'mutation MarkMessagesRead($matchId: ID!) { markMessagesRead(matchId: $matchId) }';
const NOTIFICATIONS = '{ notifications(first: 50) { totalCount edges { node { type title body } } } }';

interface World {
  teacher: TestUser;
  colleague: TestUser;
  partner: TestUser;
  coordinator: TestUser;
  otherCoordinator: TestUser;
  admin: TestUser;
  outsider: TestUser;
  schoolId: string;
  partnerId: string;
  offerId: string;
}

async function world(stack: TestStack, opts: { partnerVerified?: boolean } = {}): Promise<World> {
  const teacher = await createUser(stack, { name: 'Tea Teacher' });
  const colleague = await createUser(stack, { name: 'Col League' });
  const partner = await createUser(stack, { name: 'Pat Partner' });
  const coordinator = await createUser(stack, { name: 'Coco Ordinator', coordinatorOf: ['se-malmo'] });
  const otherCoordinator = await createUser(stack, { coordinatorOf: ['se-stockholm'] });
  const admin = await createUser(stack, { admin: true });
  const outsider = await createUser(stack);
  const school = await createOrganization(stack, { name: 'Rosengårdsskolan', verified: true, owner: teacher.user, members: [colleague.user] });
  const company = await createOrganization(stack, {
    kind: OrganizationKind.COMPANY,
    name: 'Kemi AB',
    verified: opts.partnerVerified ?? true,
    owner: partner.user,
  });
  const offer = await createOffer(stack, { organizationId: company.id, title: 'Kemi i vardagen' });
  return {
    teacher,
    colleague,
    partner,
    coordinator,
    otherCoordinator,
    admin,
    outsider,
    schoolId: school.id,
    partnerId: company.id,
    offerId: offer.id,
  };
}

/** A match in `status` of a new request of the world's school and its offer, straight in the database. */
async function match(stack: TestStack, w: World, status: MatchStatus = MatchStatus.APPROVED): Promise<string> {
  const repo = stack.dataSource.getRepository(Match);
  const request = await createRequest(stack, { organizationId: w.schoolId });
  const row = await repo.save(
    repo.create({
      requestId: request.id,
      offerId: w.offerId,
      schoolId: w.schoolId,
      partnerId: w.partnerId,
      regionCode: 'se-malmo',
      quantity: 1,
      status,
      origin: MatchOrigin.SCHOOL,
      schoolAccepted: true,
      partnerAccepted: status !== MatchStatus.PROPOSED,
    }),
  );
  return row.id;
}

/** `n` messages straight in the database, one second apart, written by `author` as SCHOOL. */
async function seedMessages(stack: TestStack, matchId: string, authorId: string, n: number): Promise<void> {
  await stack.dataSource.query(
    `INSERT INTO match_message (match_id, author_id, side, body, created_at)
     SELECT $1, $2, 'SCHOOL', 'Message ' || i, now() - interval '1 day' + i * interval '1 second' FROM generate_series(1, $3) AS i`,
    [matchId, authorId, n],
  );
}

const code = (res: { errors?: Array<{ extensions?: Record<string, any> }> }) => res.errors?.[0]?.extensions?.code;
const to = (mail: ParsedMail) => (mail.to && 'value' in mail.to ? mail.to.value[0].address : undefined);

describe('the conversation on a match (issue 16)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ api: true, worker: true, smtp: true });
  });
  afterAll(() => stack.close());

  /** The outbox rows of a match's messages, once the worker has handled them all. */
  async function deliveredMessageRows(matchId: string, count: number): Promise<OutboxMessage[]> {
    return eventually(async () => {
      const rows = await stack.dataSource
        .getRepository(OutboxMessage)
        .createQueryBuilder('o')
        .where(`o.type = 'match_message' AND o.payload->>'matchId' = :matchId`, { matchId })
        .getMany();
      return rows.length === count && rows.every((r) => r.status === OutboxStatus.SENT) ? rows : undefined;
    });
  }

  describe('who may write and read', () => {
    it('members of either side and coordinators of the region write, each as their side; others get NOT_FOUND or FORBIDDEN', async () => {
      const w = await world(stack);
      const id = await match(stack, w);
      const asTeacher = await stack.gql(POST, { matchId: id, body: 'Hej! När passar det?' }, { token: w.teacher.token });
      expect(asTeacher.errors).toBeUndefined();
      expect(asTeacher.data!.postMessage).toMatchObject({ side: 'SCHOOL', body: 'Hej! När passar det?', author: { id: w.teacher.user.id, name: 'Tea Teacher' } });
      expect((await stack.gql(POST, { matchId: id, body: 'Vecka 12.' }, { token: w.partner.token })).data!.postMessage).toMatchObject({ side: 'PARTNER' });
      expect((await stack.gql(POST, { matchId: id, body: 'Bra!' }, { token: w.coordinator.token })).data!.postMessage).toMatchObject({ side: 'COORDINATOR' });

      expect(code(await stack.gql(POST, { matchId: id, body: 'x' }, { token: w.otherCoordinator.token }))).toBe('NOT_FOUND');
      expect(code(await stack.gql(POST, { matchId: id, body: 'x' }, { token: w.outsider.token }))).toBe('NOT_FOUND');
      expect(code(await stack.gql(POST, { matchId: id, body: 'x' }, { token: w.admin.token }))).toBe('FORBIDDEN');
      expect(code(await stack.gql(POST, { matchId: randomUUID(), body: 'x' }, { token: w.teacher.token }))).toBe('NOT_FOUND');
      expect(code(await stack.gql(POST, { matchId: 'not-an-id', body: 'x' }, { token: w.teacher.token }))).toBe('NOT_FOUND');
      expect(code(await stack.gql(POST, { matchId: id, body: 'x' }))).toBe('UNAUTHENTICATED');

      // Reading: the same people see all three, oldest first; the others cannot.
      for (const who of [w.teacher, w.colleague, w.partner, w.coordinator]) {
        const res = await stack.gql(MESSAGES, { id }, { token: who.token });
        expect(res.errors).toBeUndefined();
        expect(res.data!.match.messages.edges.map((e: any) => e.node.side)).toEqual(['SCHOOL', 'PARTNER', 'COORDINATOR']);
      }
      // An admin sees the match but takes no part: the conversation is empty for them, and a
      // list of matches that selects it still answers (FORBIDDEN here would null the list).
      const admin = await stack.gql(MESSAGES, { id }, { token: w.admin.token });
      expect(admin.errors).toBeUndefined();
      expect(admin.data!.match.messages).toMatchObject({ totalCount: 0, edges: [] });
      const list = await stack.gql('{ matches(first: 50) { edges { node { id messages { totalCount } } } } }', {}, { token: w.admin.token });
      expect(list.errors).toBeUndefined();
      expect(list.data!.matches.edges.find((e: any) => e.node.id === id).node.messages.totalCount).toBe(0);
      const adminUnread = await stack.gql('query($id: ID!) { match(id: $id) { unreadMessages } }', { id }, { token: w.admin.token });
      expect(adminUnread.data!.match.unreadMessages).toBe(0);
      for (const who of [w.outsider, w.otherCoordinator]) {
        const res = await stack.gql(MESSAGES, { id }, { token: who.token });
        expect(res.data!.match).toBeNull();
        expect(code(res)).toBe('NOT_FOUND');
      }
    });

    it('a member of both sides writes as the SCHOOL', async () => {
      const w = await world(stack);
      await stack.dataSource.query(`INSERT INTO membership (user_id, organization_id, role) VALUES ($1, $2, 'MEMBER')`, [w.teacher.user.id, w.partnerId]);
      const id = await match(stack, w);
      expect((await stack.gql(POST, { matchId: id, body: 'Both' }, { token: w.teacher.token })).data!.postMessage.side).toBe('SCHOOL');
    });

    it('writing is refused with CONFLICT once the match is DECLINED, REJECTED or CANCELLED; what was said stays readable', async () => {
      const w = await world(stack);
      for (const status of [MatchStatus.PROPOSED, MatchStatus.AWAITING_APPROVAL, MatchStatus.APPROVED, MatchStatus.SCHEDULED, MatchStatus.COMPLETED]) {
        const id = await match(stack, w, status);
        const res = await stack.gql(POST, { matchId: id, body: `In ${status}` }, { token: w.teacher.token });
        expect([status, res.errors]).toEqual([status, undefined]);
      }
      for (const status of [MatchStatus.DECLINED, MatchStatus.REJECTED, MatchStatus.CANCELLED]) {
        const id = await match(stack, w, status);
        await seedMessages(stack, id, w.partner.user.id, 1);
        const res = await stack.gql(POST, { matchId: id, body: 'Too late' }, { token: w.teacher.token });
        expect([status, code(res)]).toEqual([status, 'CONFLICT']);
        expect(res.errors![0].message).toContain(status);
        const read = await stack.gql(MESSAGES, { id }, { token: w.teacher.token });
        expect(read.data!.match.messages.totalCount).toBe(1);
        expect((await stack.gql(MARK, { matchId: id }, { token: w.teacher.token })).data!.markMessagesRead).toBe(1);
      }
    });
  });

  describe('the body', () => {
    it('is trimmed text of 1 to 4,000 characters, with no control characters; HTML is kept as text', async () => {
      const w = await world(stack);
      const id = await match(stack, w);
      for (const body of ['', '   \n  ', 'x'.repeat(4001), 'bell\u0007']) {
        const res = await stack.gql(POST, { matchId: id, body }, { token: w.teacher.token });
        expect(res.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });
      }
      const long = await stack.gql(POST, { matchId: id, body: ` ${'y'.repeat(4000)} ` }, { token: w.teacher.token });
      expect(long.data!.postMessage.body).toBe('y'.repeat(4000));
      const html = await stack.gql(POST, { matchId: id, body: '<b>Hej</b> & <script>alert(1)</script>\nRad två' }, { token: w.teacher.token });
      expect(html.data!.postMessage.body).toBe('<b>Hej</b> & <script>alert(1)</script>\nRad två');
      const [{ n }] = await stack.dataSource.query(`SELECT count(*)::int AS n FROM match_message WHERE match_id = $1`, [id]);
      expect(n).toBe(2);
    });
  });

  describe('pages and unread counts', () => {
    it('pages 120 messages oldest first by keyset cursors, with totalCount; bad cursors and sizes are BAD_USER_INPUT', async () => {
      const w = await world(stack);
      const id = await match(stack, w);
      await seedMessages(stack, id, w.teacher.user.id, 120);
      const seen: string[] = [];
      let after: string | null = null;
      const sizes: number[] = [];
      for (;;) {
        const res: any = await stack.gql(MESSAGES, { id, first: 50, after }, { token: w.partner.token });
        expect(res.errors).toBeUndefined();
        const page = res.data.match.messages;
        expect(page.totalCount).toBe(120);
        sizes.push(page.edges.length);
        seen.push(...page.edges.map((e: any) => e.node.body));
        expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(sizes).toEqual([50, 50, 20]);
      expect(seen).toEqual(Array.from({ length: 120 }, (_, i) => `Message ${i + 1}`));
      // The default page is 50.
      expect((await stack.gql(MESSAGES, { id }, { token: w.partner.token })).data!.match.messages.edges).toHaveLength(50);
      for (const first of [0, 101]) {
        expect((await stack.gql(MESSAGES, { id, first }, { token: w.partner.token })).errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
      }
      for (const bad of ['nonsense', Buffer.from(JSON.stringify(['2026-01-01', 'x'])).toString('base64url')]) {
        expect((await stack.gql(MESSAGES, { id, after: bad }, { token: w.partner.token })).errors![0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'after',
        });
      }
    });

    it("counts others' messages after each person's read marker; markMessagesRead says how many it marked", async () => {
      const w = await world(stack);
      const id = await match(stack, w);
      const unread = async (who: TestUser) => (await stack.gql(MESSAGES, { id, first: 1 }, { token: who.token })).data!.match.unreadMessages;
      await stack.gql(POST, { matchId: id, body: 'Ett' }, { token: w.teacher.token });
      await stack.gql(POST, { matchId: id, body: 'Två' }, { token: w.teacher.token });
      expect(await unread(w.teacher)).toBe(0); // one's own messages are never unread
      expect(await unread(w.colleague)).toBe(2);
      expect(await unread(w.partner)).toBe(2);
      expect(await unread(w.coordinator)).toBe(2);

      expect((await stack.gql(MARK, { matchId: id }, { token: w.partner.token })).data!.markMessagesRead).toBe(2);
      expect((await stack.gql(MARK, { matchId: id }, { token: w.partner.token })).data!.markMessagesRead).toBe(0);
      expect(await unread(w.partner)).toBe(0);
      expect(await unread(w.colleague)).toBe(2);

      await stack.gql(POST, { matchId: id, body: 'Svar' }, { token: w.partner.token });
      await stack.gql(POST, { matchId: id, body: 'Tre' }, { token: w.teacher.token });
      expect(await unread(w.partner)).toBe(1);
      expect(await unread(w.teacher)).toBe(1);
      expect(await unread(w.colleague)).toBe(4);
      expect((await stack.gql(MARK, { matchId: id }, { token: w.teacher.token })).data!.markMessagesRead).toBe(1);

      expect(code(await stack.gql(MARK, { matchId: id }, { token: w.admin.token }))).toBe('FORBIDDEN');
      expect(code(await stack.gql(MARK, { matchId: id }, { token: w.outsider.token }))).toBe('NOT_FOUND');
      expect(code(await stack.gql(MARK, { matchId: randomUUID() }, { token: w.partner.token }))).toBe('NOT_FOUND');

      // In a list of matches, each has its own count.
      const other = await match(stack, w, MatchStatus.COMPLETED);
      await seedMessages(stack, other, w.teacher.user.id, 3);
      const res = await stack.gql('{ matches(first: 50) { edges { node { id unreadMessages } } } }', {}, { token: w.colleague.token });
      const counts = Object.fromEntries(res.data!.matches.edges.map((e: any) => [e.node.id, e.node.unreadMessages]));
      expect(counts).toEqual({ [id]: 4, [other]: 3 });
    });
  });

  describe('notifications', () => {
    it('tell the other participants in-app at once, and by e-mail at most once an hour per match and person', async () => {
      const w = await world(stack);
      const id = await match(stack, w);
      await stack.gql(POST, { matchId: id, body: 'Första <b>frågan</b> & svar' }, { token: w.teacher.token });
      await stack.gql(POST, { matchId: id, body: 'Andra frågan' }, { token: w.teacher.token });
      // The colleague and the partner hear of both; the author and the coordinator (who has not written) of neither.
      const rows = await deliveredMessageRows(id, 4);
      expect(rows.map((r) => r.recipientUserId).sort()).toEqual([w.colleague.user.id, w.colleague.user.id, w.partner.user.id, w.partner.user.id].sort());
      for (const who of [w.colleague, w.partner]) {
        const mine = rows.filter((r) => r.recipientUserId === who.user.id);
        expect(mine.filter((r) => r.sendEmail)).toHaveLength(1);
        const notices = (await stack.gql(NOTIFICATIONS, {}, { token: who.token })).data!.notifications;
        expect(notices.edges.filter((e: any) => e.node.type === 'match_message')).toHaveLength(2);
      }
      const mails = () => stack.smtp!.messages.filter((m) => m.headers.get('x-brobygge-type') === 'match_message' && m.text?.includes(id));
      await eventually(async () => mails().length === 2);
      const toPartner = mails().find((m) => to(m) === w.partner.user.email)!;
      expect(toPartner.subject).toBe('New message: Kemi i vardagen — Rosengårdsskolan');
      expect(toPartner.text).toContain('Rosengårdsskolan wrote in the conversation on "Kemi i vardagen" between Rosengårdsskolan and Kemi AB:');
      expect(toPartner.text).toContain('Första <b>frågan</b> & svar');
      expect(toPartner.html).toContain('Första &lt;b&gt;frågan&lt;/b&gt; &amp; svar');
      expect(toPartner.html).not.toContain('<b>frågan');
      expect(toPartner.text).toContain(`https://brobygge.test/matches/${id}/messages`);
      expect(mails().some((m) => to(m) === w.teacher.user.email)).toBe(false);
      expect((await stack.gql(NOTIFICATIONS, {}, { token: w.coordinator.token })).data!.notifications.totalCount).toBe(0);

      // The coordinator joins the conversation: from then on, they hear of it too (the author, again, does not).
      await stack.gql(POST, { matchId: id, body: 'Jag hjälper gärna till.' }, { token: w.coordinator.token });
      await stack.gql(POST, { matchId: id, body: 'Tack!' }, { token: w.partner.token });
      const later = await deliveredMessageRows(id, 4 + 3 + 3);
      const emailed = (body: string) => Object.fromEntries(later.filter((r) => r.payload.message === body).map((r) => [r.recipientUserId, r.sendEmail]));
      // The teacher had no message e-mail on this match yet; the colleague and the partner had one within the hour.
      expect(emailed('Jag hjälper gärna till.')).toEqual({ [w.teacher.user.id]: true, [w.colleague.user.id]: false, [w.partner.user.id]: false });
      // Now the coordinator hears too, and is e-mailed the first time; the teacher not again within the hour.
      expect(emailed('Tack!')).toEqual({ [w.teacher.user.id]: false, [w.colleague.user.id]: false, [w.coordinator.user.id]: true });
      const fromCoordinator = later.find((r) => r.payload.message === 'Jag hjälper gärna till.')!;
      expect(render('match_message', fromCoordinator.payload, 'en', { publicUrl: 'https://brobygge.test' }).text).toContain("The region's coordinator wrote");

      // An hour later the partner is e-mailed again.
      await stack.dataSource.query(`UPDATE match_message_reader SET last_emailed_at = last_emailed_at - interval '61 minutes' WHERE match_id = $1`, [id]);
      await stack.gql(POST, { matchId: id, body: 'En timme senare' }, { token: w.teacher.token });
      const hourLater = (await deliveredMessageRows(id, 10 + 3)).filter((r) => r.payload.message === 'En timme senare');
      expect(hourLater.find((r) => r.recipientUserId === w.partner.user.id)!.sendEmail).toBe(true);
      await eventually(async () => mails().filter((m) => to(m) === w.partner.user.email).length === 2);
    });

    it('e-mails a person once when several messages arrive at the same moment', async () => {
      const w = await world(stack);
      const id = await match(stack, w);
      // Meanwhile the partner marks the conversation read (a new read marker: no deadlock with the messages' match lock).
      const [marked, ...results] = await Promise.all([
        stack.gql(MARK, { matchId: id }, { token: w.partner.token }),
        ...[w.teacher, w.colleague, w.teacher, w.coordinator, w.colleague].map((who, i) =>
          stack.gql(POST, { matchId: id, body: `Samtidigt ${i}` }, { token: who.token }),
        ),
      ]);
      expect(marked.errors).toBeUndefined();
      expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined, undefined]);
      const rows = await stack.dataSource.query(`SELECT recipient_user_id, send_email FROM outbox_message WHERE type = 'match_message' AND payload->>'matchId' = $1`, [
        id,
      ]);
      const toPartner = rows.filter((r: { recipient_user_id: string }) => r.recipient_user_id === w.partner.user.id);
      expect(toPartner).toHaveLength(5);
      expect(toPartner.filter((r: { send_email: boolean }) => r.send_email)).toHaveLength(1);
      // The messages are in the order they were committed: created_at grows strictly.
      const stamps: Array<{ created_at: Date }> = await stack.dataSource.query(`SELECT created_at FROM match_message WHERE match_id = $1 ORDER BY created_at, id`, [id]);
      expect(new Set(stamps.map((x) => x.created_at.getTime())).size).toBe(5);
    });

    it('keeps what a member of an unverified organisation wrote out of notices to people outside it', async () => {
      const w = await world(stack, { partnerVerified: false });
      const id = await match(stack, w);
      await stack.gql(POST, { matchId: id, body: 'Ring 070-123 45 67' }, { token: w.partner.token });
      const rows = await deliveredMessageRows(id, 2);
      for (const row of rows) {
        expect(row.payload.message).toBeNull();
        const text = render('match_message', row.payload, 'en', { publicUrl: 'https://brobygge.test' }).text;
        expect(text).toContain('(The message is shown in Brobygge.)');
        expect(text).toContain('An organisation not yet verified wrote');
        expect(text).not.toContain('070-123');
      }
    });

    it('digest subscribers get the in-app notice at once and the messages in their digest, not a message e-mail', async () => {
      const w = await world(stack);
      await stack.dataSource.query(`UPDATE app_user SET digest = 'DAILY', last_digest_at = now() - interval '2 hours' WHERE id = $1`, [w.partner.user.id]);
      const id = await match(stack, w);
      await stack.gql(POST, { matchId: id, body: 'Hej' }, { token: w.teacher.token });
      await stack.gql(POST, { matchId: id, body: 'Hallå?' }, { token: w.teacher.token });
      const rows = (await deliveredMessageRows(id, 4)).filter((r) => r.recipientUserId === w.partner.user.id);
      expect(rows.map((r) => r.sendEmail)).toEqual([false, false]);
      expect(rows.every((r) => r.messageId === null)).toBe(true);

      const digests = stack.worker ? stack.worker.get(DigestService) : stack.api!.get(DigestService);
      const since = new Date(Date.now() - 2 * 3600_000);
      const items = await digests.itemsFor(stack.dataSource.manager, w.partner.user.id, since);
      expect(items.filter((i) => i.kind === 'conversation')).toEqual([{ kind: 'conversation', id, title: 'Kemi i vardagen', organization: '', count: 2 }]);
      const text = render('digest', { period: 'DAILY', items, more: 0 }, 'en', { publicUrl: 'https://brobygge.test' }).text;
      expect(text).toContain(`2 new messages on Kemi i vardagen: https://brobygge.test/matches/${id}/messages`);
      // Once read, they leave the digest.
      await stack.gql(MARK, { matchId: id }, { token: w.partner.token });
      expect((await digests.itemsFor(stack.dataSource.manager, w.partner.user.id, since)).filter((i) => i.kind === 'conversation')).toEqual([]);
    });
  });

  describe('personal data', () => {
    it("exports a person's messages; erasure keeps the text and takes the author out", async () => {
      const w = await world(stack);
      const id = await match(stack, w);
      await stack.gql(POST, { matchId: id, body: 'Jag slutar snart.' }, { token: w.colleague.token });
      await stack.gql(MARK, { matchId: id }, { token: w.colleague.token });
      const exported = JSON.parse((await stack.gql('mutation { exportMyData }', {}, { token: w.colleague.token })).data!.exportMyData);
      const text = JSON.stringify(exported);
      expect(text).toContain('Jag slutar snart.');
      expect(text).toContain('messagesWritten');
      expect(text).toContain('messagesRead');
      const erased = await stack.gql('mutation($p: String!) { deleteMyAccount(password: $p) }', { p: PASSWORD }, { token: w.colleague.token });
      expect(erased.data!.deleteMyAccount).toBe(true);
      const res = await stack.gql(MESSAGES, { id }, { token: w.partner.token });
      expect(res.data!.match.messages.edges[0].node).toMatchObject({ body: 'Jag slutar snart.', side: 'SCHOOL', author: null });
      const [{ n }] = await stack.dataSource.query(`SELECT count(*)::int AS n FROM match_message_reader WHERE user_id = $1`, [w.colleague.user.id]);
      expect(n).toBe(0);
    });
  });

  describe('performance', () => {
    it('a match page with 200 messages costs the same number of queries as one with 2', async () => {
      const w = await world(stack);
      const small = await match(stack, w);
      const big = await match(stack, w, MatchStatus.COMPLETED);
      // Authors from several people, so that the author loader has work.
      await seedMessages(stack, small, w.teacher.user.id, 2);
      for (const who of [w.teacher, w.colleague, w.partner, w.coordinator]) await seedMessages(stack, big, who.user.id, 50);
      const page = async (id: string, after: string | null = null) => {
        const res = await stack.gql(MESSAGES, { id, first: 100, after }, { token: w.partner.token });
        expect(res.errors).toBeUndefined();
        return res.data!.match;
      };
      await page(small); // the first request of a process reads what later ones have at hand
      const few = await countQueries(stack.dataSource, () => page(small));
      const first = await countQueries(stack.dataSource, () => page(big));
      const second = await countQueries(stack.dataSource, () => page(big, first.result.messages.pageInfo.endCursor));
      expect(first.result.messages.edges).toHaveLength(100);
      expect(second.result.messages.edges).toHaveLength(100);
      expect(second.result.messages.pageInfo.hasNextPage).toBe(false);
      expect(first.queries).toBe(few.queries);
      expect(second.queries).toBe(few.queries);
      expect(first.queries).toBeLessThanOrEqual(10);
    });

    it('a list of matches with their unread counts and first messages costs the same queries for 3 matches as for 12', async () => {
      const w = await world(stack);
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        ids.push(await match(stack, w, i % 2 ? MatchStatus.COMPLETED : MatchStatus.APPROVED));
        await seedMessages(stack, ids[i], i % 3 ? w.teacher.user.id : w.partner.user.id, 3);
      }
      const list = '{ matches(first: $n) { edges { node { id unreadMessages messages(first: 2) { totalCount edges { node { body author { name } } } } } } } }';
      const run = async (n: number) => {
        const res = await stack.gql(list.replace('$n', String(n)), {}, { token: w.colleague.token });
        expect(res.errors).toBeUndefined();
        return res.data!.matches.edges;
      };
      await run(1);
      const few = await countQueries(stack.dataSource, () => run(3));
      const many = await countQueries(stack.dataSource, () => run(12));
      expect(many.result).toHaveLength(12);
      expect(many.result.every((e: any) => e.node.messages.totalCount === 3 && e.node.messages.edges.length === 2 && e.node.unreadMessages === 3)).toBe(true);
      expect(many.queries).toBe(few.queries);
    });
  });
});

describe('the conversation is throttled', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ api: true, env: { RATE_LIMITS: 'message=3/600' } });
  });
  afterAll(() => stack.close());

  it('per user: past RATE_LIMITS message, RATE_LIMITED with retryAfterSeconds', async () => {
    const w = await world(stack);
    const id = await match(stack, w);
    for (let i = 0; i < 3; i++) expect((await stack.gql(POST, { matchId: id, body: `Nr ${i}` }, { token: w.teacher.token })).errors).toBeUndefined();
    const res = await stack.gql(POST, { matchId: id, body: 'One too many' }, { token: w.teacher.token });
    expect(res.errors![0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(res.errors![0].extensions!.retryAfterSeconds).toBeGreaterThan(0);
    // Someone else on the same match is not held back.
    expect((await stack.gql(POST, { matchId: id, body: 'Jag då?' }, { token: w.partner.token })).errors).toBeUndefined();
  });
});
