/**
 * Owns the lightweight-charts instance outside React. Candles of the venue's mark, the
 * independent reference, the band as two lines around it, open orders and triggers as price
 * lines, and fills / liquidations / incidents as markers on their own bars. Ticks are coalesced to
 * one update per animation frame. Every method is a no-op once disposed, so a late answer after a
 * fast market switch never touches a removed chart ("Object is disposed").
 */
import {
  CandlestickSeries, createChart, createSeriesMarkers, LineSeries, LineStyle,
  type AutoscaleInfo, type IChartApi, type IPriceLine, type ISeriesApi, type ISeriesMarkersPluginApi, type MouseEventParams, type SeriesMarker, type Time, type UTCTimestamp,
} from 'lightweight-charts';
import { INTERVAL_MS, type Candle, type CandleInterval, type ChartHistory } from '../../../shared/chart';
import type { PriceTick } from '../../../shared/domain';
import { formatDateTime, formatPrice } from '../../../shared/format';
import type { OrderView } from '../../../shared/snapshot';
import { barOf, type ChartMark } from './chart-markers';

interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

const ts = (seconds: number) => seconds as UTCTimestamp;

/**
 * The price axis in the one format (tick decimals, thousands separators). The chart asks for
 * every label on every repaint, mostly the same few values: they are written once and looked up.
 */
function axisPrice(places: number): (price: number) => string {
  const written = new Map<number, string>();
  return (price) => {
    let text = written.get(price);
    if (text === undefined) {
      const [whole, fraction] = Math.abs(price).toFixed(places).split('.');
      text = (price < 0 ? '−' : '') + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
      if (written.size >= 2000) written.clear();
      written.set(price, text);
    }
    return text;
  };
}

export class PriceChartModel {
  private readonly chart: IChartApi;
  private readonly candles: ISeriesApi<'Candlestick'>;
  private readonly reference: ISeriesApi<'Line'>;
  private readonly bandHigh: ISeriesApi<'Line'>;
  private readonly bandLow: ISeriesApi<'Line'>;
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  private readonly legend: HTMLDivElement;
  private readonly intervalMs: number;
  private readonly orderLines = new Map<string, IPriceLine>();
  /** Order and trigger prices the price axis keeps in view. */
  private orderPrices: number[] = [];
  private marks = new Map<string, ChartMark[]>();
  private band = 0;
  private last: Bar | null = null;
  private firstBar: number | null = null;
  private pending: PriceTick | null = null;
  /** The extremes of the marks coalesced into the pending frame, so no tick's high or low is lost. */
  private pendingRange: { bar: number; open: number; high: number; low: number } | null = null;
  private frame: number | null = null;
  private drawn = 0;
  private disposed = false;
  private loadingOlder = false;
  private moreHistory = false;
  private bandTime = -1;
  private bandPoints = 0;

