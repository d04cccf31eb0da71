import { useState, type ReactNode } from 'react';

export interface TabDefinition {
  id: string;
  title: string;
  badge?: number;
  render: () => ReactNode;
}

/** Keyboard-friendly tabs: Alt+1…9 switch, the tab list is a real tablist for screen readers. */
export function Tabs({ tabs }: { tabs: TabDefinition[] }) {
  const [active, setActive] = useState(tabs[0]?.id);
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
