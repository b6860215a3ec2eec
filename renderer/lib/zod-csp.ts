// zod decides at schema creation whether to compile fast paths with `new Function`, probing once. The renderer's
// CSP forbids eval (script-src 'self'), and Chromium reports even the caught probe as a violation; the
// interpreted path gives the same answers. Import this module BEFORE anything that builds a zod schema (the core's
// settings and secret schemas), so the setting is in place when those modules are evaluated.
import { z } from 'zod';

z.config({ jitless: true });
