// What global-setup hands every test file through `inject`.
declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a maintenance database; each test file creates its own database from it. */
    databaseUrl: string;
    /** A NATS server with JetStream; each test file uses its own subject prefix and stream names. */
    natsUrl: string;
  }
}

export {};
