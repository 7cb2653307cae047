/**
 * The stand-in for Slack, both directions, shared by the tests, the benchmarks and `npm run demo`:
 * - `web-api/`: what the app calls (a Web API and Socket Mode double the real WebClient talks to);
 * - `driver.ts`: what Slack sends the app (signed slash commands, interactions and events).
 * It lives outside src/ so the production build (tsconfig.build.json) never ships it.
 */
export * from './driver.ts';
export * from './web-api/index.ts';
