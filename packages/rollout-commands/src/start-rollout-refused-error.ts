/**
 * Base of every refusal of a rollout start that the pool and rollout deciders do not make themselves, so an
 * edge (HTTP, CLI) tells "the start was refused" (4xx) from a failure (5xx) with one `instanceof`.
 */
export abstract class StartRolloutRefusedError extends Error {}
