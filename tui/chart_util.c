/* chart_util: bucket values, the y range, label formatting, the sparkline and
 * row text for the chart module (see chart.h). No libm: rounding is done on
 * integers, so labels are exact decimal strings. */
#include "chart_int.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define CHART_MAX_BUCKETS ((size_t)1 << 20) /* keeps index arithmetic far from overflow */

size_t chart_window(const struct chart_spec *spec, const struct chart_series *series,
                    size_t nseries)
{
    size_t nb = spec ? spec->buckets : 0;
    for (size_t i = 0; (!spec || !spec->buckets) && series && i < nseries; i++)
        if (series[i].v && series[i].n > nb)
            nb = series[i].n;
    return nb > CHART_MAX_BUCKETS ? CHART_MAX_BUCKETS : nb;
}

double chart_bucket(const struct chart_series *s, size_t nb, size_t b)
{
    if (!s || !s->v || b >= nb)
        return NAN;
    size_t i;
    if (s->n >= nb) {
        i = b + (s->n - nb);           /* the last nb values */
    } else {
        if (b < nb - s->n)
            return NAN;                /* before the series starts */
        i = b - (nb - s->n);
    }
    if (s->missing && s->missing[i])
        return NAN;
    double v = s->v[i];
    if (!isfinite(v))
        return NAN;
    return v < 0 ? 0 : v;
}

double chart_bucket_max(const struct chart_series *s, size_t nb, size_t from, size_t to)
{
    double m = NAN;
    for (size_t b = from; b < to && b < nb; b++) {
        double v = chart_bucket(s, nb, b);
        if (!isnan(v) && (isnan(m) || v > m))
            m = v;
    }
    return m;
}

void chart_cell_set(struct chart_cell *c, const char *text, enum chart_role role)
{
    size_t n = strlen(text);
    if (n > sizeof c->text - 1)
        n = sizeof c->text - 1;
    memcpy(c->text, text, n);
    c->text[n] = '\0';
    c->role = (unsigned char)role;
    c->series = 0;
}

void chart_clear(struct chart_cell *cells, size_t n)
{
    for (size_t i = 0; i < n; i++)
        chart_cell_set(&cells[i], " ", CHART_NONE);
}

void chart_range(const struct chart_spec *spec, const struct chart_series *series,
                 size_t nseries, double *lo, double *hi)
{
    static const struct chart_spec zero;
    if (!spec)
        spec = &zero;
    if (spec->fixed && spec->y_min >= 0 && spec->y_max > spec->y_min &&
        isfinite(spec->y_max)) {
        *lo = spec->y_min;
        *hi = spec->y_max;
        return;
    }
    double top = 0;
    size_t nb = chart_window(spec, series, nseries);
    for (size_t i = 0; series && i < nseries; i++) {
        double m = chart_bucket_max(&series[i], nb, 0, nb);
        if (m > top)
            top = m;
    }
    double t = spec->crit > 0 ? spec->crit : spec->warn > 0 ? spec->warn : 0;
    if (isfinite(t) && t * 1.1 > top)
        top = t * 1.1;
    if (!(top > 0))
        top = 1;
    *lo = 0;
    *hi = top > DBL_MAX ? DBL_MAX : top;
}

/* A value rounded to 3 significant digits: m * 10^e, 100 <= m <= 999 (or m == 0). */
struct num {
    int m, e;
};

static struct num num_round(double v)
{
    struct num x = { 0, 0 };
    if (!(v > 0) || !isfinite(v))
        return x;
    double s = v;
    while (s >= 1000) {
        s /= 10;
        x.e++;
    }
    while (s < 100) {
        s *= 10;
        x.e--;
    }
    x.m = (int)(s + 0.5);
    if (x.m >= 1000) {
        x.m /= 10;
        x.e++;
    }
    return x;
}

static double num_value(struct num x)
{
    double v = x.m;
    for (int e = x.e; e > 0; e--)
        v *= 10;
    for (int e = x.e; e < 0; e++)
        v /= 10;
    return v;
}

/* x * 10^shift as a decimal string, trailing zeros after the point dropped. */
static void num_str(struct num x, int shift, char *out, size_t n)
{
    char d[16];
    snprintf(d, sizeof d, "%03d", x.m);
    int e = x.e + shift;
    if (x.m == 0)
        snprintf(out, n, "0");
    else if (e >= 0 && e <= 6)
        snprintf(out, n, "%s%.*s", d, e, "000000");
    else if (e < 0 && e >= -3)
        snprintf(out, n, "%.*s%s.%s", 3 + e, d, e == -3 ? "0" : "", d + 3 + e);
    else if (e < -3 && e >= -9)
        snprintf(out, n, "0.%.*s%s", -e - 3, "000000", d);
    else
        snprintf(out, n, "%c.%s", d[0], d + 1);   /* the exponent follows */
    if (strchr(out, '.')) {
        size_t len = strlen(out);
        while (len && out[len - 1] == '0')
            out[--len] = '\0';
        if (len && out[len - 1] == '.')
            out[--len] = '\0';
    }
    if (x.m && (e > 6 || e < -9)) {
        size_t len = strlen(out);
        snprintf(out + len, n > len ? n - len : 0, "e%d", e + 2);
    }
}

