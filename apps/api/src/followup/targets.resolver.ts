import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { FocusArea, Region } from '@brobygge/catalog';
import type { Viewer } from '@brobygge/core';
import { Target, TargetService } from '@brobygge/followup';
import type { GqlContext } from '../graphql/context';
import { CurrentViewer, SignedIn } from '../graphql/current-viewer';
import { FocusAreaType } from '../catalog/focus-area.type';
import { RegionType } from '../catalog/region.type';
import { SetTargetInput, TargetType } from './target.types';

@Resolver(() => TargetType)
export class TargetsResolver {
  constructor(private readonly targets: TargetService) {}

  @Query(() => [TargetType], { name: 'targets', description: "The region's targets, by first day, then measure. Coordinators of the region; admins." })
  @SignedIn()
  targetsOf(@Args('regionCode', { type: () => ID }) regionCode: string, @CurrentViewer() viewer: Viewer): Promise<Target[]> {
    return this.targets.list(viewer, regionCode);
  }

  @Mutation(() => TargetType, { description: 'Coordinators of the region; admins.' })
  @SignedIn()
  setTarget(@Args('input', { type: () => SetTargetInput }) input: SetTargetInput, @CurrentViewer() viewer: Viewer): Promise<Target> {
    return this.targets.set(viewer, input);
  }

  @Mutation(() => Boolean, { description: "Coordinators of the region; admins. Someone else's target is NOT_FOUND." })
  @SignedIn()
  deleteTarget(@Args('id', { type: () => ID }) id: string, @CurrentViewer() viewer: Viewer): Promise<boolean> {
    return this.targets.delete(viewer, id);
  }

  @ResolveField(() => RegionType)
  async region(@Parent() target: Target, @Context() ctx: GqlContext): Promise<Region> {
    return (await ctx.loaders.region.load(target.regionCode))!;
  }

  @ResolveField(() => FocusAreaType, { nullable: true })
  focusArea(@Parent() target: Target, @Context() ctx: GqlContext): Promise<FocusArea | null> | null {
    return target.focusAreaCode ? ctx.loaders.focusArea.load(target.focusAreaCode) : null;
  }
}
