// "1 webhook delivery", "2 webhook deliveries": a count with its noun in the right number (English admin copy).
const whole = new Intl.NumberFormat("en-US");

export function counted(count: number, singular: string, plural: string): string {
  return `${whole.format(count)} ${count === 1 ? singular : plural}`;
}
