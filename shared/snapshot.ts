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
  /** The venue's mark now. */
  mark?: DecimalString | null;
  /** The independent reference now (median of fresh public feeds), null without a quorum. */
  reference?: DecimalString | null;
  /** uPnL as a fraction of the position's entry notional. */
  pnlFraction?: DecimalString | null;
  /** The liquidation price as the venue states it. */
  liquidationPrice?: DecimalString | null;
  /** The liquidation price main computes with every position valued at the independent reference. */
  liquidationAtReference?: DecimalString | null;
  /** Funding paid on the position as the venue reports it (negative: received). */
  fundingPaid?: DecimalString | null;
}

/** The account as main computes it from the venue's own figures; null where the venue said nothing yet. */
export interface AccountView {
  /** The settlement currency the money figures are in (e.g. "USDC"). */
  currency: string;
  equity: DecimalString | null;
  freeCollateral: DecimalString | null;
  /** Initial margin in use as a fraction of equity. */
  marginUse: DecimalString | null;
  /** Total position notional at the mark over equity. */
  leverage: DecimalString | null;
  updatedAt: number | null;
}

/** Why the terminal cannot reach the venue, in our words (never the venue's). */
export const LINK_PROBLEMS = ['dns', 'refused', 'tls', 'auth', 'timeout', 'network'] as const;
export type LinkProblem = (typeof LINK_PROBLEMS)[number];

export interface LinkView {
  /** null while connected, or when the venue itself closed or refused the link in its own words. */
  problem: LinkProblem | null;
  /** One line for the status bar: "DNS lookup failed for api.example". */
  summary: string | null;
  /** The error as the network stack gave it. */
  detail: string | null;
  attempt: number;
  /** When the next attempt starts (wall ms), for a countdown; null when none is scheduled. */
  nextRetryAt: number | null;
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
    /** The journal's id of that account, e.g. `paradex:mainnet:0x…`; every record shown belongs to it. */
    accountId?: string;
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
  /** Equity, free collateral, margin use and leverage; absent from hosts that do not compute it. */
  account?: AccountView;
  /** Our link to the venue: what fails on our side, kept apart from what the venue says. */
  link?: LinkView;
  /** The wall time main built this snapshot at (virtual time in a replay). */
  at?: number;
  /** RFC 3161 time-stamping of the journal head, in words ("anchored 3 min ago" / "not anchored since 14:02 UTC"). */
  anchor?: { state: 'off' | 'pending' | 'anchored' | 'failing'; line: string };
}
