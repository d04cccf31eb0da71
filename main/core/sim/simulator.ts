/**
 * One simulator run: the engine (started), the venue server and the reference feeds, each on
 * its own loopback port. Replays pass a VirtualClock; the live app passes the system clock.
 */
import type { Clock } from '../clock';
import type { Scenario } from '../scenario/types';
import { simConfigFromScenario, type SimConfig } from './config';
import { SimEngine } from './engine';
import { ReferenceFeedServer, type FeedUrls } from './feeds-server';
import { SimVenueServer, type VenueServerOptions, type VenueUrls } from './server';

export interface SimulatorOptions {
  clock: Clock;
  config: SimConfig;
  venue?: VenueServerOptions;
  feeds?: { host?: string; port?: number };
}

export interface Simulator {
  engine: SimEngine;
  server: SimVenueServer;
  feedServer: ReferenceFeedServer;
  venue: VenueUrls;
  feeds: FeedUrls;
  stop(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const engine = new SimEngine(options.clock, options.config);
  const server = new SimVenueServer(engine, options.venue);
  const feedServer = new ReferenceFeedServer(options.clock, options.config.reference, options.config.markets.map((m) => m.symbol), options.feeds);
  const [venue, feeds] = await Promise.all([server.start(), feedServer.start()]);
  engine.start();
  return {
    engine,
    server,
    feedServer,
    venue,
    feeds,
    async stop() {
      engine.stop();
      await Promise.all([server.stop(), feedServer.stop()]);
    },
  };
}

/** The simulator for a parsed scenario; its clock should start at `scenario.start`. */
export function startScenarioSimulator(scenario: Scenario, options: Omit<SimulatorOptions, 'config'>): Promise<Simulator> {
  return startSimulator({ ...options, config: simConfigFromScenario(scenario) });
}
