// Starts GraphiQL against this gateway. The session cookie goes with every request (same
// origin), so a signed-in citizen explores their own account; sign in at /auth/login.
// The examples are the persisted operations of operations/graphiql/, so they also run in production.
const examples = window.GRAPHIQL_EXAMPLES.map((query) => ({ query }));

const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, { fetcher, defaultTabs: examples, defaultEditorToolsVisibility: false }),
);
