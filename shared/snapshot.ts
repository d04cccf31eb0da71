/** Everything the status bar and the tables show, as main believes it. Decimals are strings. */
import type { CommandOutcome, DecimalString, Side, VenueStatus } from './domain';

export type ConnectionState = 'connected' | 'connecting' | 'disconnected';
export type JournalState = 'ok' | 'read_only' | 'failed';

export interface MarketInfo {
  symbol: string;
  tickSize: DecimalString;
  stepSize: DecimalString;
}

export interface PositionView {
  market: string;
  /** Signed: positive long, negative short. */
  size: DecimalString;
  entryPrice: DecimalString | null;
  unrealizedPnl: DecimalString | null;
}

export interface OrderView {
  clientId: string;
  venueOrderId: string | null;
  market: string;
  side: Side;
  /** The venue's order type word (LIMIT, MARKET, TAKE_PROFIT_MARKET, STOP_LIMIT …). */
  type: string;
  size: DecimalString;
  remainingSize: DecimalString | null;
  price: DecimalString | null;
  triggerPrice: DecimalString | null;
  /** The venue's word for the order (NEW, OPEN, UNTRIGGERED, CLOSED) or our own before it answered. */
  state: string;
  outcome: CommandOutcome | null;
  reason: string | null;
}

/** What the UI is showing: the live terminal, or a scenario replayed live in its place. */
export type SessionView =
  | { kind: 'live' }
  | { kind: 'replay'; scenario: string; speed: number; virtualNow: number; ended: boolean };

export interface TerminalSnapshot {
  session: SessionView;
  venue: {
    name: string;
    /** What the terminal runs on, in words: "Simulator", "Main · Paradex mainnet". */
    account: string;
    /** Watched by address: no order can be placed or cancelled from here. */
    watchOnly: boolean;
    status: VenueStatus;
    since: number | null;
    connection: ConnectionState;
  };
  journal: { state: JournalState; message: string; events: number; head: string | null; path: string };
  markets: MarketInfo[];
  positions: PositionView[];
  openOrders: OrderView[];
}
