/**
 * What the hosts serve: the live terminal, or for a while a live replay of an incident
 * scenario in its place. Every contract call and event goes to whichever is showing; switching
 * pushes a fresh snapshot so the UI redraws from the new source. The trader's settings (the
 * band per market, the venue accounts) are read and written here, through the settings
 * interface; choosing another account restarts the live terminal on it, on the same journal.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ContractHandlers, EventName, EventPayloads } from '../../../shared/contract';
import { METHOD_NAMES } from '../../../shared/contract-names';
import type { SessionView } from '../../../shared/snapshot';
import type { CoreEventListener, CoreService } from '../api/core-service';
import { DomainError } from '../api/dispatch';
import { tsaSettingsView } from '../anchor/tsa-settings-view';
import { LiveReplay } from '../replay/live-replay';
import { riskSettingsFor } from '../risk/risk-settings';
import { parseScenario } from '../scenario/parse';
import { simulatorAccountId } from '../settings/account-id';
import type { SettingsStore } from '../settings/settings';
import type { LiveAccount, VenueAccountBook } from '../settings/venue-account-book';
import { SESSION_METHODS, type TerminalHandlers } from './handlers';
import type { Terminal } from './terminal';
import { VenueSwitching } from './venue-switching';

export interface TerminalSwitchOptions {
  live: Terminal;
  scenarioDir: string;
  settings: SettingsStore;
  accounts: VenueAccountBook;
  /** Starts a live terminal on an account, or on the simulator for null. */
  start: (account: LiveAccount | null) => Promise<Terminal>;
  /** Why the live terminal is not on the account chosen last, if it is not. */
  notice: string | null;
  /** Stops what outlives each live terminal (the host's simulator), after the last one closed. */
  onClose?: () => Promise<void>;
  /** How the host anchors (start-terminal's `anchoring`); absent: nothing is anchored. */
  anchoring?: { flags?: readonly string[] };
}

export class TerminalSwitch implements CoreService {
  readonly handlers: ContractHandlers;
  private replay: LiveReplay | null = null;
  private readonly listeners = new Set<CoreEventListener>();
  private unsubscribe: () => void;
  private readonly scenarioDir: string;
  private readonly settings: SettingsStore;
  private readonly venues: VenueSwitching;
  private readonly onClose?: () => Promise<void>;
  private readonly anchoring?: { flags?: readonly string[] };

  constructor(options: TerminalSwitchOptions) {
    this.scenarioDir = options.scenarioDir;
    this.settings = options.settings;
    this.onClose = options.onClose;
    this.anchoring = options.anchoring;
    this.venues = new VenueSwitching({ ...options, onSwitched: (terminal) => this.liveReplaced(terminal) });
    this.unsubscribe = this.follow(options.live);
    const delegated = Object.fromEntries(
      METHOD_NAMES.filter((name): name is keyof TerminalHandlers => !(SESSION_METHODS as readonly string[]).includes(name)).map((name) => [
        name,
        (params: unknown) => (this.current.handlers[name] as (p: unknown) => Promise<unknown>)(params),
      ]),
    ) as TerminalHandlers;
    this.handlers = {
      ...delegated,
      getSnapshot: async () => ({ ...this.current.snapshot(), session: this.session() }),
      listScenarios: async () => this.scenarios(),
      startReplay: async ({ scenario, speed }) => this.startReplay(scenario, speed),
      setReplaySpeed: async ({ speed }) => {
        this.replay?.setSpeed(speed);
        return this.session();
      },
      stopReplay: async () => this.stopReplay(),
      getRiskSettings: async ({ market }) => riskSettingsFor(market, this.settings.get('risk')),
      setRiskSettings: async ({ market, settings }) => {
        const all = this.settings.get('risk');
        const overrides = { ...all, [market]: { ...all[market], ...settings } };
        const inForce = riskSettingsFor(market, overrides);
        this.settings.set('risk', overrides);
        return inForce;
      },
      getTsaSettings: async () => this.tsaView(),
      // Read when a venue account's terminal starts: the saved list applies from the next start.
      setTsaSettings: async ({ urls }) => {
        this.settings.set('tsaUrls', urls.length > 0 ? urls : null);
        return this.tsaView();
      },
      getVenueSettings: async () => this.venues.view(),
      saveVenueAccount: async (params) => this.venues.save(params),
      removeVenueAccount: async ({ id }) => this.venues.remove(id),
      useVenueAccount: async ({ id }) => this.venues.use(id),
    };
  }

  get live(): Terminal {
    return this.venues.live;
  }

  /** What the contract reaches; while the live terminal moves to another account, nothing. */
  get current(): Terminal {
    const terminal = this.replay?.session.terminal ?? this.venues.ready;
    if (!terminal) throw new DomainError('SWITCHING', 'The terminal is moving to another venue account; try again in a moment.');
    return terminal;
  }

  get journalPath(): string {
    return this.live.journalPath;
  }

  subscribe(listener: CoreEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    await this.stopReplay();
    this.unsubscribe();
    await this.venues.close();
    await this.onClose?.();
  }

  /** The live terminal now runs elsewhere; the UI follows unless a replay is showing. */
  private liveReplaced(terminal: Terminal): void {
    if (this.replay) return;
    this.switchTo(terminal);
  }

  private tsaView() {
    const { parts } = this.live;
    const realAccount = parts.account !== simulatorAccountId('Simulator');
    return tsaSettingsView({ inForce: parts.tsaUrls ?? [], anchoring: this.anchoring, saved: this.settings.get('tsaUrls'), realAccount });
  }

  private session(): SessionView {
    const r = this.replay;
    return r ? { kind: 'replay', scenario: r.scenario.name, speed: r.speed, virtualNow: r.now, ended: r.ended } : { kind: 'live' };
  }

  private scenarios(): string[] {
    return readdirSync(this.scenarioDir).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json')).sort();
  }

  private async startReplay(name: string, speed: number): Promise<SessionView> {
    if (!this.scenarios().includes(name)) throw new DomainError('NOT_FOUND', `No bundled scenario named ${name}.`);
    const parsed = parseScenario(readFileSync(join(this.scenarioDir, `${name}.json`), 'utf8'));
    if (!parsed.ok) throw new DomainError(parsed.error.code, parsed.error.message);
    await this.stopReplay();
    const replay = await LiveReplay.start(parsed.value, speed);
    this.replay = replay;
    this.switchTo(replay.session.terminal);
    return this.session();
  }

  private async stopReplay(): Promise<SessionView> {
    const replay = this.replay;
    if (!replay) return this.session();
    this.replay = null;
    this.switchTo(this.live);
    await replay.stop();
    return this.session();
  }

  private switchTo(terminal: Terminal): void {
    this.unsubscribe();
    this.unsubscribe = this.follow(terminal);
    this.forward('snapshot', { ...terminal.snapshot(), session: this.session() });
  }

  private follow(terminal: Terminal): () => void {
    return terminal.subscribe((event, payload) => {
      if (event === 'snapshot') this.forward('snapshot', { ...(payload as EventPayloads['snapshot']), session: this.session() });
      else this.forward(event, payload);
    });
  }

  private forward<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}
