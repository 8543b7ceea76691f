import { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request, Response } from 'express';
import type { Locale } from '@brobygge/core';
import { AccountsService, Actor } from '@brobygge/identity';
import { bearerToken, GqlContext, localeFromHeader } from './context';
import { errorLoggingPlugin, formatError } from './errors';
import { LoadersFactory } from './loaders';

/** Apollo at /graphql, code first, schema sorted so that the committed file diffs well. */
export const graphqlOptions = {
  inject: [LoadersFactory, AccountsService],
  useFactory: (loaders: LoadersFactory, accounts: AccountsService): ApolloDriverConfig => ({
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    csrfPrevention: true,
    introspection: true,
    playground: false,
    includeStacktraceInErrorResponses: false,
    formatError,
    plugins: [errorLoggingPlugin()],
    context: ({ req, res }: { req: Request; res: Response }): GqlContext => {
      let viewer: Promise<Actor> | undefined;
      const getViewer = () => (viewer ??= accounts.viewerForToken(bearerToken(req)));
      const headerLocale = localeFromHeader(req.headers['accept-language']);
      return {
        req,
        res,
        viewer: getViewer,
        locale: async (): Promise<Locale> => (await getViewer().catch(() => null))?.locale ?? headerLocale,
        ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        loaders: loaders.create(),
      };
    },
  }),
};
