import { describe, expect, it } from 'vitest';
import { parseRegistryOptions, REGISTRY_FLAGS } from './registry-options';

describe('parseRegistryOptions', () => {
  it('runs every case at full size by default, the issue sizes', () => {
    const options = parseRegistryOptions({}, false);
    expect(options.registryCase).toEqual(['rebuild', 'ingest', 'drain_notice', 'stop_after_idle', 'rss']);
    expect(options).toMatchObject({
      drainRunners: 10_000,
      drainPools: 100,
      rebuildEvents: 1_000_000,
      rssRunners: 100_000,
    });
  });

  it('shrinks everything in quick mode, and a flag wins over either', () => {
    expect(parseRegistryOptions({}, true).rebuildEvents).toBeLessThan(100_000);
    const options = parseRegistryOptions({ 'registry-case': 'rss,ingest', 'rss-runners': '42' }, true);
    expect(options.registryCase).toEqual(['rss', 'ingest']);
    expect(options.rssRunners).toBe(42);
  });

  it('names every option as a kebab-case flag, and refuses bad values', () => {
    expect(REGISTRY_FLAGS).toContain('ingest-transitions');
    expect(() => parseRegistryOptions({ 'registry-case': 'nope' }, false)).toThrow();
    expect(() => parseRegistryOptions({ 'ingest-transitions': '2' }, false)).toThrow();
  });
});
