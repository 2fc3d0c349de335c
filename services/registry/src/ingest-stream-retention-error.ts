/**
 * The ingest stream exists with another retention than WorkQueue (e.g. created by hand): acknowledged
 * messages would then pile up forever. JetStream cannot change retention in place; an operator recreates it.
 */
export class IngestStreamRetentionError extends Error {
  override readonly name = 'IngestStreamRetentionError';
  readonly stream: string;
  readonly retention: string;

  constructor(stream: string, retention: string, options?: ErrorOptions) {
    super(
      `JetStream stream ${stream} has retention "${retention}", but runner ingest needs "workqueue"; delete it (after draining it) and let the registry recreate it`,
      options,
    );
    this.stream = stream;
    this.retention = retention;
  }
}
