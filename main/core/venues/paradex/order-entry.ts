/**
 * Order entry in the Paradex dialect (venue-apis.md §1.6) and the reading of its answers. The
 * one rule that matters: only a 4xx carrying the venue's error body is a rejection; a timeout,
 * a transport error, a 5xx or an answer we cannot read leaves the order unresolved.
 */
import type { CancelResult, OrderRequest, PlaceResult, Rejected, SentRequest, Unresolved } from '../port';
import type { Authenticator, UnsignedOrder } from './auth';
import { parseJson } from '../common/parsed';
import type { ParadexRest, RestOutcome } from './rest';
import { apiErrorSchema, orderCreatedSchema } from './schemas';

export class ParadexOrderEntry {
  constructor(
    private readonly rest: ParadexRest,
    private readonly auth: Authenticator,
  ) {}

  async place(request: OrderRequest): Promise<PlaceResult> {
    const unsigned: UnsignedOrder = {
      market: request.market,
      side: request.side,
      type: request.type,
      size: request.size,
      ...(request.price !== undefined ? { price: request.price } : {}),
      ...(request.triggerPrice !== undefined ? { trigger_price: request.triggerPrice } : {}),
    };
    const signed = await this.auth.signOrder(unsigned);
    if (!signed.ok) return unresolved(`not sent: ${signed.reason}`, null);
    const body = JSON.stringify({
      ...unsigned,
      instruction: request.timeInForce ?? 'GTC',
      ...(request.reduceOnly ? { flags: ['REDUCE_ONLY'] } : {}),
      client_id: request.clientId,
      signature: signed.signature,
      signature_timestamp: signed.signatureTimestamp,
    });
    const outcome = await this.rest.call({ method: 'POST', path: '/orders', body, private: true });
    return classify(outcome, (answer, sent, status): PlaceResult => {
      const json = parseJson(answer);
      const created = json.ok ? orderCreatedSchema.safeParse(json.value) : null;
      if (!created?.success) {
        return unresolved('the venue accepted the request but its answer names no order id', sent, answer, status);
      }
      return { outcome: 'accepted', venueOrderId: created.data.id, raw: answer, request: sent };
    });
  }

  async cancel(clientId: string, market: string | undefined): Promise<CancelResult> {
    const outcome = await this.rest.call({
      method: 'DELETE',
      path: `/orders/by_client_id/${encodeURIComponent(clientId)}`,
      query: { market },
      private: true,
    });
    return classify(outcome, (answer, sent) => ({ outcome: 'accepted', raw: answer, request: sent }));
  }

  async cancelAll(market: string | undefined): Promise<CancelResult> {
    const outcome = await this.rest.call({ method: 'DELETE', path: '/orders', query: { market }, private: true });
    return classify(outcome, (answer, sent) => ({ outcome: 'accepted', raw: answer, request: sent }));
  }
}

function classify<A>(outcome: RestOutcome, accepted: (body: string, sent: SentRequest, status: number) => A): A | Rejected | Unresolved {
  if (outcome.kind === 'failure') return unresolved(outcome.reason, outcome.request);
  const { status, body, request } = outcome;
  if (status >= 200 && status <= 299) return accepted(body, request, status);
  const json = parseJson(body);
  const venueError = json.ok ? apiErrorSchema.safeParse(json.value) : null;
  const code = venueError?.success ? venueError.data.error : null;
  // 408 says the request never got a verdict, whatever the body.
  if (status >= 400 && status <= 499 && status !== 408 && venueError?.success) {
    return {
      outcome: 'rejected',
      code: venueError.data.error,
      message: venueError.data.message ?? '',
      httpStatus: status,
      raw: body,
      request,
    };
  }
  const detail = code ? ` ${code}` : status >= 400 && status <= 499 ? ' without a venue error body' : '';
  return unresolved(`HTTP ${status}${detail}`, request, body, status);
}

function unresolved(reason: string, request: SentRequest | null, raw: string | null = null, httpStatus: number | null = null): Unresolved {
  return { outcome: 'unresolved', reason, httpStatus, raw, request };
}
