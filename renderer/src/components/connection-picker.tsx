import MenuItem from '@mui/material/MenuItem';
import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { describeKind, type ConnectionDescriptor } from '../../../shared/model/connection-kinds.ts';
import type { Connection } from '../../../shared/model/schema.ts';

/** The role a picked connection plays; its descriptor says whether a connection can play it. */
export type ConnectionRole = 'source' | 'fileSource' | 'warehouse' | 'lander';

const PLAYS: Record<ConnectionRole, (descriptor: ConnectionDescriptor) => boolean> = {
  source: (d) => d.source !== undefined,
  fileSource: (d) => d.fileSource,
  warehouse: (d) => d.warehouse !== undefined,
  lander: (d) => d.lander,
};

/** The project's connections that can play `role`, in the project's order. */
export function connectionsFor(role: ConnectionRole, connections: readonly Connection[]): Connection[] {
  return connections.filter((c) => PLAYS[role](describeKind(c.kind)));
}

export type ConnectionPickerProps = Omit<TextFieldProps, 'select' | 'value' | 'onChange' | 'children'> & {
  readonly role: ConnectionRole;
  readonly connections: readonly Connection[];
  readonly value: string;
  readonly onValueChange: (name: string) => void;
  /** How a saved name that no connection of the role has is shown, e.g. "(missing)". */
  readonly unusable?: string;
};

/**
 * A select of the connections that can play a role (source, file source, warehouse, lander),
 * each shown with its kind; a saved name that fits none stays visible, marked, so the form never
 * silently changes what was saved.
 */
export function ConnectionPicker({ role, connections, value, onValueChange, unusable = '(not usable)', ...props }: ConnectionPickerProps) {
  const choices = connectionsFor(role, connections);
  return (
    <TextField select value={value} onChange={(event) => onValueChange(event.target.value)} {...props}>
      {choices.map((c) => (
        <MenuItem key={c.name} value={c.name}>
          {c.name} ({c.kind})
        </MenuItem>
      ))}
      {value && !choices.some((c) => c.name === value) ? <MenuItem value={value}>{value} {unusable}</MenuItem> : null}
    </TextField>
  );
}
