import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { Actor, ConflictError, email, ForbiddenError, InvalidInputError, isUuid, NotFoundError, optionalText, requireSignedIn, text, Viewer } from '@brobygge/core';
import { inTransaction } from '@brobygge/database';
import { MatchStatus } from './enums';
import { Match } from './match.entity';
import { MatchNotifications } from './match-notifications';
import { MatchPolicy, OPEN_MATCH_STATES } from './match.policy';
import { asksMinorsQuestions, RISK_CHECKLIST_VERSION, RISK_QUESTIONS, riskQuestion } from './placement-checklist';
import { Placement, RiskAnswerRecord, RiskAssessmentRecord, SupervisorRecord } from './placement.entity';

/** Anything that runs SQL: a transaction's EntityManager or the DataSource. */
type Sql = Pick<EntityManager, 'query'>;

export const WORKPLACE_PLACEMENT = 'WORKPLACE_PLACEMENT';
export type PlacementGap = 'SUPERVISOR' | 'RISK_ASSESSMENT';

/** States from which the sides see each other's contact people (RULES.md, Next). */
export const CONTACT_STATES: readonly MatchStatus[] = [MatchStatus.AWAITING_APPROVAL, MatchStatus.APPROVED, MatchStatus.SCHEDULED, MatchStatus.COMPLETED];
/** States that have an agreement to download. */
export const AGREEMENT_STATES: readonly MatchStatus[] = [MatchStatus.APPROVED, MatchStatus.SCHEDULED, MatchStatus.COMPLETED];

export interface SupervisorInput {
  name: string;
  email: string;
  phone?: string | null;
}
export interface RiskAssessmentInput {
  answers: Array<{ key: string; answer: boolean; note?: string | null }>;
  summary?: string | null;
}

/** A person to contact on a match: the organisation's contact, or a member who acted on it. */
export interface MatchContact {
  organizationId: string;
  name: string;
  email: string | null;
  phone: string | null;
  role: string | null;
}

const PHONE = /^\+?[0-9 ()-]{5,30}$/;

/** What is still missing of a placement, given the pupils' age (minors-only questions when under 18 or unknown). */
export function placementGaps(placement: Pick<Placement, 'supervisor' | 'riskAssessment'> | null, studentAge: number | null): PlacementGap[] {
  const gaps: PlacementGap[] = [];
  if (!placement?.supervisor) gaps.push('SUPERVISOR');
  if (!riskAssessmentComplete(placement?.riskAssessment ?? null, studentAge)) gaps.push('RISK_ASSESSMENT');
  return gaps;
}

function riskAssessmentComplete(assessment: RiskAssessmentRecord | null, studentAge: number | null): boolean {
  if (!assessment || assessment.version !== RISK_CHECKLIST_VERSION) return false;
  const answered = new Set(assessment.answers.map((a) => a.key));
  return RISK_QUESTIONS.every((q) => answered.has(q.key) || (q.minorsOnly && !asksMinorsQuestions(studentAge)));
}

