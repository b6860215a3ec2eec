import { mount } from 'svelte';
import './styles.css';
import App from './App.svelte';
import { getBridge } from './lib/bridge.js';
import { i18n, languageFromNavigator } from './lib/i18n.svelte.js';
import { AppStore } from './state/app.svelte.js';

const target = document.getElementById('app');
if (target === null) throw new Error('renderer/index.html has no #app element');
// Until main's state arrives, the browser's own language (it follows the OS).
i18n.lang = languageFromNavigator(navigator.languages);
// Likewise the OS's light or dark, so the first paint is not the wrong theme; styles.css keys on data-theme only.
document.documentElement.dataset['theme'] = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
const store = new AppStore(getBridge());
void store.start();
mount(App, { target, props: { store } });
