/**
 * What the hosts serve: the live terminal, or for a while a live replay of an incident
 * scenario in its place. Every contract call and event goes to whichever is showing; switching
 * pushes a fresh snapshot so the UI redraws from the new source. The trader's settings (the
 * band per market) are read and written here, through the settings interface.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ContractHandlers, EventName, EventPayloads } from '../../../shared/contract';
import { METHOD_NAMES } from '../../../shared/contract-names';
import type { SessionView } from '../../../shared/snapshot';
import type { CoreEventListener, CoreService } from '../api/core-service';
import { DomainError } from '../api/dispatch';
import { LiveReplay } from '../replay/live-replay';
import { riskSettingsFor } from '../risk/risk-settings';
import { parseScenario } from '../scenario/parse';
import type { SettingsStore } from '../settings/settings';
import { SESSION_METHODS, type TerminalHandlers } from './handlers';
import type { Terminal } from './terminal';

export class TerminalSwitch implements CoreService {
  readonly handlers: ContractHandlers;
  private replay: LiveReplay | null = null;
  private readonly listeners = new Set<CoreEventListener>();
  private unsubscribe: () => void;

  constructor(
    readonly live: Terminal,
    private readonly scenarioDir: string,
    private readonly settings: SettingsStore,
  ) {
    this.unsubscribe = this.follow(live);
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
    };
  }

  get current(): Terminal {
    return this.replay?.session.terminal ?? this.live;
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
    await this.live.close();
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
