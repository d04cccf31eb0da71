/**
 * Keyboard-first order ticket: Enter submits, Alt+B / Alt+S switch side. The preview under it is
 * main's own decision for exactly this ticket; the renderer decides nothing.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import type { BlackboxApi, OrderTicketInput } from '../../../shared/contract';
import type { OrderType, Side } from '../../../shared/domain';
import type { OrderOutcomeView, OrderPreview } from '../../../shared/orders';
import { previewText } from './preview-text';

const TYPES: { type: OrderType; label: string }[] = [
  { type: 'LIMIT', label: 'Limit' },
  { type: 'MARKET', label: 'Market' },
  { type: 'STOP_LOSS_MARKET', label: 'Stop-loss' },
  { type: 'TAKE_PROFIT_MARKET', label: 'Take-profit' },
];

/** `watchOnly`: the account is read by address, so the ticket still previews but cannot submit. */
export function OrderTicket({ api, market, watchOnly }: { api: BlackboxApi; market: string; watchOnly: boolean }) {
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
  const [last, setLast] = useState<OrderOutcomeView | null>(null);

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

  async function submit() {
    if (watchOnly) return;
    const result = await api.placeOrder(ticket);
    setLast(result.ok ? result.value : { clientId: null, outcome: 'denied', reason: result.error.message });
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'Enter') {
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
          <input aria-label="Size" inputMode="decimal" value={size} onChange={(e) => setSize(e.target.value.trim())} autoFocus />
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
      <button type="submit" className={`submit ${side.toLowerCase()}`} disabled={!size || watchOnly}>
        {side === 'BUY' ? 'Buy' : 'Sell'} {market}
      </button>
      {watchOnly && (
        <p className="watch-only-note" data-testid="watch-only-note">
          Watching by address: orders cannot be placed from Blackbox on this account.
        </p>
      )}
      <p className={`preview ${preview?.allowed ? 'ok' : 'blocked'}`} data-testid="band-preview" aria-live="polite">
        {problem ?? (preview ? previewText(preview) : 'Enter a size to see the band check.')}
      </p>
      {last && (
        <p className={`outcome outcome-${last.outcome}`} data-testid="order-outcome">
          {last.clientId ?? 'order'}: {last.outcome}
          {last.reason ? ` — ${last.reason}` : ''}
        </p>
      )}
    </form>
  );
}
