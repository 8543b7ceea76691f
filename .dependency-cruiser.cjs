/**
 * The import rules of shared/docs/STYLE.md and issue 14, checked by `npm run deps:check`.
 *
 * - apps/* never import each other; libs/* never import apps, scripts, bench or test.
 * - libs/matching is pure: nothing of the project, no Nest or TypeORM, and outside its specs
 *   nothing but the standard library.
 * - A context reaches another only through its public libs/<context>/src/index.ts
 *   (the `@brobygge/<context>` alias); apps, scripts and bench likewise.
 * - The order of contexts: core/config → database → identity → catalog → collaboration →
 *   followup, with notifications beside (above core/config/database, below the rest). A
 *   context imports only contexts listed below it in LOWER; matching may be used by any.
 * - test/ may import anything. scripts/ and bench/ are entry points like apps: no lib or app
 *   imports them, and they may use what an app may (plus the API's schema, the worker module).
 */

/** For each context, the contexts it may import. Everything else in libs/ is forbidden to it. */
const LOWER = {
  core: ['config'],
  config: ['core'],
  database: ['core', 'config'],
  notifications: ['core', 'config', 'database'],
  identity: ['core', 'config', 'database', 'notifications'],
  catalog: ['core', 'config', 'database', 'notifications', 'identity'],
  collaboration: ['core', 'config', 'database', 'notifications', 'identity', 'catalog'],
  followup: ['core', 'config', 'database', 'notifications', 'identity', 'catalog', 'collaboration'],
};
const CONTEXTS = Object.keys(LOWER);

const orderRules = CONTEXTS.map((context) => {
  const higher = CONTEXTS.filter((other) => other !== context && !LOWER[context].includes(other));
  return {
    name: `order-${context}`,
    comment:
      `${context} may import only ${LOWER[context].join(', ')} (and matching); ` +
      `not ${higher.join(', ')} (issue 14: core/config → database → identity → catalog → collaboration → followup; notifications beside).`,
    severity: 'error',
    from: { path: `^libs/${context}/` },
    to: { path: `^libs/(${higher.join('|')})/` },
  };
});

const NPM = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'];

module.exports = {
  forbidden: [
    {
      name: 'apps-not-each-other',
      comment: 'An app never imports another app: what both need belongs in a lib.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'apps-not-tooling',
      comment: 'Apps do not import scripts/, bench/ or test/.',
      severity: 'error',
      from: { path: '^apps/' },
      to: { path: '^(scripts|bench|test)/' },
    },
    {
      name: 'libs-not-apps',
      comment: 'Libs never import apps (or scripts, bench, test): apps carry libs over a transport, not the reverse.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(apps|scripts|bench|test)/' },
    },
    {
      name: 'matching-no-project',
      comment: 'libs/matching imports nothing of the project.',
      severity: 'error',
      from: { path: '^libs/matching/' },
      to: { path: '^(apps|libs|scripts|bench|test)/', pathNot: '^libs/matching/' },
    },
    {
      name: 'matching-no-nest-typeorm',
      comment: 'libs/matching imports nothing of Nest or TypeORM (nor other I/O).',
      severity: 'error',
      from: { path: '^libs/matching/' },
      to: { path: 'node_modules/(@nestjs/|typeorm/|pg/|ioredis/|bullmq/|reflect-metadata/)' },
    },
    {
      name: 'matching-only-stdlib',
      comment: 'Outside its specs, libs/matching uses nothing but the standard library (STYLE.md).',
      severity: 'error',
      from: { path: '^libs/matching/', pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: NPM },
    },
    {
      name: 'context-through-index',
      comment: 'A context imports another only through its public index.ts (`@brobygge/<context>`), not its files.',
      severity: 'error',
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'apps-through-index',
      comment: 'Apps, scripts and bench reach a lib only through its public index.ts (`@brobygge/<context>`).',
      severity: 'error',
      from: { path: '^(apps|scripts|bench)/' },
      to: { path: '^libs/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    ...orderRules,
    {
      name: 'no-circular',
      comment: 'No import cycles (the layout has none; keep it so).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (an unresolved `@brobygge/...` alias would slip past every rule above).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|coverage|var)/' },
    moduleSystems: ['cjs', 'es6'],
    // `import type` counts: a type from a higher context is still a dependency on it.
    tsPreCompilationDeps: true,
    // Resolves the `@brobygge/<context>` aliases through tsconfig.json's paths.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
