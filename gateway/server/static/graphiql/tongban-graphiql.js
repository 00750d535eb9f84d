// Mounts GraphiQL with the settings the gateway put in #graphiql-config.
// Kept out of the HTML so the page needs no inline script (strict CSP friendly).
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("graphiql-config").textContent);
  var props = {
    fetcher: GraphiQL.createFetcher({ url: config.url }),
    defaultEditorToolsVisibility: true,
  };
  if (config.defaultQuery !== null) {
    props.defaultQuery = config.defaultQuery;
  }
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, props)
  );
})();
