/** Who a runner's own messages are attributed to in event metadata: `runner:<runnerId>`. */
export function runnerActor(runnerId: string): string {
  return `runner:${runnerId}`;
}
