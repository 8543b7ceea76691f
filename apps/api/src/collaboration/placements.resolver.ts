import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import type { Viewer } from '@brobygge/core';
import {
  Match,
  MatchContact,
  Placement,
  placementGaps,
  Placements,
  RISK_QUESTIONS,
  RiskAssessmentRecord,
  RiskQuestionDef,
  SupervisorRecord,
  WORKPLACE_PLACEMENT,
} from '@brobygge/collaboration';
import type { User } from '@brobygge/identity';
import type { GqlContext } from '../graphql/context';
import { CurrentViewer, SignedIn } from '../graphql/current-viewer';
import { LocaleEnum } from '../graphql/enums';
import { ContactPersonType } from '../identity/organization.type';
import { UserType } from '../identity/user.type';
import { MatchType } from './collaboration.types';
import { PlacementType, RiskAssessmentInput, RiskAssessmentType, RiskQuestionType, SupervisorInput } from './placement.types';

/** What Match.placement resolves to. */
interface PlacementView {
  supervisor: SupervisorRecord | null;
  riskAssessment: (RiskAssessmentRecord & { submittedAt: Date; submittedById: string | null }) | null;
  missing: string[];
  agreementUrl: string | null;
}

/** The per-request loaders of placements, contacts and counterparts, kept beside the request's Loaders (one set per request). */
interface PlacementLoaders {
  placement: DataLoader<string, Placement | null>;
  contacts: DataLoader<Match, MatchContact[], string>;
  counterpart?: DataLoader<string, boolean>;
}
const perRequest = new WeakMap<object, PlacementLoaders>();

export function placementLoaders(ctx: GqlContext, placements: Placements): PlacementLoaders {
  let loaders = perRequest.get(ctx.loaders);
  if (!loaders) {
    loaders = {
      placement: new DataLoader(async (ids) => {
        const map = await placements.ofMatches(ids);
        return ids.map((id) => map.get(id) ?? null);
      }),
      contacts: new DataLoader(
        async (matches) => {
          const orgIds = [...new Set(matches.flatMap((x) => [x.schoolId, x.partnerId]))];
          const orgs = await ctx.loaders.organization.loadMany(orgIds);
          const contactOf = new Map(orgIds.map((id, i) => [id, orgs[i] instanceof Error ? null : (orgs[i]?.contact ?? null)]));
          const map = await placements.contactsOf(matches, contactOf);
          return matches.map((x) => map.get(x.id) ?? []);
        },
        { cacheKeyFn: (x) => x.id },
      ),
    };
    perRequest.set(ctx.loaders, loaders);
  }
  return loaders;
}

/** Organization.contact for the other side of a match from AWAITING_APPROVAL on: one query for a list of organisations. */
export function counterpartLoader(ctx: GqlContext, placements: Placements, viewer: Viewer): DataLoader<string, boolean> {
  const loaders = placementLoaders(ctx, placements);
  loaders.counterpart ??= new DataLoader(async (ids) => {
    const set = await placements.counterpartsOf(viewer, ids);
    return ids.map((id) => set.has(id));
  });
  return loaders.counterpart;
}

/** Workplace placements (issue 16): the checklist, the supervisor and risk assessment, Match.placement and Match.contacts. */
@Resolver(() => MatchType)
export class PlacementsResolver {
  constructor(private readonly placements: Placements) {}

  @Query(() => [RiskQuestionType], { description: 'The risk checklist of a workplace placement (current version), in order.' })
  riskQuestions(): readonly RiskQuestionDef[] {
    return RISK_QUESTIONS;
  }

  @Mutation(() => MatchType, { description: "A member of the offer's organisation." })
  @SignedIn()
  setPlacementSupervisor(
    @Args('matchId', { type: () => ID }) matchId: string,
    @Args('input', { type: () => SupervisorInput }) input: SupervisorInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<Match> {
    return this.placements.setSupervisor(viewer, matchId, input);
  }

  @Mutation(() => MatchType, { description: "A member of the offer's organisation; every question must be answered." })
  @SignedIn()
  submitRiskAssessment(
    @Args('matchId', { type: () => ID }) matchId: string,
    @Args('input', { type: () => RiskAssessmentInput }) input: RiskAssessmentInput,
    @CurrentViewer() viewer: Viewer,
  ): Promise<Match> {
    return this.placements.submitRiskAssessment(viewer, matchId, input);
  }

  @ResolveField(() => PlacementType, { nullable: true, description: 'Null unless the activity type is WORKPLACE_PLACEMENT.' })
  async placement(@Parent() match: Match, @Context() ctx: GqlContext): Promise<PlacementView | null> {
    const [offer, request, stored] = await Promise.all([
      ctx.loaders.offer.load(match.offerId),
      ctx.loaders.request.load(match.requestId),
      placementLoaders(ctx, this.placements).placement.load(match.id),
    ]);
    if (offer?.activityType !== WORKPLACE_PLACEMENT) return null;
    return {
      supervisor: stored?.supervisor ?? null,
      riskAssessment:
        stored?.riskAssessment && stored.submittedAt ? { ...stored.riskAssessment, submittedAt: stored.submittedAt, submittedById: stored.submittedById } : null,
      missing: placementGaps(stored, request?.studentAge ?? null),
      agreementUrl: this.placements.agreementUrl(match),
    };
  }

  @ResolveField(() => [ContactPersonType], { description: 'The contact people of both sides, from AWAITING_APPROVAL on (empty before).' })
  contacts(@Parent() match: Match, @Context() ctx: GqlContext): Promise<MatchContact[]> {
    return placementLoaders(ctx, this.placements).contacts.load(match);
  }
}

@Resolver(() => RiskQuestionType)
export class RiskQuestionResolver {
  @ResolveField(() => String, { description: "In the given locale, else the viewer's, else English." })
  async text(
    @Parent() question: RiskQuestionDef,
    @Context() ctx: GqlContext,
    @Args('locale', { type: () => LocaleEnum, nullable: true }) locale?: LocaleEnum,
  ): Promise<string> {
    return question.text[(locale ?? (await ctx.locale())) as keyof RiskQuestionDef['text']] ?? question.text.en;
  }
}

@Resolver(() => RiskAssessmentType)
export class RiskAssessmentResolver {
  @ResolveField(() => UserType, { nullable: true, description: 'Null once their account is erased.' })
  async submittedBy(@Parent() assessment: PlacementView['riskAssessment'], @Context() ctx: GqlContext): Promise<User | null> {
    if (!assessment?.submittedById) return null;
    const user = await ctx.loaders.user.load(assessment.submittedById);
    return user && user.email !== null ? user : null;
  }
}
