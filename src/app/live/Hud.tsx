import { formatMs } from '../../common/format';
import { captionsPerSecond, medianLatency, type LiveStats } from './live-stats';

/** The heads-up numbers over the video: captions per second, median latency (frame grab to final caption), backend. */
export function Hud({ stats, backend, now }: { stats: LiveStats; backend: string; now: number }) {
  const rate = captionsPerSecond(stats, now);
  const latency = medianLatency(stats);
  return (
    <dl className="hud" data-testid="hud" aria-label="Live statistics">
      <div>
        <dt>captions/s</dt>
        <dd data-testid="hud-rate">{rate === null ? '–' : rate.toFixed(1)}</dd>
      </div>
      <div>
        <dt>latency (median)</dt>
        <dd data-testid="hud-latency">{latency === null ? '–' : formatMs(latency)}</dd>
      </div>
      <div>
        <dt>backend</dt>
        <dd data-testid="hud-backend">{backend}</dd>
      </div>
    </dl>
  );
}
