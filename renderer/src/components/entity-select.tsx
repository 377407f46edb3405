import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import type { StagingEntity } from '../../../shared/model/schema.ts';

export interface EntitySelectProps {
  readonly entities: readonly StagingEntity[];
  readonly value: string;
  readonly onChange: (name: string) => void;
}

/** Picks one entity of the project, by name. */
export function EntitySelect({ entities, value, onChange }: EntitySelectProps) {
  return (
    <TextField select label="Entity" value={entities.some((e) => e.name === value) ? value : ''} onChange={(event) => onChange(event.target.value)} sx={{ width: 320, alignSelf: 'flex-start' }}>
      {entities.map((e) => (
        <MenuItem key={e.name} value={e.name}>
          {e.name}
        </MenuItem>
      ))}
    </TextField>
  );
}
