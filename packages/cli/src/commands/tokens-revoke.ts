import { AccessTokenView, TokenId } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { requestApiJson } from '../http/request-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { writeJson, writeLine } from '../output/write-line';

const RevokeOptions = ApiOptions.extend({ tokenId: TokenId });

/** What a revocation answers: the token, revoked. */
const RevokedToken = AccessTokenView.extend({
  revokedAt: AccessTokenView.shape.revokedAt.unwrap(),
  revokedBy: AccessTokenView.shape.revokedBy.unwrap(),
});

/** `rollcall tokens revoke <id>`: the token stops working with the next request (HTTP API, admin token). */
export function tokensRevokeCommand(io: CliIo): Command {
  return new Command('revoke')
    .description('revoke an access token: its next request is refused (HTTP API, admin token)')
    .argument('<tokenId>', 'the token id (see rollcall tokens list)')
    .action(async (tokenId: string, _options: unknown, self: Command) => {
      const options = commandOptions(self, io, RevokeOptions, { tokenId }, { tokenId: '<tokenId>' });
      const revoked = await requestApiJson(
        apiTarget(options, io),
        { method: 'DELETE', path: `/v1/tokens/${options.tokenId}` },
        RevokedToken,
      );
      if (options.json) return writeJson(io.stdout, revoked);
      await writeLine(
        io.stdout,
        `token ${revoked.name} (id ${revoked.tokenId}) is revoked since ${revoked.revokedAt} by ${revoked.revokedBy}`,
      );
    });
}
