import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { join } from 'node:path';
import { RESOLVERS } from './resolvers';

export const SCHEMA_FILE = join(__dirname, '..', 'schema.graphql');

const HEADER = '# Generated from the code-first resolvers by `npm run schema:generate`. Do not edit.\n\n';

/** The API's schema as SDL, built from the resolvers alone (no database needed). */
export async function generateSchemaSdl(): Promise<string> {
  const app = await NestFactory.create(GraphQLSchemaBuilderModule, { logger: false });
  await app.init();
  try {
    const schema = await app.get(GraphQLSchemaFactory).create(RESOLVERS);
    return HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
  } finally {
    await app.close();
  }
}
