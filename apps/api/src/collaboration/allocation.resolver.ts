import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { AllocationService } from '@brobygge/collaboration';
import type { GqlContext } from '../graphql/context';
import { AllocationInput, AllocationResultType } from './collaboration.types';
import { Throttled } from '../graphql/throttle';

@Resolver(() => AllocationResultType)
export class AllocationResolver {
  constructor(private readonly allocation: AllocationService) {}

  @Mutation(() => AllocationResultType, {
    description:
      'An optimal allocation round for a region and activity type (coordinators of the region, admins). A dry run writes nothing; otherwise every proposal becomes an ALLOCATION match for both sides to accept.',
  })
  @Throttled('allocation')
  async runAllocation(@Args('input', { type: () => AllocationInput }) input: AllocationInput, @Context() ctx: GqlContext) {
    return this.allocation.run(await ctx.viewer(), input);
  }
}
