import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The tokens and element defaults first: every screen's module builds on them.
import './tokens.css';
import { App } from './App';
import './i18n';
import { trackKioskShape } from './kiosk-shape';

// Before the first render, so the first frame already has the layout of this screen's shape.
trackKioskShape(window);

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
