/**
 * What each venue status admits (DESIGN §12): post_only accepts only post-only orders,
 * cancel_only only cancels, maintenance nothing. Codes are Paradex's own where it has one;
 * maintenance has none documented, so it answers SERVICE_UNAVAILABLE (HTTP 400: the venue
 * said no, definitely, unlike the 503 of an outage).
 */
import type { ScenarioVenueStatus } from '../scenario/types';
import { simError, type SimError } from './errors';

export type Request = { kind: 'place'; postOnly: boolean } | { kind: 'cancel' };

export function admit(status: ScenarioVenueStatus, request: Request): SimError | null {
  switch (status) {
    case 'ok':
      return null;
    case 'maintenance':
      return simError('SERVICE_UNAVAILABLE', 'system status is MAINTENANCE, trading is unavailable').error;
    case 'cancel_only':
      return request.kind === 'cancel' ? null : simError('SYSTEM_STATUS_CANCEL_ONLY', 'system status is CANCEL_ONLY, only cancel orders are allowed').error;
    case 'post_only':
      return request.kind === 'cancel' || request.postOnly
        ? null
        : simError('SYSTEM_STATUS_POST_ONLY', 'system status is POST_ONLY, only post-only orders are allowed').error;
  }
}