/* x with a k/M/G/T/P/E suffix from 1000 up, then unit. */
static void fmt_si(struct num x, const char *unit, char *out, size_t n)
{
    static const char sfx[] = "kMGTPE";
    int mag = x.e + 2, k = 0;
    if (x.m && mag >= 3 && mag < 21)
        k = mag / 3;   /* beyond E: plain exponent notation */
    char s[32], suffix[2] = { k ? sfx[k - 1] : '\0', '\0' };
    num_str(x, -3 * k, s, sizeof s);
    snprintf(out, n, "%s%s%s", s, suffix, unit);
}

static void fmt_seconds(double v, char *out, size_t n)
{
    struct num x = num_round(v);
    int mag = x.e + 2;
    char s[32];
    if (x.m == 0) {
        snprintf(out, n, "0s");
    } else if (mag < -3) {
        num_str(x, 6, s, sizeof s);
        snprintf(out, n, "%sus", s);
    } else if (mag < 0) {
        num_str(x, 3, s, sizeof s);
        snprintf(out, n, "%sms", s);
    } else if (num_value(x) < 60) {
        num_str(x, 0, s, sizeof s);
        snprintf(out, n, "%ss", s);
    } else if (num_value(x = num_round(num_value(x) / 60)) < 60) {
        num_str(x, 0, s, sizeof s);
        snprintf(out, n, "%sm", s);
    } else {
        fmt_si(num_round(num_value(x) / 60), "h", out, n);
    }
}

int chart_fmt(double v, enum chart_unit unit, char *buf, size_t n)
{
    char s[48];
    const char *sign = "";
    if (isnan(v))
        return snprintf(buf, n, "-");
    if (v < 0) {
        sign = "-";
        v = -v;
    }
    if (unit == CHART_UNIT_RATIO)
        v *= 100;
    if (isinf(v))
        snprintf(s, sizeof s, "inf%s", unit == CHART_UNIT_RATIO ? "%" : "");
    else if (unit == CHART_UNIT_SECONDS)
        fmt_seconds(v, s, sizeof s);
    else
        fmt_si(num_round(v), unit == CHART_UNIT_RATIO ? "%" : "", s, sizeof s);
    return snprintf(buf, n, "%s%s", sign, s);
}

static int spark_level(double v, double lo, double hi)
{
    double f = (v - lo) / (hi - lo);
    if (!(f > 0))
        f = 0;
    if (f > 1)
        f = 1;
    return (int)(f * 7 + 0.5);
}

int chart_sparkline(const struct chart_spec *spec, const struct chart_series *s,
                    struct chart_cell *row, int cols)
{
    static const char *const bars[8] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
    static const char ascii[] = " .:-=+*#";
    static const struct chart_spec zero;
    if (cols < 0 || (cols > 0 && !row))
        return -1;
    chart_clear(row, (size_t)cols);
    if (!s || cols == 0)
        return 0;
    if (!spec)
        spec = &zero;
    double lo, hi;
    chart_range(spec, s, 1, &lo, &hi);
    size_t nb = chart_window(spec, s, 1), nc = (size_t)cols;
    for (size_t c = 0; c < nc; c++) {
        double v;
        if (nb <= nc)   /* one cell per bucket, newest at the right */
            v = c < nc - nb ? NAN : chart_bucket(s, nb, c - (nc - nb));
        else
            v = chart_bucket_max(s, nb, c * nb / nc, (c + 1) * nb / nc);
        if (isnan(v))
            continue;
        int level = spark_level(v, lo, hi);
        char a[2] = { ascii[level], '\0' };
        chart_cell_set(&row[c], spec->utf8 ? bars[level] : a, CHART_LINE);
    }
    return 0;
}

size_t chart_row_text(const struct chart_cell *row, int cols, char *buf, size_t n)
{
    size_t len = 0;
    if (!n)
        return 0;
    for (int c = 0; row && c < cols; c++) {
        size_t k = strnlen(row[c].text, sizeof row[c].text);
        if (len + k + 1 > n)
            break;
        memcpy(buf + len, row[c].text, k);
        len += k;
    }
    buf[len] = '\0';
    return len;
}
