import { CollaborationRequest, Offer, OfferStatus, RequestStatus } from '@brobygge/catalog';
import { Match, MatchOrigin, MatchStatus } from '@brobygge/collaboration';
import { OrganizationKind } from '@brobygge/identity';
import { DeliveryService, OutboxMessage, OutboxStatus } from '@brobygge/notifications';
import { createOrganization, createUser, TestUser } from '../support/factories';
import { PrivateRedis } from '../support/processes';
import { eventually, startStack, TestStack } from '../support/stack';
import { inDays } from '../support/queries';

const ACCEPT = 'mutation($id: ID!) { acceptMatch(id: $id) { id status } }';
const SCHEDULE = 'mutation($id: ID!, $s: DateTime!, $e: DateTime!) { scheduleMatch(id: $id, startsAt: $s, endsAt: $e) { id status } }';
const CANCEL = 'mutation($id: ID!) { cancelMatch(id: $id, reason: "Sjukdom") { id status } }';
const NOTIFICATIONS = 'query($u: Boolean) { notifications(unreadOnly: $u, first: 50) { totalCount edges { node { id type title body readAt } } } }';

interface World {
  teacher: TestUser;
  partner: TestUser;
  school: string;
  company: string;
  offer: Offer;
}

async function world(stack: TestStack, region = 'se-stockholm', capacity = 1000): Promise<World> {
  const teacher = await createUser(stack, { locale: 'sv' });
  const partner = await createUser(stack, { locale: 'en' });
  const school = (await createOrganization(stack, { name: 'Rosengårdsskolan', verified: true, owner: teacher.user, regionCode: region })).id;
  const company = (await createOrganization(stack, { kind: OrganizationKind.COMPANY, name: 'Kemi AB', verified: true, owner: partner.user, regionCode: region })).id;
  const repo = stack.dataSource.getRepository(Offer);
  const offer = await repo.save(
    repo.create({
      organizationId: company,
      regionCode: region,
      activityType: 'GUEST_LECTURE' as never,
      title: 'Kemi i vardagen',
      description: 'x',
      focusAreas: ['chemistry'],
      deliveryModes: ['REMOTE' as never],
      languages: ['sv'],
      capacity,
      availableFrom: inDays(1),
      availableUntil: inDays(100),
      status: OfferStatus.PUBLISHED,
    }),
  );
  return { teacher, partner, school, company, offer };
}

/** `n` matches proposed by the partner, for the school to accept. */
async function proposals(stack: TestStack, w: World, n: number, region = 'se-stockholm'): Promise<string[]> {
  const requests = stack.dataSource.getRepository(CollaborationRequest);
  const matches = stack.dataSource.getRepository(Match);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = await requests.save(
      requests.create({
        organizationId: w.school,
        regionCode: region,
        activityType: 'GUEST_LECTURE' as never,
        title: `Gästföreläsning ${i}`,
        description: 'x',
        focusAreas: ['chemistry'],
        deliveryModes: ['REMOTE' as never],
        languages: ['sv'],
        quantity: 1,
        earliestDate: inDays(2),
        latestDate: inDays(60),
        status: RequestStatus.OPEN,
      }),
    );
    const m = await matches.save(
      matches.create({
        requestId: r.id,
        offerId: w.offer.id,
        schoolId: w.school,
        partnerId: w.company,
        regionCode: region,
        quantity: 1,
        status: MatchStatus.PROPOSED,
        origin: MatchOrigin.PARTNER,
        schoolAccepted: false,
        partnerAccepted: true,
      }),
    );
    ids.push(m.id);
  }
  return ids;
}

