import { Controller, Get, Inject, Param, Res, UseFilters } from '@nestjs/common';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Response } from 'express';
import { NotFoundError } from '@brobygge/core';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { DomainErrorHttpFilter } from '../http/domain-error.filter';

/**
 * GraphiQL for a browser at GET /graphql, served by the API itself so that it works offline:
 * the prebuilt GraphiQL 5 bundle of `@graphql-yoga/render-graphiql` (React, Monaco and its
 * workers in one package, no CDN) as static files under /graphql-ide/<version>/. On by
 * default only in development (GRAPHQL_IDE); elsewhere a browser gets a short page saying
 * how to call the API instead of Apollo's CSRF error. The page itself is Apollo's landing
 * page (GET with `Accept: text/html`), so POSTs keep Apollo's CSRF prevention.
 */

/** GRAPHQL_IDE, or else on in development only. */
export function ideEnabled(config: Pick<AppConfig, 'GRAPHQL_IDE' | 'NODE_ENV'>): boolean {
  return config.GRAPHQL_IDE ?? config.NODE_ENV === 'development';
}

/** Where the IDE's files are served; the version in the path lets browsers cache them for good. */
export const IDE_PREFIX = '/graphql-ide';

interface GraphiqlBundle {
  js: string;
  css: string;
  editorWorkerService: string;
  jsonWorker: string;
  graphqlWorker: string;
}

let bundle: Promise<{ version: string; files: Map<string, { type: string; body: string }> }> | undefined;

/** The bundle (about 9 MB of strings): loaded on the first request, never when the IDE is off. */
function ideFiles() {
  return (bundle ??= (async () => {
    const b = (await import('@graphql-yoga/render-graphiql/graphiql')) as GraphiqlBundle;
    const { version } = (await import('@graphql-yoga/render-graphiql/package.json')) as { version: string };
    const js = 'text/javascript; charset=utf-8';
    const files = new Map([
      ['graphiql.js', { type: js, body: b.js }],
      ['graphiql.css', { type: 'text/css; charset=utf-8', body: b.css }],
      ['editor.worker.js', { type: js, body: b.editorWorkerService }],
      ['json.worker.js', { type: js, body: b.jsonWorker }],
      ['graphql.worker.js', { type: js, body: b.graphqlWorker }],
      ['start.js', { type: js, body: startScript(`${IDE_PREFIX}/${version}`) }],
    ]);
    return { version, files };
  })());
}

const SIGN_IN = `# Brobygge GraphQL, development (GRAPHQL_IDE).
#
# Demo logins (docs/demo.md), password brobygge-demo:
#   coordinator.malmo@demo.brobygge.example
#   rosengard.owner@demo.brobygge.example  (a school)
#   oresund-bio.owner@demo.brobygge.example (a company)
# Admin: admin@brobygge.local, password from
#   BOOTSTRAP_ADMIN_PASSWORD (dev: brobygge-admin-dev).
#
# Run this (▶), copy accessToken, open the tab "Me"
# and put it in Headers below the query:
#   { "Authorization": "Bearer <accessToken>" }
mutation SignIn {
  login(
    input: {
      email: "coordinator.malmo@demo.brobygge.example"
      password: "brobygge-demo"
    }
  ) {
    accessToken
    user { name email roles }
  }
}
`;

const SIGNED_IN = `# Needs Headers (below): the accessToken of "SignIn".
query Me {
  me {
    name
    email
    roles
    memberships { role organization { name } }
    coordinatorRegions { code name }
  }
}
`;

const PUBLIC = `# Public: no sign-in needed.
query Regions {
  regions { code name }
}
`;

/** The options of Yoga's GraphiQL (GraphiQLOptions of graphql-yoga). */
export function ideOptions() {
  return {
    title: 'Brobygge GraphQL (development)',
    endpoint: '/graphql',
    defaultEditorToolsVisibility: 'headers',
    shouldPersistHeaders: false,
    defaultTabs: [
      { query: SIGN_IN },
      { query: SIGNED_IN, headers: JSON.stringify({ Authorization: 'Bearer <accessToken from the first tab>' }, null, 2) },
      { query: PUBLIC },
    ],
  };
}

/** What the inline script of Yoga's page does, as a file (the CSP allows no inline script). */
function startScript(base: string): string {
  const workers = {
    editorWorkerService: `${base}/editor.worker.js`,
    json: `${base}/json.worker.js`,
    graphql: `${base}/graphql.worker.js`,
  };
  return `'use strict';
(function () {
  var workers = ${JSON.stringify(workers)};
  self.MonacoEnvironment = {
    globalAPI: false,
    getWorkerUrl: function (moduleId, label) { return workers[label] || workers.editorWorkerService; },
  };
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), ${JSON.stringify(ideOptions())});
})();
`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The page a browser gets at GET /graphql: GraphiQL, or a short explanation when the IDE is off. */
export async function landingPageHtml(config: Pick<AppConfig, 'GRAPHQL_IDE' | 'NODE_ENV'>): Promise<string> {
  if (!ideEnabled(config)) {
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Brobygge GraphQL API</title></head>
<body>
<h1>Brobygge GraphQL API</h1>
<p>This is the GraphQL endpoint. Send queries as <code>POST /graphql</code> with
<code>content-type: application/json</code>, e.g.
<code>curl -s URL/graphql -H 'content-type: application/json' -d '{"query":"{ regions { code name } }"}'</code>.
Sign in with the <code>login</code> mutation and send its <code>accessToken</code> as <code>Authorization: Bearer ...</code>.</p>
<p>The in-browser IDE (GraphiQL) is off here: it is on in development, or with <code>GRAPHQL_IDE=true</code>.</p>
</body></html>
`;
  }
  const base = escapeHtml(`${IDE_PREFIX}/${(await ideFiles()).version}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Brobygge GraphQL (development)</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${base}/graphiql.css">
</head>
<body id="body" class="no-focus-outline">
<noscript>GraphiQL needs JavaScript. Without it, POST queries to /graphql as JSON (see the README).</noscript>
<div id="root"></div>
<script src="${base}/graphiql.js"></script>
<script src="${base}/start.js"></script>
</body>
</html>
`;
}

/** Apollo's landing page: what GET /graphql shows a browser (Accept: text/html). */
export function landingPagePlugin(config: AppConfig): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          // A function: the bundle is loaded by the first browser, not at start-up.
          return { html: () => landingPageHtml(config) };
        },
      };
    },
  };
}

/** GET /graphql-ide/<version>/<file>: the IDE's files; 404 when the IDE is off. */
@Controller(IDE_PREFIX.slice(1))
@UseFilters(DomainErrorHttpFilter)
export class GraphqlIdeController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get(':version/:file')
  async file(@Param('version') version: string, @Param('file') name: string, @Res() res: Response): Promise<void> {
    if (!ideEnabled(this.config)) throw new NotFoundError('GraphQL IDE file');
    const ide = await ideFiles();
    const file = ide.files.get(name);
    if (version !== ide.version || !file) throw new NotFoundError('GraphQL IDE file');
    res.status(200).setHeader('Content-Type', file.type).setHeader('Cache-Control', 'public, max-age=31536000, immutable').send(file.body);
  }
}
