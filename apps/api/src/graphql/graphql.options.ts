import { ApolloDriverConfig } from '@nestjs/apollo';
import type { Request, Response } from 'express';
import type { Locale } from '@brobygge/core';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { CacheVersion } from '@brobygge/database';
import { Actor, Authentication } from '@brobygge/identity';
import { bearerToken, GqlContext, localeFromHeader } from './context';
import { errorLoggingPlugin, formatError } from './errors';
import { LoadersFactory } from './loaders';
import { ResponseCache, responseCachePlugin } from './response-cache';
import { costLimitPlugin, limitRules, OperationLimits } from './limits';
import { landingPagePlugin } from './ide';
import { metricsPlugin } from './metrics';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';

export function operationLimits(config: AppConfig): OperationLimits {
  return {
    depth: config.GRAPHQL_MAX_DEPTH,
    aliases: config.GRAPHQL_MAX_ALIASES,
    directives: config.GRAPHQL_MAX_DIRECTIVES,
    tokens: config.GRAPHQL_MAX_TOKENS,
    cost: config.GRAPHQL_MAX_COST,
  };
}

/** Apollo at /graphql, code first, schema sorted so that the committed file diffs well. */
export const graphqlOptions = {
  inject: [LoadersFactory, Authentication, CacheVersion, APP_CONFIG],
  useFactory: (loaders: LoadersFactory, authentication: Authentication, versions: CacheVersion, config: AppConfig): ApolloDriverConfig => ({
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    csrfPrevention: true,
    // Batched (array) requests would multiply every limit below; Apollo refuses them.
    allowBatchedHttpRequests: false,
    introspection: config.GRAPHQL_INTROSPECTION ?? config.NODE_ENV !== 'production',
    playground: false,
    includeStacktraceInErrorResponses: false,
    formatError,
    parseOptions: { maxTokens: config.GRAPHQL_MAX_TOKENS },
    validationRules: limitRules(operationLimits(config)),
    plugins: [
      metricsPlugin(),
      errorLoggingPlugin(),
      costLimitPlugin(operationLimits(config)),
      responseCachePlugin(new ResponseCache(config.RESPONSE_CACHE_MB)),
      // GET /graphql from a browser: GraphiQL in development, else a short explanation (ide.ts).
      landingPagePlugin(config),
      // Apollo's cache-control plugin wraps every field resolver to compute HTTP cache hints
      // that nothing here uses (the response cache has its own rules): off, it no longer costs
      // a hook per field — thousands on the impact report's list of schools.
      ApolloServerPluginCacheControlDisabled(),
    ],
    context: ({ req, res }: { req: Request; res: Response }): GqlContext => {
      const token = bearerToken(req);
      // One read gives the viewer's version and the cache version (CacheVersion.forViewer):
      // a signed-in request reuses it for the response cache.
      let version: Promise<string> | undefined;
      const cacheVersion = () => (version ??= versions.current());
      const viewerVersion = async (userId: string) => {
        const read = versions.forViewer(userId);
        if (!version) {
          version = read.then((r) => r.cache);
          // Whoever needs the cache version awaits it and sees a failure; unawaited (no cached
          // field asked), a failed read must not become an unhandled rejection that kills the process.
          version.catch(() => undefined);
        }
        return (await read).viewer;
      };
      let viewer: Promise<Actor> | undefined;
      const getViewer = () => (viewer ??= token ? authentication.viewerForToken(token, viewerVersion) : Promise.resolve(null));
      const headerLocale = localeFromHeader(req.headers['accept-language']);
      const cache = { cacheable: false, personal: false };
      return {
        req,
        res,
        viewer: () => {
          cache.personal = true;
          return getViewer();
        },
        publicViewer: getViewer,
        locale: async (): Promise<Locale> => (await getViewer().catch(() => null))?.locale ?? headerLocale,
        hasToken: () => token !== undefined,
        cacheVersion,
        cache,
        ip: req.ip ?? req.socket.remoteAddress ?? 'unknown',
        loaders: loaders.create(),
      };
    },
  }),
};
