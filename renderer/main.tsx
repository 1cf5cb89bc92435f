import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/i18n.ts';
import { App } from './App.tsx';
import { logRenderError } from './platform/logRenderError.ts';
import './styles/global.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

createRoot(container, { onCaughtError: logRenderError, onUncaughtError: logRenderError }).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
