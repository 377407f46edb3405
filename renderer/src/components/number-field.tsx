import { useEffect, useState } from 'react';
import TextField, { type TextFieldProps } from '@mui/material/TextField';

export type NumberFieldProps = Omit<TextFieldProps, 'value' | 'onChange' | 'type'> & {
  readonly value: number | undefined;
  /** `undefined` when the field is emptied, so the model's default (or its "required") applies. */
  readonly onValueChange: (value: number | undefined) => void;
};

/**
 * A number input that keeps the text as typed ("1e", "0") and reports the number it means, so
 * validation can say what is wrong with the value rather than the field silently refusing it.
 */
export function NumberField({ value, onValueChange, ...props }: NumberFieldProps) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  useEffect(() => {
    setText((current) => (Number(current) === value && current !== '' ? current : value === undefined ? '' : String(value)));
  }, [value]);
  return (
    <TextField
      {...props}
      type="number"
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onValueChange(event.target.value.trim() === '' ? undefined : Number(event.target.value));
      }}
    />
  );
}
