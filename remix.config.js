/** Remix 2 with the classic compiler. @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.{ts,tsx}"],
  appDirectory: "app",
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // React and everything that renders with it are compiled into the server build, where the compiler sets
  // NODE_ENV to the build's mode: the server renders with React's production build in every process, the demo
  // included (its NODE_ENV is not "production", and React picks its slow development build from it at run
  // time). One copy of React for all of them, or hooks break.
  serverDependenciesToBundle: [
    /^react($|\/)/,
    /^react-dom($|\/)/,
    /^scheduler($|\/)/,
    /^react-router($|-dom|\/)/,
    /^@remix-run\/react($|\/)/,
    /^@remix-run\/router($|\/)/,
    /^@shopify\/polaris($|\/)/,
    /^@shopify\/polaris-icons($|\/)/,
    /^@shopify\/app-bridge-react($|\/)/,
    /^react-transition-group($|\/)/,
    /^react-fast-compare($|\/)/,
    // react-transition-group asks for its helpers by directory ("dom-helpers/addClass"), which only a bundler
    // resolves: bundled, the build loads under plain Node too (the render threads, scripts/render-thread.mjs).
    /^dom-helpers($|\/)/,
  ],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off: with it, every page render computed the page's part of the route manifest (matching every route for
    // it, about a millisecond of a Reviews page); without it the browser loads the whole manifest once, as a
    // fingerprinted file it caches (docs/decisions/014).
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: false,
  },
};
