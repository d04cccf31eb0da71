/**
 * The readers' promise, checked on real messages of every dialect: a message stays readable
 * whatever fields it lacks, as long as it has the ones its record cannot do without (named here
 * per message type). Removing fields may change defaults and drift, never readability.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelDataFilled, fundingPayment as dydxFunding, canceledOrder as dydxOrder } from '../dydx/fixtures/recorded';
import { readFill as readDydxFill, readFundingPayment as readDydxFunding, readOrder as readDydxOrder } from '../dydx/parse';
import { builderFeeFill, CCXT_USER, clearinghouseWithMaintenance, ownLiquidationFill, stopLimitOpen, userFundingItem } from '../hyperliquid/fixtures/recorded';
import { readClearinghouse, readFill as readHlFill, readFrontendOrder, readFunding as readHlFunding } from '../hyperliquid/parse';
import { balanceAnswer, fundingPayment, historyOrder, openPosition } from '../paradex/fixtures/recorded';
import { account, liquidationFill, makerFill, revertedTransaction, tradeBust } from '../paradex/fixtures/rest-payloads';
import {
  readAccount, readBalance, readFill, readFundingPayment, readOrder, readPosition, readTradeBust, readTransaction,
} from '../paradex/parse';
import type { Parsed } from './parsed';

interface Case {
  name: string;
  sample: Record<string, unknown>;
  /** What the record cannot do without. */
  required: string[];
  read(input: unknown): Parsed<unknown>;
}

const CASES: Case[] = [
  { name: 'paradex order', sample: historyOrder, required: ['id', 'market', 'side', 'type', 'size', 'remaining_size', 'status'], read: readOrder },
  { name: 'paradex fill (maker)', sample: makerFill, required: ['id', 'market', 'side', 'price', 'size', 'created_at'], read: readFill },
  { name: 'paradex fill (liquidation)', sample: liquidationFill, required: ['id', 'market', 'side', 'price', 'size', 'created_at'], read: readFill },
  { name: 'paradex position', sample: openPosition, required: ['market', 'size'], read: readPosition },
  {
    name: 'paradex account', sample: account,
    required: ['account', 'account_value', 'total_collateral', 'free_collateral', 'initial_margin_requirement'], read: readAccount,
  },
  { name: 'paradex tradebust', sample: tradeBust, required: ['busted_fill_id'], read: readTradeBust },
  { name: 'paradex transaction', sample: revertedTransaction, required: ['id', 'type', 'state'], read: readTransaction },
  { name: 'paradex funding payment', sample: fundingPayment, required: ['id', 'market', 'payment', 'created_at'], read: readFundingPayment },
  { name: 'paradex balance', sample: balanceAnswer.results[0], required: ['token', 'size'], read: readBalance },
  { name: 'hyperliquid fill', sample: builderFeeFill, required: ['coin', 'px', 'sz', 'side', 'time'], read: (i) => readHlFill(i, CCXT_USER) },
  { name: 'hyperliquid liquidation fill', sample: ownLiquidationFill, required: ['coin', 'px', 'sz', 'side', 'time'], read: (i) => readHlFill(i, CCXT_USER) },
  {
    name: 'hyperliquid clearinghouseState', sample: clearinghouseWithMaintenance, required: ['marginSummary', 'withdrawable', 'assetPositions'],
    read: (i) => readClearinghouse(i, CCXT_USER),
  },
  {
    name: 'hyperliquid open order', sample: stopLimitOpen,
    required: ['coin', 'side', 'limitPx', 'sz', 'oid', 'timestamp', 'origSz', 'orderType', 'isTrigger', 'triggerPx', 'triggerCondition', 'isPositionTpsl', 'reduceOnly'],
    read: readFrontendOrder,
  },
  { name: 'hyperliquid userFunding', sample: userFundingItem, required: ['time', 'delta'], read: readHlFunding },
  { name: 'dydx channel fill', sample: channelDataFilled.contents.fills[0], required: ['id', 'side', 'price', 'size', 'createdAt', 'ticker'], read: (i) => readDydxFill(i, () => null) },
  {
    name: 'dydx order', sample: dydxOrder,
    required: ['id', 'clientId', 'ticker', 'side', 'type', 'status', 'timeInForce', 'postOnly', 'reduceOnly', 'size', 'totalFilled', 'price', 'orderFlags'],
    read: readDydxOrder,
  },
  { name: 'dydx funding payment', sample: dydxFunding, required: ['createdAt', 'ticker', 'payment'], read: readDydxFunding },
];

describe('removing fields a record does not need never makes a message malformed', () => {
  it.each(CASES)('$name', ({ sample, required, read }) => {
    expect(read(sample)).toMatchObject({ ok: true });
    const optional = Object.keys(sample).filter((key) => !required.includes(key));
    fc.assert(
      fc.property(fc.subarray(optional), (removed) => {
        const input = Object.fromEntries(Object.entries(sample).filter(([key]) => !removed.includes(key)));
        const parsed = read(input);
        if (!parsed.ok) throw new Error(`without ${removed.join(', ')}: ${parsed.problem}`);
      }),
      { numRuns: 200 },
    );
  });

  it.each(CASES)('$name: each required field is required', ({ sample, required, read }) => {
    for (const key of required) {
      const { [key]: _gone, ...rest } = sample;
      expect(read(rest).ok, `${key} removed`).toBe(false);
    }
  });
});
