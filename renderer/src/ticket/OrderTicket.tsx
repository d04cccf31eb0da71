/**
 * Keyboard-first order ticket: Enter or Ctrl+Enter submits, Alt+B / Alt+S switch side (B / S from
 * outside a field focus the side). The preview, the figures and whether Buy/Sell may be pressed
 * are main's own decision for exactly this ticket; the renderer decides nothing.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { BlackboxApi, OrderTicketInput } from '../../../shared/contract';
import type { OrderType, Side } from '../../../shared/domain';
import { formatLeverage, formatMoney, formatPrice, formatSize } from '../../../shared/format';
import type { OrderOutcomeView, OrderPreview } from '../../../shared/orders';
import type { MarketInfo } from '../../../shared/snapshot';
import { TICKET_SIDE_EVENT, TICKET_SUBMIT_EVENT } from '../keyboard/shortcuts';
import { previewText } from './preview-text';

const TYPES: { type: OrderType; label: string }[] = [
  { type: 'LIMIT', label: 'Limit' },
  { type: 'MARKET', label: 'Market' },
  { type: 'STOP_LOSS_MARKET', label: 'Stop-loss' },
  { type: 'TAKE_PROFIT_MARKET', label: 'Take-profit' },
];

/** `watchOnly`: the account is read by address, so the ticket still previews but cannot submit. */
export function OrderTicket({ api, market, watchOnly, rules }: { api: BlackboxApi; market: string; watchOnly: boolean; rules: MarketInfo | null }) {
  const [side, setSide] = useState<Side>('BUY');
  const [type, setType] = useState<OrderType>('LIMIT');
  const [size, setSize] = useState('');
  const [sizeUnit, setSizeUnit] = useState<'base' | 'quote'>('base');
  const [price, setPrice] = useState('');
  const [triggerPrice, setTriggerPrice] = useState('');
  const [postOnly, setPostOnly] = useState(false);
  const [reduceOnly, setReduceOnly] = useState(false);
  const [preview, setPreview] = useState<OrderPreview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [last, setLast] = useState<(OrderOutcomeView & { what: string }) | null>(null);
  const [why, setWhy] = useState(false);
  const sizeField = useRef<HTMLInputElement>(null);
  const submitRef = useRef<() => Promise<void>>(async () => {});

  const ticket: OrderTicketInput = {
    market, side, type, size, sizeUnit, postOnly, reduceOnly,
    ...(type === 'LIMIT' && price ? { price } : {}),
    ...(type.endsWith('_MARKET') && type !== 'MARKET' && triggerPrice ? { triggerPrice } : {}),
  };
  const key = JSON.stringify(ticket);

  useEffect(() => {
    if (!size) {
      setPreview(null);
      setProblem(null);
      return;
    }
    let live = true;
    const ask = () =>
      void api.previewOrder(JSON.parse(key)).then((result) => {
        if (!live) return;
        setPreview(result.ok ? result.value : null);
        setProblem(result.ok ? null : result.error.message);
      });
    ask();
    // The reference moves: keep the preview current while the trader thinks.
    const timer = setInterval(ask, 1000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [api, key, size]);

  // B / S pressed outside a field pick the side and put the cursor in Size; Ctrl+Enter sends from anywhere.
  useEffect(() => {
    const onSide = (e: Event) => {
      setSide((e as CustomEvent<Side>).detail);
      sizeField.current?.focus();
    };
    const onSubmit = () => void submitRef.current();
    window.addEventListener(TICKET_SIDE_EVENT, onSide);
    window.addEventListener(TICKET_SUBMIT_EVENT, onSubmit);
    return () => {
      window.removeEventListener(TICKET_SIDE_EVENT, onSide);
      window.removeEventListener(TICKET_SUBMIT_EVENT, onSubmit);
    };
  }, []);
  submitRef.current = submit;

  async function submit() {
    if (watchOnly) return;
    const what = `${side === 'BUY' ? 'Buy' : 'Sell'} ${size}${sizeUnit === 'quote' ? ' USD of' : ''} ${market}`;
    const result = await api.placeOrder(ticket);
    setLast({ what, ...(result.ok ? result.value : { clientId: null, outcome: 'denied', reason: result.error.message }) });
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Escape' && e.target instanceof HTMLElement && e.target !== e.currentTarget) {
      e.target.blur();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void submit();
    } else if (e.altKey && (e.key === 'b' || e.key === 's')) {
      e.preventDefault();
      setSide(e.key === 'b' ? 'BUY' : 'SELL');
    }
  }

  return (
    <form className="ticket" data-testid="order-ticket" onKeyDown={onKeyDown} onSubmit={(e) => (e.preventDefault(), void submit())}>
      <div className="side-switch" role="radiogroup" aria-label="Side">
        {(['BUY', 'SELL'] as const).map((s) => (
          <button type="button" key={s} role="radio" aria-checked={side === s} className={`side ${s.toLowerCase()}`} onClick={() => setSide(s)}>
            {s === 'BUY' ? 'Buy' : 'Sell'}
          </button>
        ))}
      </div>
      <label>
        Type
        <select value={type} onChange={(e) => setType(e.target.value as OrderType)}>
          {TYPES.map((t) => <option key={t.type} value={t.type}>{t.label}</option>)}
        </select>
      </label>
      <label>
        Size
        <span className="with-unit">
          <input ref={sizeField} aria-label="Size" inputMode="decimal" value={size} onChange={(e) => setSize(e.target.value.trim())} />
          <select aria-label="Size unit" value={sizeUnit} onChange={(e) => setSizeUnit(e.target.value as 'base' | 'quote')}>
            <option value="base">{market.split('-')[0]}</option>
            <option value="quote">USD</option>
          </select>
        </span>
      </label>
      {type === 'LIMIT' && (
        <label>
          Price
          <input aria-label="Price" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value.trim())} />
        </label>
      )}
      {type !== 'LIMIT' && type !== 'MARKET' && (
        <label>
          Trigger
          <input aria-label="Trigger price" inputMode="decimal" value={triggerPrice} onChange={(e) => setTriggerPrice(e.target.value.trim())} />
        </label>
      )}
      <label className="check"><input type="checkbox" checked={postOnly} disabled={type !== 'LIMIT'} onChange={(e) => setPostOnly(e.target.checked)} /> Post-only</label>
      <label className="check"><input type="checkbox" checked={reduceOnly} onChange={(e) => setReduceOnly(e.target.checked)} /> Reduce-only</label>
      <TicketFigures preview={preview} rules={rules} />
      <button type="submit" className={`submit ${side.toLowerCase()}`} disabled={!size || watchOnly || !preview || preview.shortReason != null || !preview.allowed} data-testid="submit-order">
        {side === 'BUY' ? 'Buy' : 'Sell'} {market}
      </button>
      {preview && (preview.shortReason || !preview.allowed) && (
        <p className="blocked-reason" data-testid="blocked-reason">
          {preview.shortReason ?? 'Blocked'}
          <button type="button" className="why" aria-label="Why?" aria-expanded={why} onClick={() => setWhy((w) => !w)}>?</button>
        </p>
      )}
      {preview && !(preview.shortReason || !preview.allowed) && (
        <p className="allowed-note">
          <button type="button" className="why" aria-label="Why?" aria-expanded={why} onClick={() => setWhy((w) => !w)}>?</button>
        </p>
      )}
      {why && preview?.explanation && (
        <ul className="reasoning" data-testid="ticket-reasoning">
          {preview.explanation.map((line) => <li key={line}>{line}</li>)}
        </ul>
      )}
      {watchOnly && (
        <p className="watch-only-note" data-testid="watch-only-note">
          Watching by address: orders cannot be placed from Blackbox on this account.
        </p>
      )}
      <p className={`preview ${preview?.allowed ? 'ok' : 'blocked'}`} data-testid="band-preview" aria-live="polite">
        {problem ?? (preview ? previewText(preview, rules?.tickSize) : 'Enter a size to see the band check.')}
      </p>
      {last && (
        <p className={`outcome outcome-${last.outcome}`} data-testid="order-outcome" data-client-id={last.clientId ?? ''} title={last.clientId ? `client id ${last.clientId}` : undefined}>
          {last.what}: {last.outcome}
          {last.reason ? ` — ${last.reason}` : ''}
        </p>
      )}
    </form>
  );
}

/** What main computed the order would cost and do; nothing is computed here. */
function TicketFigures({ preview, rules }: { preview: OrderPreview | null; rules: MarketInfo | null }) {
  const f = preview?.figures;
  if (!f) return null;
  return (
    <dl className="ticket-figures" data-testid="ticket-figures">
      <div><dt>Order value</dt><dd data-testid="order-value">{formatMoney(f.orderValue, f.currency)}</dd></div>
      <div><dt>Margin required</dt><dd data-testid="margin-required">{formatMoney(f.marginRequired, f.currency)}</dd></div>
      <div><dt>Fee ({f.feeKind})</dt><dd data-testid="fee-estimate">{formatMoney(f.feeEstimate, f.currency)}</dd></div>
      <div><dt>Leverage after</dt><dd data-testid="leverage-after">{formatLeverage(f.leverageAfter)}</dd></div>
      <div><dt>Liq. price after</dt><dd data-testid="liq-after">{formatPrice(f.liquidationAfter, rules?.tickSize)}</dd></div>
      <div><dt>Size</dt><dd>{formatSize(preview?.size, rules?.stepSize)} at {formatPrice(f.price, rules?.tickSize)}</dd></div>
    </dl>
  );
}
