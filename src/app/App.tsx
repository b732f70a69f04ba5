import { useEffect } from 'react';
import { useViewer, setState, TABS, type Tab } from './store/viewerStore';
import { loadPlotly } from './vis/PlotlyView';
import { OpenPanel } from './panels/OpenPanel';
import { SourcesPanel } from './panels/SourcesPanel';
import { OverviewPanel } from './panels/OverviewPanel';
import { TrainPanel } from './panels/TrainPanel';
import { SeriesPanel } from './panels/SeriesPanel';
import { DetectorPanel } from './panels/DetectorPanel';
import { GeometryPanel } from './panels/GeometryPanel';
import { StatusBar } from './panels/StatusBar';
import { DropZone } from './panels/DropZone';
import { useTrainKeys } from './panels/TrainControls';
import { AnalysisPanel } from './panels/AnalysisPanel';
import { ValidationPanel } from './panels/ValidationPanel';
import { SaveSelectionPanel } from './panels/SaveSelectionPanel';
import { CopyAsPythonButton } from './panels/CopyAsPython';

const TAB_LABELS: Record<Tab, string> = {
  overview: 'Overview', train: 'Train', series: 'Series', detector: 'Detector', geometry: 'Geometry',
  analysis: 'Analysis', validation: 'Validation', save: 'Save selection',
};

const PANELS: Record<Tab, () => React.JSX.Element> = {
  overview: OverviewPanel, train: TrainPanel, series: SeriesPanel, detector: DetectorPanel, geometry: GeometryPanel,
  analysis: AnalysisPanel, validation: ValidationPanel, save: SaveSelectionPanel,
};

export function App() {
  const tab = useViewer((s) => s.tab);
  const hasRun = useViewer((s) => s.run !== null);
  useEffect(() => {
    if (hasRun) void loadPlotly();
  }, [hasRun]);
  useTrainKeys();
  const Panel = PANELS[tab];
  return (
    <DropZone>
      <div className="layout">
        <aside className="sidebar">
          <h1>XFEL Run Viewer</h1>
          <OpenPanel />
          <SourcesPanel />
        </aside>
        <main className="main">
          <StatusBar />
          <nav className="tabs" role="tablist">
            {TABS.map((t) => (
              <button key={t} role="tab" aria-selected={t === tab} data-testid={`tab-${t}`} className={t === tab ? 'active' : ''}
                onClick={() => setState({ tab: t })}>
                {TAB_LABELS[t]}
              </button>
            ))}
            <CopyAsPythonButton />
          </nav>
          <section className="panel">
            <Panel />
          </section>
        </main>
      </div>
    </DropZone>
  );
}
