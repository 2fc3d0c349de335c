import { VersionPublishedData, VersionYankedData } from '@rollcall/contracts';

/** `POST .../versions`: what an operator publishes. Unknown fields are refused so a typo is named. */
export const PublishVersionBody = VersionPublishedData.pick({
  version: true,
  build: true,
  artifact: true,
  digest: true,
  notes: true,
}).strict();

/** `POST .../versions/:version/yank`: why the version must never be rolled out. */
export const YankVersionBody = VersionYankedData.pick({ reason: true }).strict();
