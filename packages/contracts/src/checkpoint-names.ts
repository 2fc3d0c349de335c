/**
 * The checkpoint (`checkpoints.consumer`) of the drainer's runner-command relay, which sends drain, stop and
 * undrain commands from the log. Named here because others read it: the drains view counts a drain notice as
 * sent once this checkpoint is at or after the drain's position.
 */
export const RUNNER_COMMANDS_CHECKPOINT = 'runner-commands';
