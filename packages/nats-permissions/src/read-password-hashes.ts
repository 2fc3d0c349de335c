// A user block as `renderNatsConfig` writes it: the user line, then the password line.
const USER_AND_HASH = /user: "([^"\n]+)"\s*\n\s*password: "([^"\n]+)"/g;

/**
 * The bcrypt hash of each user in a config this generator wrote, by user name: handed back to the generator,
 * it keeps those users' passwords, so adding a namespace or a server does not rotate every credential.
 */
export function readPasswordHashes(config: string): Map<string, string> {
  return new Map([...config.matchAll(USER_AND_HASH)].map((match) => [match[1] ?? '', match[2] ?? '']));
}
