/**
 * A short conversation on a demo match (issue 16, docs/demo.md): the school's teacher, the
 * partner and the Malmö coordinator, in Swedish, over the last days. It goes on the demo's
 * open workplace placement (APL) in Malmö — the one with a placement record first — or,
 * without one, on the booked study visit of Rosengårdsskolan and Malmö universitet.
 * Idempotent: once any match carries the conversation, nothing is added.
 */
import type { EntityManager } from 'typeorm';

const HOUR = 3_600_000;

/** Who writes, what, and how many hours before the seed. */
const LINES: Array<['SCHOOL' | 'PARTNER' | 'COORDINATOR', string, number]> = [
  ['SCHOOL', 'Hej! Eleverna ser fram emot perioden hos er. Finns det något de ska ta med första dagen?', 50],
  ['PARTNER', 'Välkomna! Ta med legitimation och bekväma skor, arbetskläder får ni här. Vi möts i entrén kl. 7.45 första dagen.', 46],
  ['COORDINATOR', 'Tack båda! Hör av er här om något ändras, så hjälper jag till.', 30],
  ['SCHOOL', 'Perfekt, vi ses då. En av eleverna har pollenallergi – är det något vi behöver tänka på?', 3],
];

export async function seedConversation(m: EntityManager, coordinatorEmail: string, now: Date): Promise<void> {
  const [done] = await m.query(`SELECT 1 FROM match_message WHERE body = $1 LIMIT 1`, [LINES[0][1]]);
  if (done) return;
  const [target]: Array<{ id: string; school_id: string; partner_id: string }> = await m.query(
    `SELECT x.id, x.school_id, x.partner_id
       FROM collaboration_match x
       JOIN collaboration_request r ON r.id = x.request_id
       JOIN organization s ON s.id = x.school_id
       JOIN organization p ON p.id = x.partner_id
      WHERE x.region_code = 'se-malmo' AND x.status IN ('AWAITING_APPROVAL', 'APPROVED', 'SCHEDULED')
        AND (r.activity_type = 'WORKPLACE_PLACEMENT' OR (s.name = 'Rosengårdsskolan' AND p.name = 'Malmö universitet'))
      ORDER BY (r.activity_type = 'WORKPLACE_PLACEMENT') DESC, EXISTS (SELECT 1 FROM placement pl WHERE pl.match_id = x.id) DESC, x.created_at, x.id
      LIMIT 1`,
  );
  if (!target) return;
  // The school's teacher (its MEMBER, else its OWNER), the partner's OWNER, the coordinator.
  const person = async (organizationId: string, roles: string[]) => {
    const [row]: Array<{ user_id: string }> = await m.query(
      `SELECT user_id FROM membership WHERE organization_id = $1 AND role = ANY($2::varchar[]) ORDER BY array_position($2::varchar[], role), user_id LIMIT 1`,
      [organizationId, roles],
    );
    return row?.user_id ?? null;
  };
  const [coordinator]: Array<{ id: string }> = await m.query(`SELECT id FROM app_user WHERE email = $1`, [coordinatorEmail]);
  const authors = {
    SCHOOL: await person(target.school_id, ['MEMBER', 'OWNER']),
    PARTNER: await person(target.partner_id, ['OWNER', 'MEMBER']),
    COORDINATOR: coordinator?.id ?? null,
  };
  for (const [side, body, hoursAgo] of LINES) {
    await m.query(`INSERT INTO match_message (match_id, author_id, side, body, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      target.id,
      authors[side],
      side,
      body,
      new Date(now.getTime() - hoursAgo * HOUR),
    ]);
  }
  // The teacher has read everything; the partner not yet the last question (one unread).
  const marks: Array<[string | null, number]> = [
    [authors.SCHOOL, LINES[3][2]],
    [authors.PARTNER, LINES[2][2]],
  ];
  for (const [userId, hoursAgo] of marks) {
    if (!userId) continue;
    await m.query(`INSERT INTO match_message_reader (match_id, user_id, last_read_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
      target.id,
      userId,
      new Date(now.getTime() - hoursAgo * HOUR),
    ]);
  }
}
