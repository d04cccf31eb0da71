/** Electron's preload exposes window.blackbox; in a browser the page talks to the web host. */
import type { BlackboxApi } from '../../../shared/contract';
import { createWebSocketApi } from './websocket-api';

declare global {
  interface Window {
    blackbox?: BlackboxApi;
  }
}

export function connectToTerminal(): BlackboxApi {
  if (window.blackbox) return window.blackbox;
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  return createWebSocketApi(`ws://${window.location.host}/ws?token=${encodeURIComponent(token)}`);
}
