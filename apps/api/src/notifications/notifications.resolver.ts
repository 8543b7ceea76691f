import { Args, Field, GraphQLISODateTime, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { Viewer } from '@brobygge/core';
import { DigestFrequency, Profiles } from '@brobygge/identity';
import { InAppNotifications } from '@brobygge/notifications';
import { Connection } from '../graphql/connection';
import { CurrentViewer, SignedIn } from '../graphql/current-viewer';
import '../identity/identity.enums';
import { UserType } from '../identity/user.type';

@ObjectType('Notification', { description: 'An in-app notification of the signed-in user.' })
export class NotificationType {
  @Field(() => ID) id: string;
  @Field(() => String) type: string;
  @Field(() => String) title: string;
  @Field(() => String) body: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) readAt: Date | null;
}

@InputType('NotificationPreferencesInput')
export class NotificationPreferencesInput {
  @Field(() => Boolean, { nullable: true, description: 'E-mail on or off; invitations and account messages are always e-mailed.' }) email?: boolean | null;
  @Field(() => DigestFrequency, { nullable: true }) digest?: DigestFrequency | null;
}

const NotificationConnection = Connection(NotificationType, 'Notification');

/** The signed-in user's own notifications and preferences. */
@Resolver(() => NotificationType)
export class NotificationsResolver {
  constructor(
    private readonly inApp: InAppNotifications,
    private readonly profiles: Profiles,
  ) {}

  @Query(() => NotificationConnection, { description: 'Newest first; only your own.' })
  @SignedIn()
  async notifications(
    @CurrentViewer() viewer: Viewer,
    @Args('unreadOnly', { type: () => Boolean, nullable: true, defaultValue: false }) unreadOnly?: boolean,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20 }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ) {
    return this.inApp.list(viewer.id, unreadOnly ?? false, first, after);
  }

  @Mutation(() => Int, { description: 'Marks your own notifications read; returns how many changed.' })
  @SignedIn()
  async markNotificationsRead(@Args('ids', { type: () => [ID] }) ids: string[], @CurrentViewer() viewer: Viewer) {
    return this.inApp.markRead(viewer.id, ids);
  }

  @Mutation(() => UserType)
  @SignedIn()
  async updateNotificationPreferences(@Args('input', { type: () => NotificationPreferencesInput }) input: NotificationPreferencesInput, @CurrentViewer() viewer: Viewer) {
    return this.profiles.updateNotificationPreferences(viewer, input);
  }
}
