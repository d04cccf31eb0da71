import type { VenueEvent } from '../venues/port';

/** The channel a venue event arrived on: the stream, or one of the pollers. */
export function venueChannel(event: VenueEvent): string {
  switch (event.kind) {
    case 'status':
      return 'venue:poll:status';
    case 'chain_height':
      return 'venue:poll:chain';
    case 'malformed':
    case 'venue_error':
      return event.source === 'ws' ? 'venue:ws' : `venue:poll:${event.source}`;
    default:
      return 'venue:ws';
  }
}
