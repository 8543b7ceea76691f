import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { FocusArea, focusAreaName, Region, TaxonomyService } from '@brobygge/catalog';
import type { GqlContext } from '../graphql/context';
import { LocaleEnum } from '../graphql/enums';
import { FocusAreaType } from './focus-area.type';
import { RegionType } from './region.type';

@Resolver(() => RegionType)
export class RegionResolver {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Query(() => [RegionType], { description: 'Every region, Swedish first.' })
  regions(): Promise<Region[]> {
    return this.taxonomy.regions();
  }
}

@Resolver(() => FocusAreaType)
export class FocusAreaResolver {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Query(() => [FocusAreaType], { description: 'The focus-area taxonomy: each direction followed by its subjects.' })
  focusAreas(): Promise<FocusArea[]> {
    return this.taxonomy.focusAreas();
  }

  @ResolveField(() => String, { description: "In the viewer's locale unless one is given." })
  async name(@Parent() area: FocusArea, @Context() ctx: GqlContext, @Args('locale', { type: () => LocaleEnum, nullable: true }) locale?: LocaleEnum): Promise<string> {
    return focusAreaName(area, locale ?? (await ctx.locale()));
  }

  @ResolveField(() => FocusAreaType, { nullable: true })
  async parent(@Parent() area: FocusArea, @Context() ctx: GqlContext): Promise<FocusArea | null> {
    return area.parentCode ? ctx.loaders.focusArea.load(area.parentCode) : null;
  }
}
