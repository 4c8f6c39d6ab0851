/* clock: boot-clock and wall-clock milliseconds, and their formatting. */
#include "clock.h"

#include <stdio.h>
#include <time.h>

static int64_t ts_ms(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t rw_mono_ms(void)
{
    return ts_ms(CLOCK_BOOTTIME);
}

int64_t rw_wall_ms(void)
{
    return ts_ms(CLOCK_REALTIME);
}

void rw_clock_hms(int64_t wall_ms, int utc, char *buf, size_t n)
{
    time_t t = (time_t)(wall_ms / 1000);
    struct tm tm;
    if (utc)
        gmtime_r(&t, &tm);
    else
        localtime_r(&t, &tm);
    strftime(buf, n, "%H:%M:%S", &tm);
}

void rw_clock_dur(int64_t ms, char *buf, size_t n)
{
    if (ms < 0)
        ms = 0;
    int64_t s = ms / 1000;
    if (ms < 1000)
        snprintf(buf, n, "%lldms", (long long)ms);
    else if (s < 60)
        snprintf(buf, n, "%llds", (long long)s);
    else if (s < 3600)
        snprintf(buf, n, "%lldm%02llds", (long long)(s / 60), (long long)(s % 60));
    else if (s < 86400)
        snprintf(buf, n, "%lldh%02lldm", (long long)(s / 3600), (long long)(s % 3600 / 60));
    else
        snprintf(buf, n, "%lldd%02lldh", (long long)(s / 86400), (long long)(s % 86400 / 3600));
}

void rw_clock_iso(int64_t wall_ms, char *buf, size_t n)
{
    time_t t = (time_t)(wall_ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    char base[32];
    strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(buf, n, "%s.%03dZ", base, (int)(wall_ms % 1000));
}