  constructor(
    private readonly container: HTMLElement,
    interval: CandleInterval,
    private readonly tick: string | null,
    private readonly loadOlder: (before: number) => Promise<ChartHistory | null>,
  ) {
    this.intervalMs = INTERVAL_MS[interval];
    const places = tick && tick.includes('.') ? tick.split('.')[1].length : 0;
    const priceFormat = { type: 'price' as const, precision: places, minMove: tick ? Number(tick) : 0.01 };
    this.chart = createChart(container, {
      autoSize: true,
      layout: { background: { color: '#0d1117' }, textColor: '#9da7b3', fontSize: 11, attributionLogo: false },
      grid: { vertLines: { color: '#161b22' }, horzLines: { color: '#161b22' } },
      // Room on the right so the newest markers' labels stay inside the pane.
      timeScale: { timeVisible: true, secondsVisible: false, rightOffset: 8, barSpacing: 10, borderColor: '#30363d' },
      rightPriceScale: { borderColor: '#30363d' },
      localization: { timeFormatter: (time: Time) => `${formatDateTime((time as number) * 1000).slice(5, 16)} UTC`, priceFormatter: axisPrice(places) },
      crosshair: { mode: 0 },
    });
    this.candles = this.chart.addSeries(CandlestickSeries, {
      upColor: '#3fb950', downColor: '#f85149', wickUpColor: '#3fb950', wickDownColor: '#f85149', borderVisible: false, priceFormat, title: 'mark',
      // Open orders stay in view: the axis stretches to their prices.
      autoscaleInfoProvider: (base: () => AutoscaleInfo | null) => {
        const info = base();
        if (!info?.priceRange || this.orderPrices.length === 0) return info;
        const { minValue, maxValue } = info.priceRange;
        return { ...info, priceRange: { minValue: Math.min(minValue, ...this.orderPrices), maxValue: Math.max(maxValue, ...this.orderPrices) } };
      },
    });
    this.reference = this.chart.addSeries(LineSeries, { color: '#58a6ff', lineWidth: 2, priceFormat, title: 'ref', lastValueVisible: true, priceLineVisible: false, crosshairMarkerVisible: false });
    const band = { color: '#58a6ff88', lineWidth: 1 as const, lineStyle: LineStyle.Dashed, priceFormat, lastValueVisible: false, priceLineVisible: false, crosshairMarkerVisible: false };
    this.bandHigh = this.chart.addSeries(LineSeries, { ...band, title: 'band' });
    this.bandLow = this.chart.addSeries(LineSeries, band);
    this.markers = createSeriesMarkers(this.candles, []);
    this.legend = document.createElement('div');
    this.legend.className = 'chart-legend';
    this.legend.dataset.testid = 'chart-legend';
    container.appendChild(this.legend);
    this.chart.subscribeCrosshairMove(this.onCrosshair);
    this.chart.timeScale().subscribeVisibleLogicalRangeChange(this.onRange);
  }

  setHistory(history: ChartHistory): void {
    if (this.disposed) return;
    this.band = Number(history.band);
    this.moreHistory = history.more;
    this.applyCandles(history.candles, false);
  }

  push(tick: PriceTick): void {
    if (this.disposed) return;
    this.pending = tick;
    if (tick.mark !== null) {
      const price = Number(tick.mark);
      const bar = barOf(tick.at, this.intervalMs);
      const range = this.pendingRange;
      this.pendingRange = range && range.bar === bar ? { ...range, high: Math.max(range.high, price), low: Math.min(range.low, price) } : { bar, open: price, high: price, low: price };
    }
    this.frame ??= requestAnimationFrame(() => this.flush());
  }

  /** Marks by group ("fills", "incidents"): each group is replaced whole. */
  setMarks(group: string, marks: ChartMark[]): void {
    if (this.disposed) return;
    this.marks.set(group, marks);
    this.drawMarkers();
  }

  /** Open orders and triggers of this market as price lines; unchanged lines are left alone. */
  setOrders(orders: readonly OrderView[]): void {
    if (this.disposed) return;
    const wanted = new Map<string, { price: number; title: string; color: string; style: LineStyle }>();
    for (const o of orders) {
      // Venues write "0" for the trigger of an order that has none.
      const trigger = o.triggerPrice !== null && Number(o.triggerPrice) > 0;
      const price = trigger ? o.triggerPrice : o.price;
      if (price === null) continue;
      const side = o.side === 'BUY' ? 'buy' : 'sell';
      const title = `${trigger ? `${o.type.includes('PROFIT') ? 'TP' : 'SL'} ` : ''}${side} ${o.remainingSize ?? o.size}`;
      wanted.set(`${o.clientId}|${price}|${title}`, { price: Number(price), title, color: o.side === 'BUY' ? '#3fb950' : '#f0883e', style: trigger ? LineStyle.Dotted : LineStyle.Solid });
    }
    for (const [key, line] of this.orderLines) {
      if (wanted.has(key)) continue;
      this.candles.removePriceLine(line);
      this.orderLines.delete(key);
    }
    for (const [key, w] of wanted) {
      if (this.orderLines.has(key)) continue;
      this.orderLines.set(key, this.candles.createPriceLine({ price: w.price, color: w.color, lineWidth: 1, lineStyle: w.style, axisLabelVisible: true, title: w.title }));
    }
    this.container.dataset.orderLines = String(this.orderLines.size);
    this.orderPrices = [...wanted.values()].map((w) => w.price);
    this.container.dataset.orderPrices = this.orderPrices.join(',');
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.chart.unsubscribeCrosshairMove(this.onCrosshair);
    this.chart.timeScale().unsubscribeVisibleLogicalRangeChange(this.onRange);
    this.chart.remove();
    this.legend.remove();
  }

