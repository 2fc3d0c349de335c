// The domain's test data builders for other packages' specs (`@rollcall/domain/testing`): one set of pool
// events, so a projection spec and a decider spec describe the same history the same way.
export { EARLIER, NAMESPACE, OPERATOR, POOL, secondsAfterNow } from '../pool/controls/pool-clock';
export {
  drainRequested,
  poolConfigured,
  runnerBecameBusy,
  runnerBecameIdle,
  runnerConnected,
  runnerLost,
  runnerStopped,
  runnerUndrained,
  stopRequested,
  supersededAtNow,
  versionPublished,
  versionYanked,
} from '../pool/controls/pool-events';