export const placementQueries = {
  /** exportMyData: the risk assessments the person submitted, and the placements that name their address as supervisor. */
  async ofPerson(m: Sql, person: { id: string; email: string | null }): Promise<{ submitted: unknown[]; supervising: unknown[] }> {
    const submitted = await m.query(
      `SELECT match_id AS "matchId", submitted_at AS "submittedAt", risk_assessment AS "riskAssessment" FROM placement WHERE submitted_by_id = $1 ORDER BY submitted_at`,
      [person.id],
    );
    const supervising = person.email
      ? await m.query(`SELECT match_id AS "matchId", supervisor FROM placement WHERE lower(supervisor->>'email') = lower($1) ORDER BY match_id`, [person.email])
      : [];
    return { submitted, supervising };
  },

  /**
   * deleteMyAccount: the assessments the person submitted stay (the workplace's record)
   * without them; a supervisor entry with their address goes, so the workplace names a new
   * supervisor (the placement shows SUPERVISOR missing again).
   */
  async forgetPerson(m: Sql, person: { id: string; email: string | null }): Promise<void> {
    await m.query('UPDATE placement SET submitted_by_id = NULL WHERE submitted_by_id = $1', [person.id]);
    if (person.email) await m.query(`UPDATE placement SET supervisor = NULL, updated_at = now() WHERE lower(supervisor->>'email') = lower($1)`, [person.email]);
  },

  /** The activity type of a match's offer and the pupils' age of its request. */
  async kindOf(m: Sql, match: Pick<Match, 'offerId' | 'requestId'>): Promise<{ activityType: string; studentAge: number | null }> {
    const [row] = await m.query(
      `SELECT o.activity_type AS "activityType", r.student_age AS "studentAge" FROM offer o, collaboration_request r WHERE o.id = $1 AND r.id = $2`,
      [match.offerId, match.requestId],
    );
    return row;
  },

  /**
   * What keeps a match from approval: null when it is not a workplace placement, else the
   * missing parts (empty when complete). Read under the caller's lock of the match row,
   * which the placement's writers take too.
   */
  async gapsOf(m: EntityManager, match: Match): Promise<PlacementGap[] | null> {
    const kind = await placementQueries.kindOf(m, match);
    if (kind.activityType !== WORKPLACE_PLACEMENT) return null;
    const placement = await m.getRepository(Placement).findOneBy({ matchId: match.id });
    return placementGaps(placement, kind.studentAge);
  },
};

/**
 * Workplace placements (issue 16): the supervisor and the risk assessment that members of
 * the offer's organisation give, the contact people each side sees from AWAITING_APPROVAL
 * on, and the reads the agreement and the GraphQL fields need. Writers lock the match row
 * first, as MatchLifecycle does, so approval sees a placement that nobody is changing.
 */
