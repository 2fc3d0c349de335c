import type { AccessTokenView } from '@rollcall/contracts';
import { renderTable } from '../output/render-table';

/** One line per token: who may do what where, and whether it still works. */
export function tokensTable(tokens: readonly AccessTokenView[]): string {
  return renderTable(
    ['ID', 'NAME', 'ROLE', 'NAMESPACE', 'CREATED', 'BY', 'STATE'],
    tokens.map((token) => [
      token.tokenId,
      token.name,
      token.role,
      token.namespace ?? '*',
      token.createdAt,
      token.createdBy,
      token.revokedAt === null ? 'valid' : `revoked ${token.revokedAt}`,
    ]),
  );
}
