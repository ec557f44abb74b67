/** `wirefeed start --demo`: the shipped config's regions over sample feeds served on loopback. */
export { DEMO_FEEDS, type DemoFeed } from './demo-sources.ts';
export { demoConfig, DEMO_ALLOWED_NETWORKS } from './demo-config.ts';
export { startDemoFeedServer, type DemoFeedServer } from './feed-server.ts';
