// Starts GraphiQL against this gateway. The session cookie goes with every request (same
// origin), so a signed-in citizen explores their own account; sign in at /auth/login.
// The examples are the persisted operations of operations/graphiql/, so they also run in production.
// The schema comes from /graphiql/schema.json rather than an introspection query, which
// production refuses: the docs and completion work there too.
const examples = window.GRAPHIQL_EXAMPLES.map((query) => ({ query }));

const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
fetch('/graphiql/schema.json', { credentials: 'same-origin' })
  .then((response) => (response.ok ? response.json() : null))
  .catch(() => null)
  .then((schema) => {
    ReactDOM.createRoot(document.getElementById('graphiql')).render(
      React.createElement(GraphiQL, { fetcher, schema: schema ?? undefined, defaultTabs: examples, defaultEditorToolsVisibility: false }),
    );
  });
