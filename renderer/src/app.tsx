import { CONNECTION_KINDS, EXTRACT_PATTERNS } from '../../shared/model/schema.ts';

/** The designer's shell; the screens arrive with the designer issue. */
export function App() {
  return (
    <main>
      <h1>Landfall</h1>
      <p>
        Extract patterns: {EXTRACT_PATTERNS.join(', ')}. Connection kinds: {CONNECTION_KINDS.join(', ')}.
      </p>
    </main>
  );
}
