import { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { versionsListCommand } from './versions-list';
import { versionsPublishCommand } from './versions-publish';
import { versionsYankCommand } from './versions-yank';

/** `rollcall versions publish|list|yank`: a pool's version catalog (HTTP API). */
export function versionsCommand(io: CliIo): Command {
  return new Command('versions')
    .description("a pool's version catalog: publish, list, yank (HTTP API)")
    .addCommand(versionsPublishCommand(io))
    .addCommand(versionsListCommand(io))
    .addCommand(versionsYankCommand(io));
}
