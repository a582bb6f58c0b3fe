// The browser's IANA time zone, such as "Europe/Lisbon".
export function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