@Injectable()
export class Placements {
  constructor(
    private readonly dataSource: DataSource,
    private readonly notices: MatchNotifications,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async setSupervisor(actor: Actor, matchId: string, input: SupervisorInput): Promise<Match> {
    const supervisor: SupervisorRecord = {
      name: text('input.name', input.name ?? '', { max: 200 }),
      email: email('input.email', input.email ?? ''),
      phone: optionalText('input.phone', input.phone, 30),
    };
    if (supervisor.phone !== null && !PHONE.test(supervisor.phone))
      throw new InvalidInputError('input.phone', 'input.phone must be a phone number like +46 40 123 45 67.');
    return this.change(actor, matchId, 'set the supervisor of', async (m, match, viewer, placement) => {
      const before = placement.supervisor;
      placement.supervisor = supervisor;
      await m.getRepository(Placement).save(placement);
      const changed = !!before && (before.name !== supervisor.name || before.email !== supervisor.email || before.phone !== supervisor.phone);
      if (changed && match.status !== MatchStatus.PROPOSED && match.status !== MatchStatus.AWAITING_APPROVAL) {
        await this.notices.write(
          m,
          'placement_supervisor_changed',
          match,
          { organizations: [match.schoolId], except: viewer.id },
          { supervisorName: supervisor.name, supervisorEmail: supervisor.email, supervisorPhone: supervisor.phone },
        );
      }
    });
  }

  async submitRiskAssessment(actor: Actor, matchId: string, input: RiskAssessmentInput): Promise<Match> {
    const summary = optionalText('input.summary', input.summary, 4000);
    return this.change(actor, matchId, 'submit the risk assessment of', async (m, match, viewer, placement, studentAge) => {
      placement.riskAssessment = { version: RISK_CHECKLIST_VERSION, answers: Placements.answers(input.answers ?? [], studentAge), summary };
      placement.submittedAt = new Date();
      placement.submittedById = viewer.id;
      await m.getRepository(Placement).save(placement);
    });
  }

  /** The placements of matches (null where none has been started), for a list. */
  async ofMatches(matchIds: readonly string[]): Promise<Map<string, Placement>> {
    const rows = matchIds.length
      ? await this.dataSource
          .getRepository(Placement)
          .createQueryBuilder('p')
          .where('p.match_id = ANY(:ids::uuid[])', { ids: [...matchIds] })
          .getMany()
      : [];
    return new Map(rows.map((p) => [p.matchId, p]));
  }

  agreementUrl(match: Match): string | null {
    return AGREEMENT_STATES.includes(match.status) ? `${this.config.PUBLIC_URL.replace(/\/$/, '')}/matches/${match.id}/agreement.pdf` : null;
  }

  /**
   * Match.contacts: from AWAITING_APPROVAL on (CONTACT_STATES), the school's contact
   * people, then the partner's — each the organisation's own `contact`, else the members
   * who acted on the match (name and e-mail only); empty in any other state. `contactOf`
   * gives the organisations' contacts (the caller has them loaded); one query for the
   * acting members of a list.
   */
  async contactsOf(matches: readonly Match[], contactOf: ReadonlyMap<string, Omit<MatchContact, 'organizationId'> | null>): Promise<Map<string, MatchContact[]>> {
    const shown = matches.filter((x) => CONTACT_STATES.includes(x.status));
    const needActors = shown.filter((x) => !contactOf.get(x.schoolId) || !contactOf.get(x.partnerId));
    const acting = await this.actingMembers(needActors.map((x) => x.id));
    const out = new Map<string, MatchContact[]>(matches.map((x) => [x.id, []]));
    for (const x of shown) {
      const list = out.get(x.id)!;
      for (const org of [x.schoolId, x.partnerId]) {
        const own = contactOf.get(org);
        if (own) list.push({ organizationId: org, name: own.name, email: own.email ?? null, phone: own.phone ?? null, role: own.role ?? null });
        else list.push(...(acting.get(x.id) ?? []).filter((c) => c.organizationId === org));
      }
    }
    return out;
  }

  /**
   * The members of either side who acted on the matches (their events), in order of their
   * first action: the contact people of a side whose organisation names none. One query
   * for a list; erased accounts and former members are left out.
   */
  async actingMembers(matchIds: readonly string[]): Promise<Map<string, MatchContact[]>> {
    const rows: Array<MatchContact & { matchId: string }> = matchIds.length
      ? await this.dataSource.query(
          `SELECT e.match_id AS "matchId", ms.organization_id AS "organizationId", u.name, u.email, NULL::text AS phone, NULL::text AS role
             FROM match_event e
             JOIN collaboration_match x ON x.id = e.match_id
             JOIN app_user u ON u.id = e.actor_id AND u.deleted_at IS NULL AND u.email IS NOT NULL
             JOIN membership ms ON ms.user_id = u.id AND ms.organization_id IN (x.school_id, x.partner_id)
            WHERE e.match_id = ANY($1::uuid[])
            GROUP BY e.match_id, ms.organization_id, u.id, u.name, u.email
            ORDER BY e.match_id, min(e.at), u.id`,
          [[...matchIds]],
        )
      : [];
    const out = new Map<string, MatchContact[]>(matchIds.map((id) => [id, []]));
    for (const { matchId, ...contact } of rows) out.get(matchId)?.push(contact);
    return out;
  }

  /**
   * Of `organizationIds`, those that are the other side of a match with one of the
   * viewer's organisations from AWAITING_APPROVAL on: their contact is the viewer's to
   * read (RULES.md, Organization.contact). One query for a list.
   */
  async counterpartsOf(viewer: Viewer, organizationIds: readonly string[]): Promise<Set<string>> {
    const mine = [...viewer.memberships.keys()];
    if (!mine.length || !organizationIds.length) return new Set();
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT partner_id AS id FROM collaboration_match WHERE school_id = ANY($1::uuid[]) AND partner_id = ANY($2::uuid[]) AND status = ANY($3::varchar[])
       UNION
       SELECT school_id AS id FROM collaboration_match WHERE partner_id = ANY($1::uuid[]) AND school_id = ANY($2::uuid[]) AND status = ANY($3::varchar[])`,
      [mine, [...organizationIds], [...CONTACT_STATES]],
    );
    return new Set(rows.map((r) => r.id));
  }

  // ---- internals -----------------------------------------------------------------------

  /** The answers in the checklist's order; every question that applies answered once, a "yes" to a hazard explained. */
  private static answers(given: RiskAssessmentInput['answers'], studentAge: number | null): RiskAnswerRecord[] {
    const byKey = new Map<string, RiskAnswerRecord>();
    given.forEach((a, i) => {
      const question = riskQuestion(a.key);
      if (!question)
        throw new InvalidInputError('input.answers', `input.answers.${i}.key "${a.key}" is not a question of checklist ${RISK_CHECKLIST_VERSION} (see riskQuestions).`);
      if (byKey.has(a.key)) throw new InvalidInputError('input.answers', `input.answers answers "${a.key}" more than once.`);
      if (typeof a.answer !== 'boolean') throw new InvalidInputError(`input.answers.${i}.answer`, `input.answers.${i}.answer must be true or false.`);
      const note = optionalText(`input.answers.${i}.note`, a.note, 1000);
      if (question.hazard && a.answer && !note) {
        throw new InvalidInputError(`input.answers.${i}.note`, `input.answers.${i}.note must say how the risk of "${a.key}" is handled (a "yes" needs a note).`);
      }
      byKey.set(a.key, { key: a.key, answer: a.answer, note });
    });
    const missing = RISK_QUESTIONS.filter((q) => !byKey.has(q.key) && !(q.minorsOnly && !asksMinorsQuestions(studentAge))).map((q) => q.key);
    if (missing.length) throw new InvalidInputError('input.answers', `input.answers must answer every question; missing: ${missing.join(', ')}.`);
    return RISK_QUESTIONS.filter((q) => byKey.has(q.key)).map((q) => byKey.get(q.key)!);
  }

  /**
   * Locks the match row, checks who and when (members of the offer's organisation, a
   * WORKPLACE_PLACEMENT, an open match), and hands the placement row (new or stored) to
   * `work` in the same transaction.
   */
  private async change(
    actor: Actor,
    matchId: string,
    verb: string,
    work: (m: EntityManager, match: Match, viewer: Viewer, placement: Placement, studentAge: number | null) => Promise<void>,
  ): Promise<Match> {
    const viewer = requireSignedIn(actor);
    if (!isUuid(matchId)) throw new NotFoundError('Match', matchId);
    return inTransaction(this.dataSource, async (m) => {
      const match = await m.getRepository(Match).createQueryBuilder('x').setLock('pessimistic_write').where('x.id = :id', { id: matchId }).getOne();
      if (!match) throw new NotFoundError('Match', matchId);
      MatchPolicy.assertCanSee(viewer, match);
      if (!viewer.memberships.has(match.partnerId)) throw new ForbiddenError(`Only members of the offer's organisation can ${verb} a placement.`);
      const kind = await placementQueries.kindOf(m, match);
      if (kind.activityType !== WORKPLACE_PLACEMENT) throw new ConflictError(`Only a WORKPLACE_PLACEMENT match has a placement; this one is ${kind.activityType}.`);
      if (!OPEN_MATCH_STATES.includes(match.status)) throw new ConflictError(`Cannot ${verb} a match that is ${match.status}.`);
      const repo = m.getRepository(Placement);
      const placement = (await repo.findOneBy({ matchId })) ?? repo.create({ matchId, supervisor: null, riskAssessment: null, submittedAt: null, submittedById: null });
      await work(m, match, viewer, placement, kind.studentAge);
      return match;
    });
  }
}
