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
const store = new AppStore(getBridge());
void store.start();
mount(App, { target, props: { store } });
