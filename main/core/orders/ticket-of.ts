import type { OrderTicket } from '../../../shared/contract';
import type { OrderType, Side } from '../../../shared/domain';

/** A base-size ticket for an order described elsewhere (a scenario step, a journalled order). */
export function ticketOf(order: {
  market: string;
  side: Side;
  type: OrderType;
  size: string;
  price?: string | null;
  triggerPrice?: string | null;
  postOnly: boolean;
  reduceOnly: boolean;
}): OrderTicket {
  return {
    market: order.market,
    side: order.side,
    type: order.type,
    size: order.size,
    sizeUnit: 'base',
    postOnly: order.postOnly,
    reduceOnly: order.reduceOnly,
    ...(order.price == null ? {} : { price: order.price }),
    ...(order.triggerPrice == null ? {} : { triggerPrice: order.triggerPrice }),
  };
}
