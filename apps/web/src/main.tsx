import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from '@tanstack/react-router';
// Every subset of both weights, each with its unicode-range: the browser fetches only the subsets a page's text uses
// (Latin for an English page; Cyrillic and extended Cyrillic, where Kazakh letters ә ғ қ ң ө ү һ live, for ru and kk).
// The per-subset files (latin-400.css…) carry no unicode-range: each face then claims every character, and the browser
// fetched all six files one after another, relaying the page out after each.
import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import './styles.css';
import { LangProvider } from './i18n/LangProvider';
import { router } from './router';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LangProvider>
      <RouterProvider router={router} />
    </LangProvider>
  </StrictMode>,
);
