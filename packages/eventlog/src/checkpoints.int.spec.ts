import { useTestDatabase } from '@rollcall/testkit';
import { describe, expect, it } from 'vitest';
import { readCheckpoint, resetCheckpoint, storeCheckpoint } from './checkpoints';

describe('checkpoints', () => {
  const test = useTestDatabase();
  const store = (consumer: string, expected: bigint | null, position: bigint) =>
    test.db.transaction().execute((trx) => storeCheckpoint(trx, { consumer, expected, position }));

  describe('a consumer that never stored one', () => {
    it('reads null', async () => {
      expect(await readCheckpoint(test.db, 'never')).toBeNull();
    });

    it('stores the first checkpoint when it expects none', async () => {
      expect(await store('first', null, 5n)).toBe('stored');
      expect(await readCheckpoint(test.db, 'first')).toBe(5n);
    });

    it('reports a mismatch when it expects one', async () => {
      expect(await store('absent', 3n, 5n)).toBe('mismatch');
      expect(await readCheckpoint(test.db, 'absent')).toBeNull();
    });
  });

  describe('a consumer at 5', () => {
    const at5 = async (consumer: string) => expect(await store(consumer, null, 5n)).toBe('stored');

    it('moves on from the expected position', async () => {
      await at5('moves');
      expect(await store('moves', 5n, 9n)).toBe('stored');
      expect(await readCheckpoint(test.db, 'moves')).toBe(9n);
    });

    it('ignores storing 5 again, whatever it expected', async () => {
      await at5('again');
      expect(await store('again', null, 5n)).toBe('ignored');
      expect(await store('again', 2n, 5n)).toBe('ignored');
      expect(await readCheckpoint(test.db, 'again')).toBe(5n);
    });

    it('reports ahead when asked to store a lower position', async () => {
      await at5('ahead');
      expect(await store('ahead', 2n, 3n)).toBe('ahead');
      expect(await store('ahead', null, 4n)).toBe('ahead');
      expect(await readCheckpoint(test.db, 'ahead')).toBe(5n);
    });

    it('reports a mismatch when it expects another position', async () => {
      await at5('elsewhere');
      expect(await store('elsewhere', 3n, 9n)).toBe('mismatch');
      expect(await store('elsewhere', 7n, 9n)).toBe('mismatch');
      expect(await store('elsewhere', null, 9n)).toBe('mismatch');
      expect(await readCheckpoint(test.db, 'elsewhere')).toBe(5n);
    });

    it('keeps 5 when the transaction that stored 9 rolls back', async () => {
      await at5('rollback');
      await expect(
        test.db.transaction().execute(async (trx) => {
          expect(await storeCheckpoint(trx, { consumer: 'rollback', expected: 5n, position: 9n })).toBe(
            'stored',
          );
          throw new Error('the handler failed after storing');
        }),
      ).rejects.toThrow('the handler failed after storing');
      expect(await readCheckpoint(test.db, 'rollback')).toBe(5n);
    });

    it('lets exactly one of two concurrent writers expecting 5 win', async () => {
      await at5('race');
      const first = await test.db.startTransaction().execute();
      expect(await storeCheckpoint(first, { consumer: 'race', expected: 5n, position: 7n })).toBe('stored');
      // The second waits for the first's row lock, then finds the row no longer at 5.
      const second = store('race', 5n, 8n);
      await first.commit().execute();
      expect(await second).toBe('mismatch');
      expect(await readCheckpoint(test.db, 'race')).toBe(7n);
    });

    it('is set back by a reset, which returns where it was', async () => {
      await at5('replay');
      expect(await resetCheckpoint(test.db, { consumer: 'replay', position: 2n })).toBe(5n);
      expect(await readCheckpoint(test.db, 'replay')).toBe(2n);
      expect(await store('replay', 5n, 9n)).toBe('mismatch');
      expect(await store('replay', 2n, 9n)).toBe('stored');
    });
  });

  it('reset creates the checkpoint of a consumer that has none', async () => {
    expect(await resetCheckpoint(test.db, { consumer: 'fresh', position: 0n })).toBeNull();
    expect(await readCheckpoint(test.db, 'fresh')).toBe(0n);
  });
});
