// Node module resolve hook (registered with module.register by app-process.ts): `electron`, whoever imports it
// (the app, electron-store), is the typed stand-in. Everything else resolves as usual.
const standIn = new URL('../../fakes/electron/index.ts', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: standIn, shortCircuit: true };
  return nextResolve(specifier, context);
}
