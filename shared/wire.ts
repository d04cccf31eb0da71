/** The envelope both transports carry (requests, replies and pushed events). */
import type { Result } from './result';

export interface WireRequest {
  id: number;
  method: string;
  params: unknown;
}

export interface WireReply {
  id: number;
  result: Result<unknown>;
}

export interface WireEvent {
  event: string;
  payload: unknown;
}

export type WireMessage = WireReply | WireEvent;
