import { useEffect, useState } from 'react';

const format = (ms: number) => new Date(ms).toISOString().slice(11, 19) + ' UTC';

export function UtcClock() {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return <span className="clock" data-testid="utc-clock">{format(now)}</span>;
}
