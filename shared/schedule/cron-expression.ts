/**
 * The project's schedule: a five-field cron expression (minute hour day-of-month month
 * day-of-week), as Airflow and crontab take it, checked here once, and turned into a systemd
 * `OnCalendar=` value for a timer.
 */

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

const ITEM = /^(\*|\d{1,2}(-\d{1,2})?)(\/\d{1,2})?$/;

/** Why `text` is not a five-field cron expression of numbers, `*`, ranges, lists and steps; undefined when it is. */
export function cronProblem(text: string): string | undefined {
  const fields = text.trim().split(/\s+/);
  if (fields.length !== 5) return `"${text}" must have five fields: minute hour day-of-month month day-of-week (such as "0 2 * * *")`;
  for (const [i, field] of fields.entries()) {
    const { name, min, max } = FIELDS[i]!;
    for (const item of field.split(',')) {
      if (!ITEM.test(item)) return `"${text}": the ${name} field "${field}" must be *, a number, a range a-b, a list or a step /n`;
      for (const n of item.replace(/\/.*$/, '').split('-').filter((part) => part !== '*').map(Number)) {
        if (n < min || n > max) return `"${text}": the ${name} field "${field}" must be within ${min}-${max}`;
      }
    }
  }
  return undefined;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** One cron field as a systemd calendar component: `*`, lists, `a..b` ranges and `start/step` repetitions. */
function calendarField(field: string, first: number, day = false): string {
  if (field === '*') return '*';
  return field.split(',').map((item) => {
    const [range, step] = item.split('/');
    const [from, to] = range!.split('-');
    if (day) {
      if (step) throw new Error(`the day of week "${field}" has a step, which a systemd timer cannot repeat`);
      return to === undefined ? DAYS[Number(from)]! : `${DAYS[Number(from)]!}..${DAYS[Number(to)]!}`;
    }
    if (step) {
      if (to !== undefined) throw new Error(`the range with a step "${item}" has no systemd calendar form; list the values`);
      return `${range === '*' ? first : Number(from)}/${Number(step)}`;
    }
    return to === undefined ? String(Number(from)).padStart(2, '0') : `${Number(from)}..${Number(to)}`;
  }).join(',');
}

/**
 * The `OnCalendar=` value of a checked cron expression. Throws when the two differ in meaning:
 * cron runs when either the day of month or the day of week matches, systemd only when both do.
 */
export function onCalendar(cron: string): string {
  const [minute, hour, dom, month, dow] = cron.trim().split(/\s+/) as [string, string, string, string, string];
  if (dom !== '*' && dow !== '*') throw new Error(`"${cron}" restricts both the day of month and the day of week, which cron ORs and systemd ANDs; make one of them *`);
  const days = dow === '*' ? '' : `${calendarField(dow, 0, true)} `;
  return `${days}*-${calendarField(month, 1)}-${calendarField(dom, 1)} ${calendarField(hour, 0)}:${calendarField(minute, 0)}:00`;
}
