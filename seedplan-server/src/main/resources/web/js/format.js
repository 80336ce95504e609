// Display rules shared by the screens: names, dates, numbers. Nothing here talks to the server.

/**
 * "FAMILY, Given" from the stored parts; a raw DICOM PN ("Family^Given^Middle^Prefix^Suffix") is split, never shown
 * with ^. An empty string when no name is recorded (registry imports often carry only the patient ID).
 */
export function personName(familyName, givenName) {
  let family = (familyName || '').trim();
  let given = (givenName || '').trim();
  if (family.includes('^')) {
    const parts = family.split('^');
    family = parts[0].trim();
    const rest = parts.slice(1).filter((p) => p.trim() !== '').join(' ');
    given = [rest, given].filter(Boolean).join(' ');
  }
  given = given.replace(/\^+/g, ' ').trim();
  if (!family && !given) return '';
  if (!given) return family.toUpperCase();
  if (!family) return given;
  return `${family.toUpperCase()}, ${given}`;
}

/** A DICOM PN string ("DEMO^LIVER") as "DEMO, Liver"-style display text. */
export function dicomPersonName(pn) {
  return personName(pn || '', '');
}

/** yyyy-MM-dd (or yyyyMMdd from DICOM) shown as is, in ISO order; empty stays a dash. */
export function calendarDate(value) {
  if (!value) return '—';
  const s = String(value);
  if (/^\d{8}$/.test(s)) return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  return s.slice(0, 10);
}

/** Age in whole years on today's date from a yyyy-MM-dd birth date, or '' when unknown. */
export function ageYears(birthDate, today = new Date()) {
  const d = calendarDate(birthDate);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return '';
  const [y, m, day] = d.split('-').map(Number);
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < day)) age -= 1;
  return age >= 0 ? String(age) : '';
}

/** A UTC instant shown in the browser's local time as "yyyy-MM-dd HH:mm". */
export function instant(value) {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A number with a fixed count of decimals and its unit, or a dash when missing. */
export function quantity(value, decimals, unit) {
  if (value === null || value === undefined || value === '' || Number.isNaN(Number(value))) return '—';
  const text = Number(value).toFixed(decimals);
  return unit ? `${text} ${unit}` : text;
}

/** Sex code as a word. */
export function sexLabel(code) {
  return { M: 'Male', F: 'Female', O: 'Other' }[code] || (code ? String(code) : '—');
}

/** Byte count as a short human size. */
export function byteSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
