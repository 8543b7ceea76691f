/** The prebuilt GraphiQL of `@graphql-yoga/render-graphiql` (its `./graphiql` export; our moduleResolution does not read `exports`). */
declare module '@graphql-yoga/render-graphiql/graphiql' {
  export const js: string;
  export const css: string;
  export const favicon: string;
  export const editorWorkerService: string;
  export const jsonWorker: string;
  export const graphqlWorker: string;
}
