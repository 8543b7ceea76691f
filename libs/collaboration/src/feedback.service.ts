import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, ConflictError, ForbiddenError, InvalidInputError, intInRange, isUuid, NotFoundError, optionalText, requireSignedIn } from '@brobygge/core';
import { DeliveryGuards } from '@brobygge/notifications';
import { collaborationQueries } from './collaboration.queries';
import { MatchStatus } from './enums';
import { Feedback } from './feedback.entity';
import { Match } from './match.entity';
import { MatchPolicy, Side } from './match.policy';

export interface FeedbackInput {
  matchId: string;
  rating: number;
  comment?: string | null;
  participantsFemale?: number | null;
  participantsMale?: number | null;
  participantsNonBinary?: number | null;
  participantsUnknown?: number | null;
  wouldRepeat?: boolean | null;
}

const COUNT_FIELDS = ['participantsFemale', 'participantsMale', 'participantsNonBinary', 'participantsUnknown'] as const;
/** More pupils than this in one activity is a typing mistake, not a school. */
const MAX_PARTICIPANTS = 10_000;

/**
 * Feedback on completed matches (RULES.md, Follow-up): one per side, by a member of that
 * side; a rating 1–5, a comment, and — from the school only — how many pupils took part,
 * as four aggregate counts. It feeds the impact report and the matching score's "past
 * feedback" on the partner.
 */
@Injectable()
export class FeedbackService {
  constructor(
    private readonly dataSource: DataSource,
    guards: DeliveryGuards,
  ) {
    // The reminder after completion goes out only while its side has not answered.
    guards.register('feedback_reminder', async (payload, m) => {
      const row = await collaborationQueries.feedbackState(m, payload.matchId as string, payload.side as string);
      if (!row) return 'the match no longer exists';
      if (row.status !== MatchStatus.COMPLETED) return `the match is ${row.status}`;
      return row.answered ? 'this side has already given feedback' : null;
    });
  }

  async submit(actor: Actor, input: FeedbackInput): Promise<Feedback> {
    const viewer = requireSignedIn(actor);
    const rating = intInRange('input.rating', input.rating, 1, 5);
    const comment = optionalText('input.comment', input.comment, 4000);
    const counts = Object.fromEntries(
      COUNT_FIELDS.map((f) => [f, input[f] === null || input[f] === undefined ? null : intInRange(`input.${f}`, input[f]!, 0, MAX_PARTICIPANTS)]),
    ) as Record<(typeof COUNT_FIELDS)[number], number | null>;

    const match = isUuid(input.matchId) ? await this.dataSource.getRepository(Match).findOneBy({ id: input.matchId }) : null;
    if (!match) throw new NotFoundError('Match', input.matchId);
    MatchPolicy.assertCanSee(viewer, match);
    const sides = MatchPolicy.sidesOf(viewer, match);
    if (sides.length === 0) throw new ForbiddenError('Only members of the school or the partner give feedback on a match.');
    if (match.status !== MatchStatus.COMPLETED) {
      throw new ConflictError(`Feedback can be given once the match is COMPLETED; it is ${match.status}.`);
    }
    // Someone in both organisations speaks for the side that has not answered yet, the school first.
    const answered = sides.length > 1 ? new Set((await this.forMatches([match.id])).get(match.id)!.map((f) => f.side)) : new Set<Side>();
    const side: Side = sides.find((s) => !answered.has(s)) ?? sides[0];
    if (side === 'PARTNER') {
      const given = COUNT_FIELDS.find((f) => counts[f] !== null);
      if (given) throw new InvalidInputError(`input.${given}`, "Participant counts are reported by the school only; leave them out on the partner's feedback.");
    }
    const inserted = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(Feedback)
      .values({ matchId: match.id, side, partnerId: match.partnerId, submittedById: viewer.id, rating, comment, ...counts, wouldRepeat: input.wouldRepeat ?? null })
      .orIgnore() // the unique (match, side) decides a race between two members of one side
      .returning('id')
      .execute();
    const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
    if (!id) throw new ConflictError(`The ${side === 'SCHOOL' ? 'school' : 'partner'} has already given feedback on this match (once per side).`);
    return this.dataSource.getRepository(Feedback).findOneByOrFail({ id });
  }

  /** The feedback of each match, school first. */
  async forMatches(matchIds: readonly string[]): Promise<Map<string, Feedback[]>> {
    const rows = matchIds.length
      ? await this.dataSource
          .getRepository(Feedback)
          .createQueryBuilder('f')
          .where('f.match_id = ANY(:ids::uuid[])', { ids: [...matchIds] })
          .orderBy('f.side', 'DESC')
          .getMany()
      : [];
    const out = new Map<string, Feedback[]>(matchIds.map((id) => [id, []]));
    for (const f of rows) out.get(f.matchId)?.push(f);
    return out;
  }
}
