import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { tokensCreateCommand } from './tokens-create';
import { tokensListCommand } from './tokens-list';
import { tokensRevokeCommand } from './tokens-revoke';

/** `rollcall tokens create|list|revoke`: access tokens, for global admins (HTTP API). */
export function tokensCommand(io: CliIo): Command {
  return new Command('tokens')
    .description(
      'access tokens (viewer, operator, admin; global or one namespace): create, list, revoke (HTTP API, admin token)',
    )
    .addCommand(tokensCreateCommand(io))
    .addCommand(tokensListCommand(io))
    .addCommand(tokensRevokeCommand(io));
}
