import { Args, Context, ID, Int, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Match, MatchConversation, MatchMessage, MatchPolicy } from '@brobygge/collaboration';
import type { Page, Viewer } from '@brobygge/core';
import type { User } from '@brobygge/identity';
import type { GqlContext } from '../graphql/context';
import { CurrentViewer, SignedIn } from '../graphql/current-viewer';
import { Throttled } from '../graphql/throttle';
import { UserType } from '../identity/user.type';
import { MatchType } from './collaboration.types';
import { MessageConnection, MessageType } from './messages.types';

/** The conversation on a match (issue 16): the rules live in MatchPolicy, the work in MatchConversation. */
@Resolver(() => MessageType)
export class MessagesResolver {
  constructor(private readonly conversation: MatchConversation) {}

  @Mutation(() => MessageType, {
    description: 'Members of either side and coordinators of the region, while the match is not DECLINED, REJECTED or CANCELLED. Plain text, 1 to 4,000 characters.',
  })
  @Throttled('message')
  @SignedIn()
  async postMessage(
    @Args('matchId', { type: () => ID }) matchId: string,
    @Args('body', { type: () => String }) body: string,
    @CurrentViewer() viewer: Viewer,
  ): Promise<MatchMessage> {
    return this.conversation.post(viewer, matchId, body);
  }

  @Mutation(() => Int, { description: "Marks the match's messages read for you; returns how many messages of others were unread." })
  @SignedIn()
  async markMessagesRead(@Args('matchId', { type: () => ID }) matchId: string, @CurrentViewer() viewer: Viewer): Promise<number> {
    return this.conversation.markRead(viewer, matchId);
  }

  @ResolveField(() => UserType, { nullable: true })
  async author(@Parent() message: MatchMessage, @Context() ctx: GqlContext): Promise<User | null> {
    if (!message.authorId) return null;
    const user = await ctx.loaders.user.load(message.authorId);
    return user && user.email !== null ? user : null;
  }
}

/** Match.messages and Match.unreadMessages. */
@Resolver(() => MatchType)
export class MatchMessagesResolver {
  @ResolveField(() => MessageConnection, {
    description:
      'Oldest first, newest last. Members of either side and coordinators of the region, whatever the state; empty for others who see the match (admins, coordinators of an offer serving across borders), so that a list of matches still answers.',
  })
  async messages(
    @Parent() match: Match,
    @Context() ctx: GqlContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<Page<MatchMessage>> {
    // The parent match is visible to the viewer (it was resolved for them); one who takes no
    // part in its conversation sees none of it, without failing the whole list it stands in.
    const viewer = await ctx.viewer();
    if (!viewer || !MatchPolicy.conversationSide(viewer, match)) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
    return ctx.loaders.messagesOf(first, after).load(match.id);
  }

  @ResolveField(() => Int, { description: 'Messages of others you have not marked read; 0 for those who take no part in the conversation.' })
  async unreadMessages(@Parent() match: Match, @Context() ctx: GqlContext): Promise<number> {
    const viewer = await ctx.viewer();
    if (!viewer || !MatchPolicy.conversationSide(viewer, match)) return 0;
    return ctx.loaders.unreadMessagesOf(viewer.id).load(match.id);
  }
}
