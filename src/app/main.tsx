import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { mirrorStoreToHash, parseHash } from './store/urlHash';
import { useViewer } from './store/viewerStore';
import { openDemoRun } from './actions/openRun';
import './styles.css';

mirrorStoreToHash();
// The store, for the browser console and the browser tests (read-only use).
(window as unknown as { xfelViewer: object }).xfelViewer = { store: useViewer };
// A shared link to the demo run reopens it; other runs need the user to choose their files.
if (parseHash(location.hash).run === 'demo') void openDemoRun();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
