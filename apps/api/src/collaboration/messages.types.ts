import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { Connection } from '../graphql/connection';
import { UserType } from '../identity/user.type';

@ObjectType('Message', { description: "A message on a match's conversation: plain text, never HTML." })
export class MessageType {
  @Field(() => ID) id: string;
  @Field(() => UserType, { nullable: true, description: 'Null once the author has deleted their account (the text stays).' }) author: UserType | null;
  @Field(() => String, { description: 'SCHOOL, PARTNER or COORDINATOR.' }) side: string;
  @Field(() => String) body: string;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

export const MessageConnection = Connection(MessageType, 'Message');
