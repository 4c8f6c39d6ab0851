/* chart_int: helpers shared by the chart module's files (not for other modules). */
#ifndef RW_CHART_INT_H
#define RW_CHART_INT_H

#include "chart.h"

/* The time window in buckets: spec->buckets, else the longest series. */
size_t chart_window(const struct chart_spec *spec, const struct chart_series *series,
                    size_t nseries);
/* Bucket b (0 = oldest) of a window of nb buckets: the value clamped to >= 0,
 * or NaN when the bucket has no datapoint. */
double chart_bucket(const struct chart_series *s, size_t nb, size_t b);
/* The max of buckets [from, to) of s, or NaN when none has a datapoint. */
double chart_bucket_max(const struct chart_series *s, size_t nb, size_t from, size_t to);
/* Set a cell's text (at most 4 bytes) and role. */
void chart_cell_set(struct chart_cell *c, const char *text, enum chart_role role);
/* Fill n cells with blank CHART_NONE cells. */
void chart_clear(struct chart_cell *cells, size_t n);

#endif
