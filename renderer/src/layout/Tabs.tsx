import { useState, type ReactNode } from 'react';

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
          <button key={tab.id} role="tab" aria-selected={tab.id === current?.id} onClick={() => setActive(tab.id)}>
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
