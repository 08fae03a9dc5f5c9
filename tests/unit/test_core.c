/* Unit tests of the small core utilities: the string arena, the string map, the capped buffer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/strmap.h"
#include "unit.h"

/* Copies survive later copies, large strings get their own block, free empties the arena. */
static void test_arena(void)
{
	struct arena a = {0};
	char *x = arena_dup(&a, "医療機関");
	char *y = arena_dupn(&a, "abcdef", 3);
	CHECK_STR(x, "医療機関");
	CHECK_STR(y, "abc");
	size_t big = 2u << 20; /* larger than a block */
	char *s = malloc(big + 1);
	memset(s, 'z', big);
	s[big] = '\0';
	char *z = arena_dup(&a, s);
	char *w = arena_dup(&a, "after"); /* still carved from the first block */
	CHECK(strcmp(z, s) == 0);
	CHECK_STR(w, "after");
	CHECK(w == y + 4);
	CHECK(a.bytes >= big + (1u << 20));
	for (int i = 0; i < 100000; i++) /* several blocks */
		CHECK(arena_dup(&a, "0123456789abcdef0123456789abcdef") != NULL);
	CHECK_STR(x, "医療機関");
	free(s);
	arena_free(&a);
	CHECK(a.head == NULL && a.bytes == 0);
	arena_free(&a); /* twice is fine */
}

/* Get/put/replace across growth; absent keys are -1; keys are borrowed. */
static void test_strmap(void)
{
	struct strmap m = {0};
	CHECK(strmap_get(&m, "x") == -1);
	struct arena a = {0};
	char key[32];
	for (int i = 0; i < 5000; i++) {
		snprintf(key, sizeof key, "%010d", i);
		strmap_put(&m, arena_dup(&a, key), i);
	}
	CHECK(m.n == 5000);
	CHECK(strmap_get(&m, "0000004321") == 4321);
	CHECK(strmap_get(&m, "0000005000") == -1);
	strmap_put(&m, "0000004321", 7);
	CHECK(strmap_get(&m, "0000004321") == 7);
	CHECK(m.n == 5000);
	strmap_free(&m);
	CHECK(strmap_get(&m, "0000000001") == -1);
	strmap_free(&m);
	arena_free(&a);
}

/* Appends under the cap; over it ZT_ERR_TOOLARGE, the contents freed and later appends refused. */
static void test_buf(void)
{
	struct buf b;
	buf_init(&b, 16);
	CHECK_STR(buf_ptr(&b), "");
	CHECK(buf_add(&b, "0123456789") == ZT_OK);
	CHECK(buf_addf(&b, "%d%s", 12, "345") == ZT_OK);
	CHECK(b.len == 15);
	CHECK_STR(buf_ptr(&b), "012345678912345");
	CHECK(buf_addn(&b, "x", 1) == ZT_OK); /* exactly the cap */
	CHECK(buf_addn(&b, "y", 1) == ZT_ERR_TOOLARGE);
	CHECK(b.failed && b.len == 0 && b.p == NULL);
	CHECK(buf_add(&b, "") == ZT_ERR_TOOLARGE); /* sticky */
	CHECK(buf_take(&b, NULL) == NULL);
	buf_reset(&b);
	CHECK(buf_add(&b, "ok") == ZT_OK);
	size_t n = 0;
	char *t = buf_take(&b, &n);
	CHECK_STR(t, "ok");
	CHECK(n == 2);
	free(t);
	CHECK(b.len == 0);
	t = buf_take(&b, &n); /* empty: a malloc'd "" */
	CHECK_STR(t, "");
	CHECK(n == 0);
	free(t);
	/* SIZE_MAX-sized additions do not wrap */
	buf_init(&b, BUF_UNCAPPED);
	CHECK(buf_add(&b, "a") == ZT_OK);
	CHECK(buf_addn(&b, "b", (size_t)-1) == ZT_ERR_TOOLARGE);
	buf_free(&b);
	/* long formatted text */
	buf_init(&b, BUF_UNCAPPED);
	char big[1000];
	memset(big, 'q', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	CHECK(buf_addf(&b, "<%s>", big) == ZT_OK);
	CHECK(b.len == 1001 && buf_ptr(&b)[0] == '<' && buf_ptr(&b)[1000] == '>');
	buf_free(&b);
	buf_free(NULL);
}

int main(void)
{
	test_arena();
	test_strmap();
	test_buf();
	UNIT_DONE();
}
