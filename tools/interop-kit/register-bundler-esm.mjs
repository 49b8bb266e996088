// `node --import ./register-bundler-esm.mjs`: installs bundler-esm-hook.mjs before any import.
import { register } from 'node:module';

register('./bundler-esm-hook.mjs', import.meta.url);
