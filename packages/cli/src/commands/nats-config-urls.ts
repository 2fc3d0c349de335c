/**
 * Each server of a NATS URL list (`nats://a:4222,nats://b:4222`) with `user:password@` put in (replacing
 * any already there): the NATS_URL a credential's holder sets. Every URL carries it, so a client that reads
 * credentials per server (nats.go) uses them on every cluster member too.
 */
export function natsUrlWithCredentials(urls: string, user: string, password: string): string {
  return urls
    .split(',')
    .map((server) => server.trim())
    .filter((server) => server !== '')
    .map((server) => {
      const url = new URL(server);
      url.username = user;
      url.password = password;
      return url.toString().replace(/\/$/, '');
    })
    .join(',');
}