  private applyCandles(candles: readonly Candle[], prepend: boolean): void {
    const bars = candles.map((c) => ({ time: ts(c.time / 1000), open: Number(c.open), high: Number(c.high), low: Number(c.low), close: Number(c.close) }));
    const line = (pick: (c: Candle) => string | null) => candles.flatMap((c) => (pick(c) === null ? [] : [{ time: ts(c.time / 1000), value: Number(pick(c)) }]));
    if (prepend) {
      const keep = <T extends { time: UTCTimestamp }>(older: T[], current: readonly T[]) => [...older.filter((o) => this.firstBar === null || o.time < this.firstBar), ...current];
      this.candles.setData(keep(bars, this.candles.data() as typeof bars));
      this.reference.setData(keep(line((c) => c.reference), this.reference.data() as { time: UTCTimestamp; value: number }[]));
      this.bandHigh.setData(keep(line((c) => c.bandHigh), this.bandHigh.data() as { time: UTCTimestamp; value: number }[]));
      this.bandLow.setData(keep(line((c) => c.bandLow), this.bandLow.data() as { time: UTCTimestamp; value: number }[]));
    } else {
      this.candles.setData(bars);
      this.reference.setData(line((c) => c.reference));
      this.bandHigh.setData(line((c) => c.bandHigh));
      this.bandLow.setData(line((c) => c.bandLow));
      const newest = bars[bars.length - 1];
      this.last = newest ? { ...newest } : null;
    }
    const all = this.candles.data();
    this.firstBar = all.length ? (all[0].time as number) : null;
    this.container.dataset.candles = String(all.length);
    const band = this.bandHigh.data();
    this.bandPoints = band.length;
    this.bandTime = band.length ? (band[band.length - 1].time as number) : -1;
    this.container.dataset.bandPoints = String(this.bandPoints);
    this.container.dataset.firstBar = String(this.firstBar ?? '');
    this.drawMarkers();
    this.markDrawn(this.drawn + (prepend ? 0 : candles.length));
  }

  private flush(): void {
    this.frame = null;
    const tick = this.pending;
    const range = this.pendingRange;
    this.pending = null;
    this.pendingRange = null;
    if (!tick || this.disposed) return;
    const time = barOf(tick.at, this.intervalMs);
    if (this.last && time < this.last.time) return; // the chart only moves forward; a late tick is already superseded
    if (tick.mark !== null) {
      const price = Number(tick.mark);
      const high = range?.bar === time ? range.high : price;
      const low = range?.bar === time ? range.low : price;
      const opened = !this.last || time > this.last.time;
      this.last = opened ? { time, open: range?.bar === time ? range.open : price, high, low, close: price } : { ...this.last!, high: Math.max(this.last!.high, high), low: Math.min(this.last!.low, low), close: price };
      this.candles.update({ ...this.last, time: ts(time) });
      if (opened && this.firstBar === null) this.firstBar = time;
      if (opened) {
        this.container.dataset.candles = String(Number(this.container.dataset.candles ?? 0) + 1);
        this.drawMarkers();
      }
    }
    if (tick.reference !== null && this.last) {
      const ref = Number(tick.reference);
      this.reference.update({ time: ts(this.last.time), value: ref });
      this.bandHigh.update({ time: ts(this.last.time), value: ref * (1 + this.band) });
      this.bandLow.update({ time: ts(this.last.time), value: ref * (1 - this.band) });
      if (this.last.time > this.bandTime) {
        this.bandTime = this.last.time;
        this.container.dataset.bandPoints = String(++this.bandPoints);
      }
    }
    this.markDrawn(this.drawn + 1);
  }