describe("notifications: e-mail and in-app, in the recipient's language", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startStack({ api: true, worker: true, smtp: true, env: { REMINDER_HOURS_BEFORE: '720' } });
  });
  afterAll(() => stack.close());

  it('delivers each step by e-mail and in-app; each user reads and marks only their own', async () => {
    const w = await world(stack);
    const [id] = await proposals(stack, w, 1);
    expect((await stack.gql(ACCEPT, { id }, { token: w.teacher.token })).errors).toBeUndefined();
    await stack.smtp!.waitFor(1);
    const [mail] = stack.smtp!.messages.filter((m) => m.to && 'value' in m.to && m.to.value[0].address === w.partner.user.email);
    expect(mail.subject).toBe('Accepted, awaiting approval: Kemi i vardagen — Rosengårdsskolan');
    expect(mail.to && 'value' in mail.to ? mail.to.value[0].address : '').toBe(w.partner.user.email);
    expect(mail.text).toContain('https://brobygge.test/matches/');
    expect(mail.html).toContain('href="https://brobygge.test/matches/');

    const mine = await eventually(async () => {
      const res = await stack.gql(NOTIFICATIONS, { u: true }, { token: w.partner.token });
      return res.data!.notifications.totalCount === 1 ? res.data!.notifications : undefined;
    });
    expect(mine.edges[0].node).toMatchObject({ type: 'match_accepted', title: mail.subject, readAt: null });
    expect(mine.edges[0].node.body).toContain('Kemi i vardagen');
    const theirs = await stack.gql(NOTIFICATIONS, {}, { token: w.teacher.token });
    expect(theirs.data!.notifications.totalCount).toBe(0); // the one who acted hears nothing

    const notificationId = mine.edges[0].node.id;
    const mark = 'mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }';
    expect((await stack.gql(mark, { ids: [notificationId] }, { token: w.teacher.token })).data!.markNotificationsRead).toBe(0);
    expect((await stack.gql(mark, { ids: [notificationId] }, { token: w.partner.token })).data!.markNotificationsRead).toBe(1);
    expect((await stack.gql(mark, { ids: [notificationId] }, { token: w.partner.token })).data!.markNotificationsRead).toBe(0);
    expect((await stack.gql(NOTIFICATIONS, { u: true }, { token: w.partner.token })).data!.notifications.totalCount).toBe(0);
    expect((await stack.gql(mark, { ids: ['nope'] }, { token: w.partner.token })).errors![0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'ids' } });
    expect((await stack.gql(NOTIFICATIONS, {}, {})).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  it('sends no e-mail to a user who turned it off, but still writes the in-app notification', async () => {
    const w = await world(stack);
    const pref = await stack.gql('mutation { updateNotificationPreferences(input: { email: false, digest: WEEKLY }) { id } }', {}, { token: w.partner.token });
    expect(pref.errors).toBeUndefined();
    const [id] = await proposals(stack, w, 1);
    await stack.gql(ACCEPT, { id }, { token: w.teacher.token });
    const row = await eventually(async () => {
      const r = await stack.dataSource.getRepository(OutboxMessage).findOneBy({ type: 'match_accepted', recipientUserId: w.partner.user.id });
      return r?.status === OutboxStatus.SENT ? r : undefined;
    });
    expect(row.messageId).toBeNull();
    expect(stack.smtp!.messages.some((m) => m.to && 'value' in m.to && m.to.value[0].address === w.partner.user.email)).toBe(false);
    expect((await stack.gql(NOTIFICATIONS, {}, { token: w.partner.token })).data!.notifications.totalCount).toBe(1);
  });

  it('reminds both sides before the start; rescheduling moves the reminder, cancelling removes it, and a stale one is skipped', async () => {
    const w = await world(stack);
    const [id] = await proposals(stack, w, 1);
    await stack.dataSource.query(`UPDATE collaboration_match SET status = 'APPROVED', school_accepted = true WHERE id = $1`, [id]);
    const start = (days: number) => new Date(`${inDays(days)}T09:00:00.000Z`).toISOString();
    const end = (days: number) => new Date(`${inDays(days)}T12:00:00.000Z`).toISOString();
    const reminders = async () =>
      (await stack.dataSource.getRepository(OutboxMessage).find({ where: { type: 'match_reminder' } })).filter((r) => r.payload.matchId === id);

    expect((await stack.gql(SCHEDULE, { id, s: start(40), e: end(40) }, { token: w.partner.token })).errors).toBeUndefined();
    const first = await reminders();
    expect(first).toHaveLength(2); // both organisations' members: teacher and partner
    // 720 h (30 days) ahead of a start in 40 days: held back until ten days from now.
    for (const r of first) expect(Math.abs(r.availableAt.getTime() - (Date.parse(start(40)) - 720 * 3600_000))).toBeLessThan(1000);

    await stack.gql(SCHEDULE, { id, s: start(45), e: end(45) }, { token: w.teacher.token });
    const moved = await reminders();
    expect(moved.filter((r) => r.status === OutboxStatus.SKIPPED)).toHaveLength(2);
    expect(moved.filter((r) => r.status === OutboxStatus.PENDING).map((r) => r.payload.startsAt)).toEqual([start(45), start(45)]);

    await stack.gql(CANCEL, { id }, { token: w.teacher.token });
    expect((await reminders()).every((r) => r.status === OutboxStatus.SKIPPED)).toBe(true);

    // One already on its way when the match changed: the processor re-checks and skips it.
    const stale = (await reminders())[0];
    await stack.dataSource.query(`UPDATE outbox_message SET status = 'ENQUEUED' WHERE id = $1`, [stale.id]);
    expect(await stack.worker!.get(DeliveryService).deliver(stale.id)).toBe('skipped');
    const after = await stack.dataSource.getRepository(OutboxMessage).findOneByOrFail({ id: stale.id });
    expect(after).toMatchObject({ status: OutboxStatus.SKIPPED, lastError: 'skipped: the match is CANCELLED' });
  });

  it("delivers a due reminder in the recipient's language", async () => {
    const w = await world(stack);
    const [id] = await proposals(stack, w, 1);
    await stack.dataSource.query(`UPDATE collaboration_match SET status = 'APPROVED', school_accepted = true WHERE id = $1`, [id]);
    // Within 720 h of the start: the reminder is due at once.
    await stack.gql(
      SCHEDULE,
      { id, s: new Date(`${inDays(3)}T09:00:00.000Z`).toISOString(), e: new Date(`${inDays(3)}T12:00:00.000Z`).toISOString() },
      { token: w.partner.token },
    );
    const got = await eventually(async () => {
      const r = stack.smtp!.messages.filter((m) => m.subject?.startsWith('Påminnelse: Kemi i vardagen') || m.subject?.startsWith('Reminder: Kemi i vardagen'));
      return r.length >= 2 ? r : undefined;
    });
    expect(got.map((m) => m.subject!.split(':')[0]).sort()).toEqual(['Påminnelse', 'Reminder']);
  });
});

