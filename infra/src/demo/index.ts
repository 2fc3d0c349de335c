export { DEMO_NAMESPACE, DEMO_POOL, DEMO_SERVERS, DEMO_TIMINGS } from './demo-settings';
export { type RunDemoOptions, runDemo } from './run-demo';
