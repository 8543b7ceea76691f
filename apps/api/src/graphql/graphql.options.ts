import { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { GqlContext, localeFromHeader } from './context';
import { errorLoggingPlugin, formatError } from './errors';
import { LoadersFactory } from './loaders';

/** Apollo at /graphql, code first, schema sorted so that the committed file diffs well. */
export const graphqlOptions = {
  inject: [APP_CONFIG, LoadersFactory],
  useFactory: (config: AppConfig, loaders: LoadersFactory): ApolloDriverConfig => ({
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    csrfPrevention: true,
    introspection: true,
    playground: false,
    includeStacktraceInErrorResponses: false,
    formatError,
    plugins: [errorLoggingPlugin()],
    context: ({ req, res }: { req: Request; res: Response }): GqlContext => ({
      req,
      res,
      locale: localeFromHeader(req.headers['accept-language']),
      loaders: loaders.create(),
    }),
  }),
};
