export interface TimeTravelProps {
  /** The log's head; null until known. */
  head: bigint | null;
  /** The position shown, or null for live. */
  at: bigint | null;
  onChange: (at: bigint | null) => void;
}

/**
 * A slider over log positions: moved back, the worker map shows the fleet as it was at that position
 * (`GET .../workers?at=`); at the head it follows the live fleet again.
 */
export function TimeTravel({ head, at, onChange }: TimeTravelProps) {
  if (head === null || head === 0n) {
    return <p class="muted time-travel">Time travel: the log is empty so far.</p>;
  }
  // Positions fit a double exactly far beyond any real log; the API takes them back as decimal strings.
  const max = Number(head);
  const value = at === null ? max : Number(at);
  return (
    <div class="time-travel">
      <label class="field grow">
        Time travel (log position)
        <input
          id="time-travel"
          type="range"
          min={1}
          max={max}
          step={1}
          value={value}
          onChange={(event) => {
            const position = BigInt(event.currentTarget.value);
            onChange(position >= head ? null : position);
          }}
        />
      </label>
      <span id="time-travel-label">{at === null ? `live (head #${head})` : `#${at} of ${head}`}</span>
      {at === null ? null : (
        <>
          <span class="muted">Only the worker map travels; the other panels stay live.</span>
          <button type="button" onClick={() => onChange(null)}>
            Back to live
          </button>
        </>
      )}
    </div>
  );
}
