/**
 * @module @aura/cli — the `aura` binary. Nothing imports this package; `main` is exported for the
 * launcher in `bin/aura.js` and for tests.
 */
export { main } from './main.js';
