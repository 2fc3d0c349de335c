import { describe, expect, it } from 'vitest';
import { parseCommand } from './parse-command';

describe('parseCommand', () => {
  it('reads each command kind with its contract schema, ignoring unknown fields', () => {
    expect(parseCommand('stop', '{"reason":"drain_complete","forced":false,"extra":1}')).toEqual({
      ok: true,
      value: { kind: 'stop', command: { reason: 'drain_complete', forced: false } },
    });
    expect(parseCommand('undrain', '{"reason":"cancelled"}')).toMatchObject({
      ok: true,
      value: { kind: 'undrain' },
    });
  });

  it('names the failing field of an invalid command', () => {
    const parsed = parseCommand('drain', '{"reason":"version_upgrade","deadline":"tomorrow"}');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toContain('deadline');
  });

  it('says when a payload is not JSON', () => {
    const parsed = parseCommand('stop', 'stop!');
    expect(parsed).toMatchObject({ ok: false, issues: [] });
  });
});