describe('nothing is lost', () => {
  // Longer than the relay's 5 s hand-over timeout: while Redis is down at least one
  // hand-over times out and rolls back (its commands still queued in the client, sent on
  // reconnect), and the next is in flight when Redis returns.
  const OUTAGE_MS = 8_000;

  it('delivers every notification of 200 changes made while Redis was down for 8 s; the API kept answering', async () => {
    const redis = await PrivateRedis.start();
    const stack = await startStack({ api: true, worker: true, smtp: true, env: { REDIS_URL: redis.url } });
    try {
      const w = await world(stack);
      const ids = await proposals(stack, w, 200);
      await redis.stop();
      const startedAt = Date.now();
      for (const id of ids) {
        const res = await stack.gql(ACCEPT, { id }, { token: w.teacher.token });
        expect(res.errors).toBeUndefined();
      }
      expect(stack.smtp!.messages).toHaveLength(0);
      await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - startedAt))));
      await redis.start();
      const mails = await stack.smtp!.waitFor(200, 90_000);
      expect(mails).toHaveLength(200);
      expect(new Set(mails.map((m) => m.messageId)).size).toBe(200);
      const pending = await stack.dataSource.query(`SELECT count(*)::int AS n FROM outbox_message WHERE status <> 'SENT'`);
      expect(pending[0].n).toBe(0);
    } finally {
      await stack.close();
      await redis.stop();
    }
  }, 180_000);

  it('retries while the SMTP server refuses, and then delivers each message once', async () => {
    const stack = await startStack({ api: true, worker: true, smtp: true });
    try {
      const w = await world(stack);
      const ids = await proposals(stack, w, 10);
      stack.smtp!.refuse(true);
      for (const id of ids) await stack.gql(ACCEPT, { id }, { token: w.teacher.token });
      await eventually(async () => {
        const [row] = await stack.dataSource.query(`SELECT count(*)::int AS n FROM outbox_message WHERE attempts >= 2`);
        return row.n === 10;
      }, 30_000);
      stack.smtp!.refuse(false);
      const mails = await stack.smtp!.waitFor(10, 60_000);
      await new Promise((r) => setTimeout(r, 1000));
      expect(stack.smtp!.messages).toHaveLength(10);
      expect(new Set(mails.map((m) => m.messageId)).size).toBe(10);
    } finally {
      await stack.close();
    }
  }, 120_000);
});
