import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// The tokens and element defaults first: every screen's module builds on them.
import './tokens.css';
import { App } from './App';
import './i18n';

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
