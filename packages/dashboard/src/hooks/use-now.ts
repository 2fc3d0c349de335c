import { useEffect, useState } from 'preact/hooks';

/** The current time, renewed every `intervalMs`, for countdowns between two API reads. */
export function useNow(intervalMs = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
