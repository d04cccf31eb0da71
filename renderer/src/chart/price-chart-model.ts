/**
 * Owns the lightweight-charts instance outside React. Ticks are coalesced to one update per
 * animation frame, so a firehose of prices never costs more than a frame's work. Fills and
 * incident windows are markers on the venue-mark series, set here too, never through React.
 */
import { createChart, createSeriesMarkers, LineSeries, type IChartApi, type ISeriesApi, type ISeriesMarkersPluginApi, type Time, type UTCTimestamp } from 'lightweight-charts';
import type { PriceTick } from '../../../shared/domain';
import { sortMarkers, type ChartMarker } from './chart-markers';

const toTime = (ms: number) => Math.floor(ms / 1000) as UTCTimestamp;

export class PriceChartModel {
  private readonly chart: IChartApi;
  private readonly mark: ISeriesApi<'Line'>;
  private readonly reference: ISeriesApi<'Line'>;
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  private fills: ChartMarker[] = [];
  private incidents: ChartMarker[] = [];
  private pending: PriceTick | null = null;
  private frame: number | null = null;
  private lastTime = 0;
  private drawn = 0;

  constructor(private readonly container: HTMLElement) {
    this.chart = createChart(container, {
      autoSize: true,
      layout: { background: { color: '#0d1117' }, textColor: '#9da7b3', fontSize: 11 },
      grid: { vertLines: { color: '#161b22' }, horzLines: { color: '#161b22' } },
      timeScale: { timeVisible: true, secondsVisible: true },
      rightPriceScale: { borderColor: '#30363d' },
    });
    this.mark = this.chart.addSeries(LineSeries, { color: '#f0883e', lineWidth: 2, title: 'venue mark' });
    this.reference = this.chart.addSeries(LineSeries, { color: '#58a6ff', lineWidth: 1, title: 'independent ref' });
    this.markers = createSeriesMarkers(this.mark, []);
  }

  setFillMarkers(markers: ChartMarker[]): void {
    this.fills = markers;
    this.drawMarkers();
  }

  setIncidentMarkers(markers: ChartMarker[]): void {
    this.incidents = markers;
    this.drawMarkers();
  }

  setHistory(ticks: PriceTick[]): void {
    const marks = new Map<number, number>();
    const refs = new Map<number, number>();
    for (const tick of ticks) {
      if (tick.mark !== null) marks.set(toTime(tick.at), Number(tick.mark));
      if (tick.reference !== null) refs.set(toTime(tick.at), Number(tick.reference));
    }
    this.mark.setData([...marks].map(([time, value]) => ({ time: time as UTCTimestamp, value })));
    this.reference.setData([...refs].map(([time, value]) => ({ time: time as UTCTimestamp, value })));
    this.lastTime = ticks.length ? toTime(ticks[ticks.length - 1].at) : 0;
    this.markDrawn(ticks.length);
  }

  push(tick: PriceTick): void {
    this.pending = tick;
    this.frame ??= requestAnimationFrame(() => this.flush());
  }

  dispose(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.chart.remove();
  }

  private flush(): void {
    this.frame = null;
    const tick = this.pending;
    this.pending = null;
    if (!tick) return;
    const time = toTime(tick.at);
    if (time < this.lastTime) return; // the chart only moves forward; a late tick is already superseded
    this.lastTime = time;
    if (tick.mark !== null) this.mark.update({ time, value: Number(tick.mark) });
    if (tick.reference !== null) this.reference.update({ time, value: Number(tick.reference) });
    this.markDrawn(this.drawn + 1);
  }

  private drawMarkers(): void {
    this.markers.setMarkers(sortMarkers([...this.fills, ...this.incidents]));
    this.container.dataset.fillMarkers = String(this.fills.length);
    this.container.dataset.incidentMarkers = String(this.incidents.length);
  }

  /** Exposed on the DOM for tests and the UI benchmark: how many ticks reached the canvas. */
  private markDrawn(count: number): void {
    this.drawn = count;
    this.container.dataset.ticksDrawn = String(count);
  }
}