  /**
   * Each mark sits on the bar its moment falls in. A mark older than the first bar waits until
   * scrolling back loads its bar instead of piling up on the first one; one newer than the last
   * bar waits for its bar to open.
   */
  private drawMarkers(): void {
    const first = this.firstBar;
    const last = this.last?.time ?? null;
    const placed: SeriesMarker<Time>[] = [];
    const times: Record<string, number> = {};
    for (const mark of [...this.marks.values()].flat()) {
      const time = barOf(mark.at, this.intervalMs);
      if (first === null || last === null || time < first || time > last) continue;
      times[mark.id] = time;
      const price = mark.price === null ? null : Number(mark.price);
      const shape = mark.kind === 'buy' ? 'arrowUp' : mark.kind === 'sell' ? 'arrowDown' : mark.kind === 'liquidation' ? 'square' : 'circle';
      placed.push(
        price === null
          ? { id: mark.id, time: ts(time), position: 'aboveBar', shape, color: mark.color, text: mark.label }
          : { id: mark.id, time: ts(time), position: mark.kind === 'buy' ? 'atPriceBottom' : mark.kind === 'sell' ? 'atPriceTop' : 'atPriceMiddle', price, shape, color: mark.color, text: mark.label },
      );
    }
    placed.sort((a, b) => (a.time as number) - (b.time as number));
    this.markers.setMarkers(placed);
    this.container.dataset.markerTimes = JSON.stringify(times);
    this.container.dataset.fillMarkers = String(placed.filter((m) => m.id?.startsWith('fill-')).length);
    this.container.dataset.incidentMarkers = String(placed.filter((m) => m.id?.startsWith('I')).length);
  }

  /** Values under the crosshair; off the bars (or before any hover), the newest bar's. */
  private readonly onCrosshair = (param: MouseEventParams<Time>): void => {
    if (this.disposed) return;
    const lastOf = (series: ISeriesApi<'Line'>) => series.data().at(-1) as { value: number } | undefined;
    const hovering = param.time !== undefined;
    const bar = hovering ? (param.seriesData.get(this.candles) as Bar | undefined) : (this.last ?? undefined);
    const ref = hovering ? (param.seriesData.get(this.reference) as { value: number } | undefined) : lastOf(this.reference);
    const hi = hovering ? (param.seriesData.get(this.bandHigh) as { value: number } | undefined) : lastOf(this.bandHigh);
    const lo = hovering ? (param.seriesData.get(this.bandLow) as { value: number } | undefined) : lastOf(this.bandLow);
    const time = hovering ? (param.time as number) : bar?.time;
    if (time === undefined) {
      this.legend.textContent = '';
      return;
    }
    const p = (n: number | undefined) => (n === undefined ? '—' : formatPrice(String(n), this.tick));
    const here = [...this.marks.values()].flat().filter((m) => barOf(m.at, this.intervalMs) === time).map((m) => m.detail);
    this.legend.textContent = [
      formatDateTime(time * 1000),
      bar ? `O ${p(bar.open)} H ${p(bar.high)} L ${p(bar.low)} C ${p(bar.close)}` : '',
      `ref ${p(ref?.value)}`,
      `band ${p(lo?.value)} – ${p(hi?.value)}`,
      ...here,
    ].filter(Boolean).join('  ·  ');
  };

  /** Near the left edge, the journal's older samples are loaded and put in front. */
  private readonly onRange = (range: { from: number; to: number } | null): void => {
    if (this.disposed || !range || range.from > 5 || !this.moreHistory || this.loadingOlder || this.firstBar === null) return;
    this.loadingOlder = true;
    void this.loadOlder(this.firstBar * 1000).then((older) => {
      this.loadingOlder = false;
      if (this.disposed || !older) return;
      this.moreHistory = older.more;
      if (older.candles.length) this.applyCandles(older.candles, true);
    });
  };

  /** Exposed on the DOM for tests and the UI benchmark: how many ticks reached the canvas. */
  private markDrawn(count: number): void {
    this.drawn = count;
    this.container.dataset.ticksDrawn = String(count);
  }
}
