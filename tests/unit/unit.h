/* A minimal unit-test harness: CHECK records a failure and goes on; main returns the count. */
#ifndef ZT_TESTS_UNIT_H
#define ZT_TESTS_UNIT_H

#include <stdio.h>
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

#endif
