import type { FieldDifference } from './compare-with-live.js';
import { formatFieldPath } from './field-paths.js';

const MAX_VALUE_CHARS = 120;

/** A value as compact JSON, cut at 120 characters; `(absent)` for a missing field. */
export function formatValue(v: unknown): string {
  if (v === undefined) return '(absent)';
  const s = JSON.stringify(v);
  return s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS - 1)}…` : s;
}

/** Who else holds the field: ` (set by field manager "kubectl-edit")`, or nothing. */
export function formatManagers(d: FieldDifference): string {
  if (!d.managers || d.managers.length === 0) return '';
  const names = d.managers.map((m) => `"${m}"`).join(', ');
  return ` (${d.foreign ? 'added' : 'held'} by field manager${d.managers.length > 1 ? 's' : ''} ${names}${d.foreign ? '; meshfed does not set it, apply removes it' : ''})`;
}

/** `.spec.host: live "a" → desired "b"`, plus the other managers holding the live field. */
export function formatDifference(d: FieldDifference): string {
  return `${formatFieldPath(d.path)}: live ${formatValue(d.live)} → desired ${formatValue(d.desired)}${formatManagers(d)}`;
}

/** Escape text for a Markdown table cell. */
export function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
