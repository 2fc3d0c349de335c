import { AccessTokenList } from '@rollcall/contracts';
import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { getApiJson } from '../http/get-api-json';
import { ApiOptions, apiTarget } from '../options/api-options';
import { commandOptions } from '../options/command-options';
import { writeJson, writeLine } from '../output/write-line';
import { tokensTable } from './tokens-table';

/** `rollcall tokens list`: every access token, revoked ones marked, never a secret (HTTP API, admin token). */
export function tokensListCommand(io: CliIo): Command {
  return new Command('list')
    .description('list access tokens, oldest first, revoked ones included (HTTP API, admin token)')
    .action(async (_options: unknown, self: Command) => {
      const options = commandOptions(self, io, ApiOptions);
      const reply = await getApiJson(apiTarget(options, io), '/v1/tokens', {}, AccessTokenList);
      if (options.json) return writeJson(io.stdout, reply);
      if (reply.tokens.length === 0) {
        return writeLine(io.stdout, 'no access tokens yet: create one with rollcall tokens create');
      }
      await writeLine(io.stdout, tokensTable(reply.tokens));
    });
}
