/**
 * The one subscription that keeps the read models: its checkpoint (`checkpoints.consumer`) is the position
 * up to which `worker_map` and `pools` are folded, and its advisory lock elects the projector among replicas.
 */
export const READ_MODELS_SUBSCRIPTION = 'read-models';
