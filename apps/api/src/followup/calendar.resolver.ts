import { Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ForbiddenError, Viewer } from '@brobygge/core';
import { CalendarService } from '@brobygge/followup';
import type { User } from '@brobygge/identity';
import type { GqlContext } from '../graphql/context';
import { CurrentViewer, SignedIn } from '../graphql/current-viewer';
import { UserType } from '../identity/user.type';

/** User.calendarUrl and rotateCalendarUrl: the secret ICS feed of a person's organisations. */
@Resolver(() => UserType)
export class CalendarResolver {
  constructor(private readonly calendars: CalendarService) {}

  @ResolveField(() => String, {
    description:
      "A secret ICS feed of the activities of the user's organisations (only the user sees it). Subscribe to it in a calendar app; rotateCalendarUrl replaces it.",
  })
  async calendarUrl(@Parent() user: User, @Context() ctx: GqlContext): Promise<string> {
    const self = ctx.signedInAs === user.id || (await ctx.viewer())?.id === user.id;
    if (!self) throw new ForbiddenError('Only the user sees their calendar address.');
    return this.calendars.url(user.id);
  }

  @Mutation(() => String, { description: 'Invalidates the old calendar feed URL and returns the new one.' })
  @SignedIn()
  async rotateCalendarUrl(@CurrentViewer() viewer: Viewer): Promise<string> {
    return this.calendars.rotate(viewer);
  }
}
