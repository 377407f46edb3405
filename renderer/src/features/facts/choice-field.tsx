import MenuItem from '@mui/material/MenuItem';
import TextField, { type TextFieldProps } from '@mui/material/TextField';

export type ChoiceFieldProps = Omit<TextFieldProps, 'select' | 'value' | 'onChange' | 'children'> & {
  readonly value: string;
  /** Value → label, in the order shown. */
  readonly choices: readonly (readonly [string, string])[];
  readonly onValueChange: (value: string) => void;
};

/** A select of fixed choices; a saved value that is none of them stays visible, marked, so nothing changes silently. */
export function ChoiceField({ value, choices, onValueChange, ...props }: ChoiceFieldProps) {
  return (
    <TextField select value={value} onChange={(event) => onValueChange(event.target.value)} {...props}>
      {choices.map(([choice, label]) => (
        <MenuItem key={choice} value={choice}>
          {label}
        </MenuItem>
      ))}
      {value && !choices.some(([choice]) => choice === value) ? <MenuItem value={value}>{value} (not a column)</MenuItem> : null}
    </TextField>
  );
}
