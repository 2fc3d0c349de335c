/** What `liftUrlCredentials` returns: the servers without their user info, and the credentials once. */
export interface LiftedCredentials {
  readonly servers: string[];
  readonly user?: string;
  readonly pass?: string;
  /** `nats://<token>@host`: a user info without a password is a token, as nats.go reads it. */
  readonly token?: string;
}

/**
 * nats.js v3 ignores `user:password@` in a server URL (nats-server is then told nothing and refuses an
 * authenticated connection), while nats.go and the `nats` CLI honour it. So the user info of the first URL
 * that has one becomes the connection's `user`/`pass`, or its `token` when there is no password
 * (percent-decoded), and every URL is passed on without it, so a reconnect to another cluster member uses the
 * same credentials.
 */
export function liftUrlCredentials(servers: readonly string[]): LiftedCredentials {
  let user: string | undefined;
  let pass: string | undefined;
  const stripped = servers.map((server) => {
    if (!server.includes('@') || !URL.canParse(server)) return server;
    const url = new URL(server);
    if (url.username === '' && url.password === '') return server;
    if (user === undefined) {
      user = decodeURIComponent(url.username);
      pass = decodeURIComponent(url.password);
    }
    url.username = '';
    url.password = '';
    return url.toString().replace(/\/$/, '');
  });
  if (user === undefined) return { servers: stripped };
  if (pass === undefined || pass === '') return { servers: stripped, token: user };
  return { servers: stripped, user, pass };
}
