export { eventlogBench } from './eventlog-bench';
