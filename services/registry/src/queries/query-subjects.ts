import { Identifier, querySubject } from '@rollcall/contracts';

/** The read queries the registry answers on `<prefix>.v1.<ns>.query.<name>`. */
export type QueryName = 'workers' | 'worker' | 'pools' | 'place';

/** `<prefix>.v1.*.query.<name>`: one subscription answers every namespace. */
export function queryWildcard(prefix: string, name: QueryName): string {
  const { head, tail } = aroundNamespace(prefix, name);
  return `${head}*${tail}`;
}

/** The namespace of a subject `queryWildcard` matched, or null for anything else. */
export function queryNamespace(prefix: string, name: QueryName, subject: string): string | null {
  const { head, tail } = aroundNamespace(prefix, name);
  if (!subject.startsWith(head) || !subject.endsWith(tail)) return null;
  const namespace = Identifier.safeParse(subject.slice(head.length, subject.length - tail.length));
  return namespace.success ? namespace.data : null;
}

// The subject's shape comes from the contract's builder: build it for a stand-in namespace and cut there.
const STAND_IN = 'ns';

function aroundNamespace(prefix: string, name: QueryName): { head: string; tail: string } {
  const subject = querySubject(prefix, STAND_IN, name);
  const tail = `.query.${name}`;
  return { head: subject.slice(0, subject.length - tail.length - STAND_IN.length), tail };
}
