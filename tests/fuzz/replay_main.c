/* replay_main: runs a fuzz target over every file of a corpus directory
 * without libFuzzer, so `make check` exercises each target with any compiler. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return -1;
    uint8_t *buf = NULL;
    size_t len = 0, n;
    uint8_t chunk[65536];
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        buf = realloc(buf, len + n);
        if (!buf)
            abort();
        memcpy(buf + len, chunk, n);
        len += n;
    }
    fclose(fp);
    LLVMFuzzerTestOneInput(buf ? buf : (const uint8_t *)"", len);
    /* every prefix too: truncated input is the commonest garbage */
    for (size_t cut = 0; cut < len; cut += 1 + len / 64)
        LLVMFuzzerTestOneInput(buf, cut);
    free(buf);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR\n", argv[0]);
        return 2;
    }
    DIR *d = opendir(argv[1]);
    if (!d) {
        perror(argv[1]);
        return 1;
    }
    int files = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], e->d_name);
        if (replay(path) == 0)
            files++;
    }
    closedir(d);
    printf("replayed %d inputs (and their prefixes) from %s\n", files, argv[1]);
    return files > 0 ? 0 : 1;
}
