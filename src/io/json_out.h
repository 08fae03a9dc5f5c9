/* A one-pass JSON writer into a growing buffer, for replies too hot to build as a jansson tree and
 * dump afterwards (issue 10 §7: the facility listing). Output is byte-for-byte what json_dumps()
 * gives with JSON_COMPACT | JSON_REAL_PRECISION(12) for the same values in the same order
 * (tests/unit/test_json_out.c checks it). Out of memory aborts, like the rest of the project. */
#ifndef ZT_IO_JSON_OUT_H
#define ZT_IO_JSON_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct json_out {
	char *buf; /* NUL-terminated; owned until json_out_take() */
	size_t len, cap;
	bool comma; /* a value was written at this level: the next one needs a ',' */
};

/* An empty writer with room for hint bytes. */
void json_out_init(struct json_out *o, size_t hint);
/* The text written so far (caller owns; free()); *len gets its length. The writer is empty after. */
char *json_out_take(struct json_out *o, size_t *len);
void json_out_free(struct json_out *o);

void json_out_open(struct json_out *o, char brace);  /* '{' or '[' */
void json_out_close(struct json_out *o, char brace); /* '}' or ']' */
/* The key of the next member of an object: a literal that needs no escaping (ASCII letters, digits, '_'). */
void json_out_key(struct json_out *o, const char *key);
/* Values. A string that is not valid UTF-8 is written with U+FFFD for each byte beyond ASCII
 * (json_string() would refuse it). */
void json_out_str(struct json_out *o, const char *s);
void json_out_str_or_null(struct json_out *o, const char *s); /* null when s is "" */
void json_out_int(struct json_out *o, int64_t v);
void json_out_real(struct json_out *o, double v);
void json_out_bool(struct json_out *o, bool v);
void json_out_null(struct json_out *o);

#endif
