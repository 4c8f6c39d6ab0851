/* clock: monotonic time (CLOCK_BOOTTIME, so a suspended laptop does not
 * under-report the age of data) and wall-clock time, both in milliseconds. */
#ifndef RW_CLOCK_H
#define RW_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* Milliseconds on the boot clock (counts time spent suspended). */
int64_t rw_mono_ms(void);
/* Milliseconds since the Unix epoch. */
int64_t rw_wall_ms(void);
/* Format wall ms as "HH:MM:SS" in UTC (utc=1) or local time into buf. */
void rw_clock_hms(int64_t wall_ms, int utc, char *buf, size_t n);
/* Format wall ms as ISO-8601 UTC "2026-11-23T14:03:12.250Z" into buf (n >= 25). */
void rw_clock_iso(int64_t wall_ms, char *buf, size_t n);
/* Format a duration in ms compactly: "850ms", "42s", "5m12s", "3h04m", "2d03h". */
void rw_clock_dur(int64_t ms, char *buf, size_t n);

#endif
