/**
 * better-sqlite3 is compiled for one runtime's ABI. `npm ci` builds it for Node (tests, the CLI);
 * `npm start` builds a second copy for Electron into `.electron-native/` (scripts/electron-native.js)
 * and names it in LANDFALL_SQLITE_BINDING, which the app and its engine process pass to every
 * `new Database(…)`, so neither build ever replaces the other. Packaged apps carry the Electron
 * build in node_modules (electron-builder rebuilds it) and leave the variable unset.
 */
export function sqliteBinding(): { nativeBinding?: string } {
  const binding = process.env.LANDFALL_SQLITE_BINDING;
  return binding ? { nativeBinding: binding } : {};
}
