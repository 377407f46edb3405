import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import TextField from '@mui/material/TextField';
import type { FieldIssues } from './issues.ts';

/** The fields every CSV layout has (the extract's output and a files source's input). */
export interface CsvLayout {
  readonly delimiter?: string | undefined;
  readonly qualifier?: string | undefined;
  readonly header?: boolean | undefined;
}

export interface CsvFormatFieldsProps<F extends CsvLayout> {
  /** The format as edited; fields it leaves out show the schema's default from `defaults`. */
  readonly format: F;
  readonly defaults: Required<CsvLayout>;
  /** Where the format sits in the model, for issues: `format` or `source.format`. */
  readonly path: string;
  /** The labels' subject: "" for the extract's own files ("Delimiter"), "File" for files read ("File delimiter"). */
  readonly subject?: string;
  readonly headerLabel: string;
  readonly issues: FieldIssues;
  readonly onChange: (format: F) => void;
}

/** Delimiter, qualifier and header row of a CSV format, starting from the schema's defaults. */
export function CsvFormatFields<F extends CsvLayout>({ format, defaults, path, subject, headerLabel, issues, onChange }: CsvFormatFieldsProps<F>) {
  const label = (name: string): string => (subject ? `${subject} ${name.toLowerCase()}` : name);
  return (
    <>
      <TextField label={label('Delimiter')} value={format.delimiter ?? defaults.delimiter} onChange={(event) => onChange({ ...format, delimiter: event.target.value })} {...issues.field(`${path}.delimiter`)} />
      <TextField label={label('Qualifier')} value={format.qualifier ?? defaults.qualifier} onChange={(event) => onChange({ ...format, qualifier: event.target.value })} {...issues.field(`${path}.qualifier`)} />
      <FormControlLabel
        label={headerLabel}
        control={<Checkbox checked={format.header ?? defaults.header} onChange={(event) => onChange({ ...format, header: event.target.checked })} />}
      />
    </>
  );
}
