/* A minimal unit-test harness: CHECK records a failure and goes on; main returns the count. */
#ifndef ZT_TESTS_UNIT_H
#define ZT_TESTS_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_failures;
static int unit_checks;

#define CHECK(cond)                                                                          \
	do {                                                                                 \
		unit_checks++;                                                               \
		if (!(cond)) {                                                               \
			unit_failures++;                                                     \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                            \
	} while (0)

#define CHECK_STR(a, b)                                                                              \
	do {                                                                                         \
		unit_checks++;                                                                       \
		const char *a_ = (a), *b_ = (b);                                                     \
		if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0) {                               \
			unit_failures++;                                                             \
			fprintf(stderr, "%s:%d: expected \"%s\", got \"%s\"\n", __FILE__, __LINE__,  \
				b_ ? b_ : "(null)", a_ ? a_ : "(null)");                              \
		}                                                                                    \
	} while (0)

#define UNIT_DONE()                                                                          \
	do {                                                                                 \
		printf("%s: %d checks, %d failures\n", __FILE__, unit_checks, unit_failures); \
		return unit_failures != 0;                                                   \
	} while (0)

/* The whole file at path (NUL-terminated, *len bytes; the caller frees). A missing fixture ends the
 * test binary with a message: the unit tests run from the repository root. */
static inline char *unit_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL) {
		fprintf(stderr, "cannot open %s (run from the repository root)\n", path);
		exit(2);
	}
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, fp);
	buf[*len] = '\0';
	fclose(fp);
	return buf;
}

#endif
