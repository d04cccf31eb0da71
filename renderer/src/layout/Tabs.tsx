import { useEffect, useState, type ReactNode } from 'react';
import { TAB_STEP_EVENT } from '../keyboard/shortcuts';

export interface TabDefinition {
  id: string;
  title: string;
  badge?: number;
  render: () => ReactNode;
}

/**
 * Keyboard-friendly tabs: Alt+1…9 switch, the tab list is a real tablist for screen readers.
 * `selected` lets an owner above a remounting parent keep the choice; otherwise the tabs keep it.
 */
export function Tabs({ tabs, selected }: { tabs: TabDefinition[]; selected?: [string, (id: string) => void] }) {
  const own = useState(tabs[0]?.id);
  const [active, setActive] = selected ?? own;
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  const index = Math.max(0, tabs.findIndex((t) => t.id === current?.id));
  // ← / → from the page (see KeyboardShortcuts) step through the tabs, wrapping round.
  useEffect(() => {
    const onStep = (e: Event) => {
      const step = (e as CustomEvent<number>).detail;
      setActive(tabs[(index + step + tabs.length) % tabs.length].id);
    };
    window.addEventListener(TAB_STEP_EVENT, onStep);
    return () => window.removeEventListener(TAB_STEP_EVENT, onStep);
  }, [index, tabs, setActive]);
  return (
    <section
      className="tabs"
      onKeyDown={(e) => {
        const index = Number(e.key) - 1;
        if (e.altKey && index >= 0 && index < tabs.length) setActive(tabs[index].id);
      }}
    >
      <div role="tablist" className="tab-list">
        {tabs.map((tab) => (
          <button key={tab.id} role="tab" aria-selected={tab.id === current?.id} tabIndex={tab.id === current?.id ? 0 : -1} onClick={() => setActive(tab.id)}>
            {tab.title}
            {tab.badge ? <span className="badge">{tab.badge}</span> : null}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="tab-panel">
        {current?.render()}
      </div>
    </section>
  );
}
