import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult, OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { counter } from '@brobygge/config';
import type { GqlContext } from './context';

/**
 * Whole-response cache for catalogue reads (docs/decisions.md, "Read cache").
 *
 * A query's answer is stored when a resolver opted in (`ctx.cache.cacheable`, set by the
 * offer and request lists when only public statuses are asked for), nothing in it
 * depended on who asked (`ctx.viewer()` was never called; `publicViewer()` only checks
 * that someone is signed in) and it has no errors. It is found again by the operation
 * text, its variables, the viewer's locale and the database's cache version, so any
 * committed write to the catalogue or the directory makes every stored answer unreachable.
 * Only signed-in callers read from it, after their token and account have been checked.
 */
export class ResponseCache {
  private readonly lru: LRUCache<string, FormattedExecutionResult> | null;

  constructor(maxMegabytes: number) {
    this.lru =
      maxMegabytes > 0
        ? new LRUCache<string, FormattedExecutionResult>({
            maxSize: maxMegabytes * 1024 * 1024,
            sizeCalculation: (v) => Math.max(1, JSON.stringify(v).length),
          })
        : null;
  }

  get enabled(): boolean {
    return this.lru !== null;
  }

  get(key: string): FormattedExecutionResult | undefined {
    return this.lru?.get(key);
  }

  set(key: string, value: FormattedExecutionResult): void {
    this.lru?.set(key, value);
  }
}

const lookups = counter<'result'>({
  name: 'brobygge_response_cache_total',
  help: 'Response-cache look-ups of cacheable operations by signed-in callers: hit or miss.',
  labelNames: ['result'],
});

/** Root fields whose answers may be cached; other operations skip the cache entirely. */
const CACHEABLE_ROOTS = new Set(['offers', 'requests']);

function mayBeCached(operation: OperationDefinitionNode | undefined): boolean {
  return operation?.operation === 'query' && operation.selectionSet.selections.some((s) => s.kind === 'Field' && CACHEABLE_ROOTS.has(s.name.value));
}

export function responseCachePlugin(cache: ResponseCache): ApolloServerPlugin<GqlContext> {
  return {
    async requestDidStart() {
      let key: string | undefined;
      return {
        async responseForOperation(rc) {
          const ctx = rc.contextValue;
          if (!cache.enabled || !mayBeCached(rc.operation) || !ctx.hasToken()) return null;
          // A bad token or a deleted account falls through to normal execution and its error.
          const viewer = await ctx.publicViewer().catch(() => null);
          if (!viewer) return null;
          const version = await ctx.cacheVersion();
          key = createHash('sha256')
            .update(`${version}\0${viewer.locale}\0${rc.request.operationName ?? ''}\0${JSON.stringify(rc.request.variables ?? {})}\0${rc.source}`)
            .digest('base64url');
          const hit = cache.get(key);
          lookups.inc({ result: hit ? 'hit' : 'miss' });
          ctx.res.setHeader('x-brobygge-cache', hit ? 'hit' : 'miss');
          return hit ? { http: rc.response.http, body: { kind: 'single', singleResult: hit } } : null;
        },
        async willSendResponse(rc) {
          const ctx = rc.contextValue;
          const body = rc.response.body;
          if (!key || !ctx.cache.cacheable || ctx.cache.personal || body.kind !== 'single') return;
          if (body.singleResult.errors?.length) return;
          cache.set(key, body.singleResult);
        },
      };
    },
  };
}
